/**
 * A new recovery code, shown exactly once: main hands it over on request and forgets it. The approver
 * confirms they stored it before going on; after that it cannot be shown again.
 */
import { useId, useState } from 'react';
import type { StepUpView } from '../../../../contract/approvals-view';
import { useApprovals } from '../../stores/approvals';

export function RecoveryCode({ stepUp }: { stepUp: StepUpView }) {
  const ids = useId();
  const [stored, setStored] = useState(false);
  const code = useApprovals((s) => s.recoveryCode);
  const take = useApprovals((s) => s.takeRecoveryCode);
  const ack = useApprovals((s) => s.ackRecoveryCode);
  return (
    <section className="card recovery-code" aria-labelledby={`${ids}-title`} data-testid="recovery-code">
      <h3 id={`${ids}-title`} className="section-title">
        Your new recovery code
      </h3>
      {stepUp.recoveryCode === 'waiting' ? (
        <>
          <p>Auth0 issued a new recovery code. It is shown once: have a safe place ready (a password manager), then show it.</p>
          <button type="button" className="button" onClick={() => void take(stepUp.id)}>
            Show the recovery code once
          </button>
        </>
      ) : code ? (
        <>
          <p className="recovery-code-value" data-testid="recovery-code-value">
            {code}
          </p>
          <p className="field-hint">Store it now: it lets you sign in if you lose your phone, and it is not shown again. Any earlier recovery code no longer works.</p>
        </>
      ) : (
        <p>The recovery code was shown once and cannot be shown again.</p>
      )}
      {stepUp.recoveryCode === 'shown' ? (
        <div className="form-actions">
          <label className="radio-inline">
            <input id={`${ids}-stored`} type="checkbox" checked={stored} onChange={(event) => setStored(event.target.checked)} /> I have stored the recovery code safely
          </label>
          <button type="button" className="button button-primary" disabled={!stored} onClick={() => void ack(stepUp.id)}>
            Continue
          </button>
        </div>
      ) : null}
    </section>
  );
}
