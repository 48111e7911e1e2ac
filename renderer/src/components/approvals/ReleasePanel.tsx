/**
 * The release on screen: exactly what is approved, the approvals so far, the step-up of the approver at the
 * keyboard (or the next approver's sign-in), and the signed receipt once complete.
 */
import { useEffect, useId, useRef } from 'react';
import type { ReleaseView, StepUpView } from '../../../../contract/approvals-view';
import { useApprovals } from '../../stores/approvals';
import { Notice } from '../Notice';
import { Receipt } from './Receipt';
import { RecoveryCode } from './RecoveryCode';
import { ReleaseSummary } from './ReleaseSummary';
import { SignInForm } from './SignInForm';
import { StepUpProgress } from './StepUpProgress';

const LIVE: readonly StepUpView['status'][] = ['signing_in', 'choose_factor', 'challenging', 'awaiting_code', 'awaiting_push', 'verifying', 'enroll', 'enrolling'];

/** The words of the last step: the failure, the refusal, or the approval just recorded. */
function StepUpWords({ stepUp }: { stepUp: StepUpView }) {
  if (!stepUp.title) return null;
  const tone = stepUp.status === 'approved' || stepUp.status === 'enrolled' ? 'info' : LIVE.includes(stepUp.status) ? 'warning' : 'error';
  return (
    <div data-testid="step-up-result" data-status={stepUp.status}>
      <Notice tone={tone} title={stepUp.title}>
        <p>{stepUp.message}</p>
        {stepUp.nextSteps ? <p>{stepUp.nextSteps}</p> : null}
      </Notice>
    </div>
  );
}

export function ReleasePanel({ release }: { release: ReleaseView }) {
  const ids = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const receipt = useApprovals((s) => s.receipt);
  const openReceipt = useApprovals((s) => s.openReceipt);
  const act = useApprovals((s) => s.act);
  const newRelease = useApprovals((s) => s.newRelease);
  const actionError = useApprovals((s) => s.actionError);
  const busy = useApprovals((s) => s.busy);
  const stepUp = release.stepUp;
  const live = stepUp !== null && LIVE.includes(stepUp.status);

  useEffect(() => headingRef.current?.focus(), [release.id]);
  useEffect(() => {
    if (release.receiptId && receipt?.id !== release.receiptId) void openReceipt(release.receiptId);
  }, [release.receiptId, receipt?.id, openReceipt]);

  return (
    <section className="card release-panel" aria-labelledby={`${ids}-title`} data-testid="release" data-status={release.status}>
      <h2 id={`${ids}-title`} ref={headingRef} tabIndex={-1} className="card-title">
        {release.status === 'approved' ? 'Approved release' : release.status === 'discarded' ? 'Discarded release' : 'Release awaiting approval'}{' '}
        {release.sandbox ? <span className="badge badge-sandbox">Sandbox</span> : null}
      </h2>
      <ReleaseSummary release={release} />
      {release.notice ? <Notice tone="warning">{release.notice}</Notice> : null}
      {stepUp?.recoveryCode ? <RecoveryCode stepUp={stepUp} /> : null}
      {/* While a code is awaited, its refusal is told at the code field instead. */}
      <div aria-live="polite">{stepUp && stepUp.status !== 'awaiting_code' ? <StepUpWords stepUp={stepUp} /> : null}</div>
      {live ? <StepUpProgress stepUp={stepUp} /> : null}
      {!live && release.status === 'open' && !stepUp?.recoveryCode ? <SignInForm release={release} /> : null}
      {release.status === 'open' && release.approvals.length >= release.requiredApprovers && !release.receiptId ? (
        <button type="button" className="button" disabled={busy} onClick={() => void act((mfa) => mfa.approvals.signReceipt(release.id))}>
          Sign the receipt
        </button>
      ) : null}
      {actionError ? <Notice tone="error">{actionError}</Notice> : null}
      {receipt && receipt.id === release.receiptId ? <Receipt receipt={receipt} /> : null}
      <div className="form-actions">
        {release.status === 'open' ? (
          <button type="button" className="button button-quiet" disabled={busy} onClick={() => void act((mfa) => mfa.approvals.discard(release.id))}>
            Discard release
          </button>
        ) : null}
        <button type="button" className="button button-quiet" onClick={newRelease}>
          New release
        </button>
      </div>
    </section>
  );
}
