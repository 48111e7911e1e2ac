/**
 * A first second factor for an approver who has none: an authenticator app (QR code; the setup key only on
 * request), Guardian push (its enrollment QR code) or text messages. Enrolling never approves the release.
 */
import { useId, useState } from 'react';
import type { StepUpView } from '../../../../contract/approvals-view';
import { useApprovals } from '../../stores/approvals';

export function EnrollChoice({ stepUp }: { stepUp: StepUpView }) {
  const ids = useId();
  const [phone, setPhone] = useState('');
  const act = useApprovals((s) => s.act);
  const busy = useApprovals((s) => s.busy);
  const enroll = (kind: 'otp' | 'push') => void act((mfa) => mfa.approvals.enroll({ stepUpId: stepUp.id, kind }));
  return (
    <div className="enroll-choice">
      <p>Enroll a second factor. Afterwards, sign in again to approve.</p>
      <div className="form-actions">
        <button type="button" className="button" disabled={busy} onClick={() => enroll('otp')}>
          Enroll an authenticator app
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => enroll('push')}>
          Enroll Guardian push
        </button>
      </div>
      <form
        className="field enroll-sms"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy && phone.trim() !== '') void act((mfa) => mfa.approvals.enroll({ stepUpId: stepUp.id, kind: 'sms', phoneNumber: phone.trim() }));
        }}
      >
        <label htmlFor={`${ids}-phone`}>Or text messages to this phone number</label>
        <div className="field-row">
          <input id={`${ids}-phone`} type="text" inputMode="tel" autoComplete="tel" placeholder="+4915112345678" maxLength={20} value={phone} disabled={busy} onChange={(event) => setPhone(event.target.value)} />
          <button type="submit" className="button" disabled={busy || phone.trim() === ''}>
            Send code
          </button>
        </div>
        <p className="field-hint">International form, starting with + and the country code.</p>
      </form>
    </div>
  );
}

export function EnrollmentQr({ stepUp }: { stepUp: StepUpView }) {
  const setupKey = useApprovals((s) => s.setupKey);
  const showSetupKey = useApprovals((s) => s.showSetupKey);
  const enrollment = stepUp.enrollment!;
  const push = enrollment.kind === 'push';
  return (
    <div className="enrollment-qr">
      <p>{push ? 'Scan this QR code with the Guardian app. The app waits for the scan.' : 'Scan this QR code with your authenticator app, then type the code it shows.'}</p>
      <img src={enrollment.qrPng!} alt={push ? 'Guardian enrollment QR code' : 'Authenticator app QR code'} width={240} height={240} data-testid="enrollment-qr" />
      {enrollment.setupKeyAvailable ? (
        setupKey ? (
          <p>
            Setup key: <code className="setup-key">{setupKey}</code>
          </p>
        ) : (
          <button type="button" className="button button-quiet" onClick={() => void showSetupKey(stepUp.id)}>
            Show setup key instead
          </button>
        )
      ) : null}
    </div>
  );
}
