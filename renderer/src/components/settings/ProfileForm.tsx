/**
 * Add or edit a profile of any provider: the fields come from the provider's contract, errors from its own
 * schema (checked here before sending, and again in main) appear at their field, in the form-error pattern.
 */
import { useEffect, useState } from 'react';
import type { ProfileSummary } from '../../../../contract/domain';
import { providerContracts, type ProviderKind } from '../../../../contract/providers/index';
import type { SettingsField } from '../../../../contract/providers/types';
import { draftFromProfile, emptyDraft, fieldErrorFromMessage, fieldsOf, isShown, labelOf, toProfileInput, type ProfileDraft } from '../../lib/profileForm';
import { useProfiles } from '../../stores/profiles';
import { CheckedForm } from '../form/CheckedForm';
import { Field } from '../form/Field';
import { FormStatus, submitProps } from '../form/FormStatus';
import { sentence, withoutFieldPath } from '../form/messages';
import { useFieldErrors, type FieldMessages } from '../form/useFieldErrors';

export function ProfileForm({ profile, onDone }: { profile: ProfileSummary | null; onDone: (saved: ProfileSummary | null) => void }) {
  const save = useProfiles((s) => s.save);
  const [draft, setDraft] = useState<ProfileDraft>(() => (profile ? draftFromProfile(profile) : emptyDraft(providerContracts[0].kind)));
  const [saving, setSaving] = useState(false);
  const contract = providerContracts.find((c) => c.kind === draft.kind) ?? providerContracts[0];
  const errors = useFieldErrors<string>((key) => (key === 'kind' ? 'Identity provider' : labelOf(draft.kind, key)), 'Not saved');
  const shown = fieldsOf(draft.kind).filter((field) => isShown(field, draft.values));
  const order = ['kind', 'displayName', ...shown.map((f) => f.key)];

  // Opening the form puts the operator in its first field.
  useEffect(() => {
    document.getElementById(errors.ids.control(profile ? 'displayName' : 'kind'))?.focus();
  }, [errors.ids, profile]);

  const setValue = (key: string, value: string) => {
    setDraft((d) => (key === 'displayName' ? { ...d, displayName: value } : { ...d, values: { ...d.values, [key]: value } }));
    errors.clear(key);
  };

  /** Schema fragments ("must be …") become sentences that start with the field's label. */
  const asSentences = (fragments: Record<string, string>): FieldMessages<string> =>
    Object.fromEntries(Object.entries(fragments).filter(([, text]) => text).map(([key, text]) => [key, sentence(labelOf(draft.kind, key), text)]));

  const submit = async () => {
    const built = toProfileInput(draft);
    if (!built.ok) {
      errors.show(asSentences(built.errors), order);
      return;
    }
    setSaving(true);
    const result = await save(built.input);
    setSaving(false);
    if (result.ok) return onDone(result.value);
    const named = result.code === 'bad_request' ? asSentences(fieldErrorFromMessage(draft.kind, result.message)) : {};
    if (!errors.show(named, order)) errors.fail(withoutFieldPath(result.message));
  };

  const control = (field: SettingsField) => (
    <Field key={field.key} form={errors} name={field.key} label={field.label} hint={field.hint ?? null}>
      {(props) =>
        field.control === 'select' ? (
          <select {...props} value={draft.values[field.key] ?? ''} onChange={(event) => setValue(field.key, event.target.value)}>
            {(field.options ?? []).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        ) : field.control === 'textarea' ? (
          <textarea
            {...props}
            className="settings-pem"
            rows={6}
            autoComplete="off"
            spellCheck={false}
            placeholder={field.placeholder}
            value={draft.values[field.key] ?? ''}
            onChange={(event) => setValue(field.key, event.target.value)}
          />
        ) : (
          <input
            {...props}
            type="text"
            inputMode={field.control === 'number' ? 'numeric' : undefined}
            autoComplete="off"
            spellCheck={false}
            placeholder={field.placeholder}
            value={draft.values[field.key] ?? ''}
            onChange={(event) => setValue(field.key, event.target.value)}
          />
        )
      }
    </Field>
  );

  return (
    <CheckedForm
      className="card profile-form"
      aria-labelledby="profile-form-title"
      busy={saving}
      onSubmit={submit}
    >
      <h2 id="profile-form-title" className="card-title">
        {profile ? `Edit “${profile.displayName}”` : 'Add a provider profile'}
      </h2>
      <div className="form-grid">
        {profile ? null : (
          <Field form={errors} name="kind" label="Identity provider" hint={contract.description}>
            {(props) => (
              <select
                {...props}
                value={draft.kind}
                onChange={(event) => {
                  const kind = event.target.value as ProviderKind;
                  setDraft({ ...emptyDraft(kind), displayName: draft.displayName });
                  errors.reset();
                }}
              >
                {providerContracts.map((c) => (
                  <option key={c.kind} value={c.kind}>
                    {c.displayName}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field form={errors} name="displayName" label="Display name">
          {(props) => (
            <input {...props} type="text" autoComplete="off" value={draft.displayName} onChange={(event) => setValue('displayName', event.target.value)} />
          )}
        </Field>
        {shown.map(control)}
      </div>
      <div className="form-actions">
        <button className="button button-primary" {...submitProps(errors, saving)}>
          {saving ? 'Saving…' : 'Save profile'}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
      <FormStatus form={errors} failureTitle="The profile was not saved" />
    </CheckedForm>
  );
}
