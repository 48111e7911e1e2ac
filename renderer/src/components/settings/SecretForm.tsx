/**
 * Write-only secret entry. The value lives only in this input's state and is cleared the moment it is sent;
 * the app never reads a secret back, it only learns the secret's state (set, not set, or keychain locked).
 */
import { useId, useState } from 'react';
import type { ProfileSummary } from '../../../../contract/domain';
import { contractFor } from '../../../../contract/providers/index';
import { useProfiles } from '../../stores/profiles';
import { Notice } from '../Notice';

export function SecretForm({ profile }: { profile: ProfileSummary }) {
  const ids = useId();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const setSecret = useProfiles((s) => s.setSecret);
  const deleteSecret = useProfiles((s) => s.deleteSecret);
  const note = useProfiles((s) => s.secretNotes[profile.id] ?? null);
  const spec = contractFor(profile.kind).secret(profile.settings as never);

  const send = async () => {
    const secret = value;
    setValue(''); // Why: do not keep the secret in renderer state any longer than the call needs.
    setBusy(true);
    await setSecret(profile.id, secret);
    setBusy(false);
  };

  const remove = async () => {
    setBusy(true);
    await deleteSecret(profile.id);
    setBusy(false);
  };

  // A provider without a secret (the app's own authenticator) has nothing to enter here.
  if (!spec) return null;

  return (
    <form
      className="secret-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (value !== '' && !busy) void send();
      }}
    >
      <label htmlFor={`${ids}-secret`}>{spec.label}</label>
      <p id={`${ids}-hint`} className="field-hint">
        {spec.hint}
      </p>
      {spec.multiline ? (
        <>
          <textarea
            id={`${ids}-secret`}
            className="secret-pem"
            rows={6}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${ids}-hint`}
            value={value}
            disabled={busy}
            onChange={(event) => setValue(event.target.value)}
          />
        </>
      ) : (
        <input
          id={`${ids}-secret`}
          type="password"
          aria-describedby={`${ids}-hint`}
          autoComplete="new-password"
          spellCheck={false}
          value={value}
          disabled={busy}
          onChange={(event) => setValue(event.target.value)}
        />
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={value === '' || busy}>
          Save secret
        </button>
        {profile.secret === 'set' ? (
          <button type="button" className="button" disabled={busy} onClick={() => void remove()}>
            Remove secret
          </button>
        ) : null}
      </div>
      {note ? <Notice tone={note.tone === 'error' ? 'error' : 'info'}>{note.text}</Notice> : null}
    </form>
  );
}
