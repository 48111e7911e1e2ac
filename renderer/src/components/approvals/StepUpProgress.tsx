/** One approver's step-up while it runs: choose a factor, type a code, answer the push, or enroll. */
import { useEffect, useState } from 'react';
import type { StepUpView } from '../../../../contract/approvals-view';
import { secondsUntil } from '../../lib/releaseForm';
import { selectCurrent, useApprovals } from '../../stores/approvals';
import { CodeForm } from '../form/CodeForm';
import { withoutFieldPath } from '../form/messages';
import { useFieldErrors } from '../form/useFieldErrors';
import { useNow } from '../useNow';
import { EnrollChoice, EnrollmentQr } from './Enrollment';
import { codeLabels } from './words';

function Expiry({ stepUp }: { stepUp: StepUpView }) {
  const now = useNow(true);
  const left = secondsUntil(stepUp.signInExpiresAt, now);
  if (left === null) return null;
  return (
    <p className="field-hint">
      Auth0 accepts your second factor for {Math.floor(left / 60)}:{String(left % 60).padStart(2, '0')} more minutes.
    </p>
  );
}

function FactorChoice({ stepUp }: { stepUp: StepUpView }) {
  const act = useApprovals((s) => s.act);
  const busy = useApprovals((s) => s.busy);
  return (
    <div className="factor-choice">
      <p>Choose how to confirm that it is you:</p>
      <ul className="factor-list">
        {stepUp.authenticators.map((a) => (
          <li key={a.id}>
            <button type="button" className="button" disabled={busy} onClick={() => void act((mfa) => mfa.approvals.challenge(stepUp.id, a.id))}>
              {a.label}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ApproverCode({ stepUp }: { stepUp: StepUpView }) {
  const [code, setCode] = useState('');
  const act = useApprovals((s) => s.act);
  const busy = useApprovals((s) => s.busy);
  const kind = codeLabels[stepUp.codeKind ?? 'otp'];
  const form = useFieldErrors<'code'>(() => kind.label, 'Not checked');
  useEffect(() => document.getElementById(form.ids.control('code'))?.focus(), [stepUp.id, stepUp.codeKind, form.ids]);

  const submit = async (): Promise<void> => {
    const sent = code.trim();
    if (!kind.pattern.test(sent)) {
      form.show({ code: sent === '' ? `${kind.label} is required: ${kind.hint.toLowerCase()}` : `${kind.label} must be ${kind.hint.toLowerCase()}` }, ['code']);
      return;
    }
    // A code is single use: cleared so a second press cannot resend it.
    setCode('');
    const refused = await act((mfa) => mfa.approvals.submitCode(stepUp.id, sent), true);
    if (refused) return form.fail(withoutFieldPath(refused));
    // Still waiting for a code: Auth0 refused this one; say so at the field and go back to it.
    const now = selectCurrent(useApprovals.getState())?.stepUp;
    if (now?.status === 'awaiting_code' && now.message) form.show({ code: [now.message, now.nextSteps].filter(Boolean).join(' ') }, ['code']);
  };

  return (
    <CodeForm
      form={form}
      name="Code check"
      label={kind.label}
      hint={kind.hint}
      busy={busy}
      value={code}
      onChange={setCode}
      onSubmit={submit}
      input={{ inputMode: stepUp.codeKind === 'recovery' ? 'text' : 'numeric', autoComplete: 'one-time-code', maxLength: 64 }}
      action={stepUp.enrollment ? 'Confirm enrollment' : 'Confirm'}
    />
  );
}

const WORKING: Partial<Record<StepUpView['status'], string>> = {
  signing_in: 'Signing in at Auth0…',
  challenging: 'Asking Auth0 for the challenge…',
  verifying: 'Checking the code with Auth0…',
  enrolling: 'Enrolling at Auth0…',
};

export function StepUpProgress({ stepUp }: { stepUp: StepUpView }) {
  const act = useApprovals((s) => s.act);
  const working = WORKING[stepUp.status];
  return (
    <div className="step-up-live" data-testid="step-up" data-status={stepUp.status}>
      <p className="step-up-who">
        Signed in as <strong>{stepUp.username}</strong>
      </p>
      {working ? <p role="status">{working}</p> : null}
      {stepUp.status === 'choose_factor' ? <FactorChoice stepUp={stepUp} /> : null}
      {stepUp.enrollment && stepUp.enrollment.qrPng ? <EnrollmentQr stepUp={stepUp} /> : null}
      {stepUp.status === 'awaiting_code' ? <ApproverCode stepUp={stepUp} /> : null}
      {stepUp.status === 'awaiting_push' && !stepUp.enrollment ? (
        <p role="status" className="push-wait">
          Open Guardian on your phone and approve the sign-in request. Waiting for your answer ({stepUp.polls} checks so far).
        </p>
      ) : null}
      {stepUp.status === 'enroll' ? <EnrollChoice stepUp={stepUp} /> : null}
      {stepUp.status !== 'signing_in' ? <Expiry stepUp={stepUp} /> : null}
      <div className="form-actions">
        <button type="button" className="button button-quiet" onClick={() => void act((mfa) => mfa.approvals.cancel(stepUp.id))}>
          Cancel sign-in
        </button>
      </div>
    </div>
  );
}
