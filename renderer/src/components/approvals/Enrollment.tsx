/**
 * A first second factor for an approver who has none: an authenticator app (QR code; the setup key only on
 * request), Guardian push (its enrollment QR code) or text messages. Enrolling never approves the release.
 */
import { useState } from 'react';
import type { StepUpView } from '../../../../contract/approvals-view';
import { useApprovals } from '../../stores/approvals';
import { CheckedForm } from '../form/CheckedForm';
import { Field } from '../form/Field';
import { FormStatus, submitProps } from '../form/FormStatus';
import { withoutFieldPath } from '../form/messages';
import { useFieldErrors } from '../form/useFieldErrors';

export function EnrollChoice({ stepUp }: { stepUp: StepUpView }) {
  const [phone, setPhone] = useState('');
  const act = useApprovals((s) => s.act);
  const busy = useApprovals((s) => s.busy);
  const form = useFieldErrors<'phone'>(() => 'Phone number', 'Not sent');
  const enroll = (kind: 'otp' | 'push') => void act((mfa) => mfa.approvals.enroll({ stepUpId: stepUp.id, kind }));
  const sendSms = async (): Promise<void> => {
    const number = phone.trim().replace(/[\s()-]/g, '');
    if (!/^\+[1-9]\d{6,14}$/.test(number)) {
      form.show({ phone: number === '' ? 'Phone number is required for text messages.' : 'Phone number must be in international form: + and the country code, such as +4915112345678.' }, ['phone']);
      return;
    }
    const refused = await act((mfa) => mfa.approvals.enroll({ stepUpId: stepUp.id, kind: 'sms', phoneNumber: number }), true);
    if (refused) form.fail(withoutFieldPath(refused));
  };
  return (
    <div className="enroll-choice">
      <p>Enroll a second factor. Afterwards, sign in again to approve.</p>
      <div className="form-actions">
        <button type="button" className="button" aria-disabled={busy || undefined} onClick={() => !busy && enroll('otp')}>
          Enroll an authenticator app
        </button>
        <button type="button" className="button" aria-disabled={busy || undefined} onClick={() => !busy && enroll('push')}>
          Enroll Guardian push
        </button>
      </div>
      <CheckedForm
        className="enroll-sms"
        aria-label="Text messages"
        busy={busy}
        onSubmit={sendSms}
      >
        <Field form={form} name="phone" label="Or text messages to this phone number" hint="International form, starting with + and the country code.">
          {(props) => (
            <div className="field-row">
              <input
                {...props}
                type="text"
                inputMode="tel"
                autoComplete="tel"
                placeholder="+4915112345678"
                maxLength={20}
                value={phone}
                readOnly={busy}
                onChange={(event) => {
                  setPhone(event.target.value);
                  form.clear('phone');
                }}
              />
              <button {...submitProps(form, busy)} className="button">
                Send code
              </button>
            </div>
          )}
        </Field>
        <FormStatus form={form} failureTitle="No code was sent" />
      </CheckedForm>
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
