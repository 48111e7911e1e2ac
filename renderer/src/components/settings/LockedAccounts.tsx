/** Settings → Locked accounts: accounts locked after a fraud report or repeated denials; an administrator clears them. */
import { useEffect, useId, useState } from 'react';
import type { LockView } from '../../../../contract/policy/view';
import { formatLocalTime } from '../../lib/format';
import { usePolicy } from '../../stores/policy';
import { Breakable } from '../Breakable';
import { Notice } from '../Notice';

function Lock({ lock }: { lock: LockView }) {
  const ids = useId();
  const clearLock = usePolicy((s) => s.clearLock);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (busy) return;
    setBusy(true);
    const result = await clearLock(lock.targetCanonical, note);
    setBusy(false);
    if (!result.ok) setError(result.message);
  };
  return (
    <li className="card locked-account" data-testid="locked-account">
      <p className="card-title">
        <Breakable text={lock.target} />
      </p>
      <p>
        Locked {formatLocalTime(lock.lockedAt)}: {lock.reason === 'fraud_reported' ? 'the account holder reported a request as fraud' : 'the account holder denied repeated requests'} (audit entry #{lock.seq}).
      </p>
      {open ? (
        <form
          className="form-grid"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <div className="field">
            <label htmlFor={`${ids}-note`}>What was checked before clearing (recorded in the audit log)</label>
            <textarea id={`${ids}-note`} rows={2} value={note} aria-describedby={error ? `${ids}-error` : undefined} onChange={(e) => setNote(e.target.value)} />
            {error ? (
              <p id={`${ids}-error`} className="field-error">
                {error}
              </p>
            ) : null}
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-danger" aria-disabled={busy || undefined}>
              Clear the lock
            </button>
            <button type="button" className="button" onClick={() => setOpen(false)}>
              Keep it locked
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button" onClick={() => setOpen(true)}>
          Clear lock…
        </button>
      )}
    </li>
  );
}

export function LockedAccounts() {
  const ids = useId();
  const locks = usePolicy((s) => s.locks);
  const error = usePolicy((s) => s.locksError);
  const load = usePolicy((s) => s.loadLocks);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="card locked-accounts" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="card-title">
        Locked accounts
      </h2>
      <p className="field-hint">
        No verification of a locked account is sent from this app. Only an administrator may clear a lock, with a note of what was checked.
      </p>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {locks.length === 0 ? <p className="empty-state">No account is locked.</p> : null}
      <ul className="profile-list" aria-label="Locked accounts">
        {locks.map((lock) => (
          <Lock key={lock.targetCanonical} lock={lock} />
        ))}
      </ul>
    </section>
  );
}
