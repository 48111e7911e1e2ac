/**
 * Write-only secret entry. The value lives only in this input's state and is cleared the moment it is sent;
 * the app never reads a secret back, it only learns the secret's state (set, not set, or keychain locked). A
 * blank secret is refused at the field; after saving or removing, focus lands on the confirmation.
 */
import { useEffect, useId, useState } from 'react';
import type { ProfileSummary } from '../../../../contract/domain';
import { contractFor } from '../../../../contract/providers/index';
import { useProfiles } from '../../stores/profiles';
import { CheckedForm } from '../form/CheckedForm';
import { Field } from '../form/Field';
import { FormStatus, submitProps } from '../form/FormStatus';
import { useFieldErrors } from '../form/useFieldErrors';
import { Notice } from '../Notice';

/** Why a secret cannot be saved as typed, in words for the administrator; null when it can. */
export function secretProblem(label: string, value: string): string | null {
  if (value === '') return `${label} is required: paste the value to save it.`;
  // Why: a secret of spaces would be saved as "set" and then fail at sign-in, far from its cause.
  if (value.trim() === '') return `${label} must not be blank: it contains only spaces or line breaks.`;
  return null;
}

export function SecretForm({ profile }: { profile: ProfileSummary }) {
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [acted, setActed] = useState(0);
  const setSecret = useProfiles((s) => s.setSecret);
  const deleteSecret = useProfiles((s) => s.deleteSecret);
  const note = useProfiles((s) => s.secretNotes[profile.id] ?? null);
  const spec = contractFor(profile.kind).secret(profile.settings as never);
  const label = spec?.label ?? 'Secret';
  const errors = useFieldErrors<'secret'>(() => label, 'Not saved');
  const noteId = `${useId()}-note`;

  // The confirmation (or the refusal) replaces what was pressed: focus goes there, where it is read.
  useEffect(() => {
    if (acted > 0) document.getElementById(noteId)?.focus();
  }, [acted, noteId]);

  const send = async () => {
    const problem = secretProblem(label, value);
    if (problem) {
      errors.show({ secret: problem }, ['secret']);
      return;
    }
    const secret = value;
    setValue(''); // Why: do not keep the secret in renderer state any longer than the call needs.
    setBusy(true);
    await setSecret(profile.id, secret);
    setBusy(false);
    setActed((n) => n + 1);
  };

  const remove = async () => {
    if (busy) return;
    setBusy(true);
    await deleteSecret(profile.id);
    setBusy(false);
    setActed((n) => n + 1);
  };

  // A provider without a secret (the app's own authenticator) has nothing to enter here.
  if (!spec) return null;

  return (
    <CheckedForm
      className="secret-form"
      busy={busy}
      onSubmit={send}
    >
      <Field form={errors} name="secret" label={spec.label} hint={spec.hint}>
        {(props) =>
          spec.multiline ? (
            <textarea
              {...props}
              className="secret-pem"
              rows={6}
              autoComplete="off"
              spellCheck={false}
              value={value}
              readOnly={busy}
              onChange={(event) => {
                setValue(event.target.value);
                errors.clear('secret');
              }}
            />
          ) : (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              spellCheck={false}
              value={value}
              readOnly={busy}
              onChange={(event) => {
                setValue(event.target.value);
                errors.clear('secret');
              }}
            />
          )
        }
      </Field>
      <div className="form-actions">
        <button className="button button-primary" {...submitProps(errors, busy)}>
          Save secret
        </button>
        {profile.secret === 'set' ? (
          <button type="button" className="button" aria-disabled={busy || undefined} onClick={() => void remove()}>
            Remove secret
          </button>
        ) : null}
      </div>
      <FormStatus form={errors} failureTitle="The secret was not saved" />
      {note ? (
        <Notice id={noteId} focusable tone={note.tone === 'error' ? 'error' : 'info'} testId="secret-note">
          {note.text}
        </Notice>
      ) : null}
    </CheckedForm>
  );
}
