/**
 * A result below the level this account needs: what more is needed, and the ways to get it here — a second
 * method (the two approvals together count as HIGH) or a second operator's approval.
 */
import { useId, useState } from 'react';
import type { VerificationMode, VerificationView } from '../../../../contract/domain';
import { formatLocalTime } from '../../lib/format';
import { useVerification } from '../../stores/verification';
import { useNow } from '../useNow';

function SecondApproval({ via }: { via: 'sign-in' | 'attested' }) {
  const ids = useId();
  const approve = useVerification((s) => s.secondApproval);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (busy) return;
    setBusy(true);
    const result = await approve(via === 'attested' ? name : undefined);
    setBusy(false);
    if (!result.ok) setError(result.message.replace(/^approver:\s*/, 'The second operator’s name '));
  };
  return (
    <form
      className="second-approval"
      aria-label="Second operator’s approval"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {via === 'attested' ? (
        <div className="field">
          <label htmlFor={`${ids}-name`}>Second operator’s user name</label>
          <p id={`${ids}-hint`} className="field-hint">
            They type it here themselves. It is recorded as given at this desk: it does not sign them in.
          </p>
          <input
            id={`${ids}-name`}
            autoComplete="off"
            value={name}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${ids}-hint${error ? ` ${ids}-error` : ''}`}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
      ) : null}
      {busy && via === 'sign-in' ? (
        <p className="field-hint" role="status">
          The sign-in page is open in the browser. The second operator signs in there with their own account; this
          waits for them.
        </p>
      ) : null}
      {error ? (
        <p id={`${ids}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        {via === 'sign-in' ? 'Second operator signs in to approve' : 'Approve as second operator'}
      </button>
    </form>
  );
}

export function ProofNeeded({ view }: { view: VerificationView }) {
  const startSecond = useVerification((s) => s.startSecondMethod);
  const sending = useVerification((s) => s.sending);
  const until = view.assurance?.secondMethodUntil ?? null;
  const now = useNow(until !== null);
  const open = until !== null && Date.parse(until) > now;
  const other: VerificationMode[] = view.assurance?.secondMethodModes ?? [];
  const via = view.assurance?.secondApproval ?? null;
  return (
    <div className="next-steps proof-needed" data-testid="proof-needed">
      <p className="next-steps-title">What more is needed</p>
      <p className="next-steps-text">{view.assurance?.needs ?? view.nextSteps}</p>
      <div className="next-steps-actions">
        {open
          ? other.map((mode) => (
              <button key={mode} type="button" className="button button-primary" aria-disabled={sending || undefined} onClick={() => !sending && void startSecond(mode)}>
                {mode === 'otp' ? 'Verify with code read-back' : 'Verify with a push'}
              </button>
            ))
          : null}
        {until && open ? <p className="field-hint">A second method must start before {formatLocalTime(until)}.</p> : null}
        {until && !open ? <p className="field-hint">The time for a second method has passed.</p> : null}
      </div>
      {via ? <SecondApproval via={via} /> : null}
    </div>
  );
}
