/**
 * Shown in place of every screen while the operator has no role: the sign-in through the organisation's
 * OpenID provider when the managed policy configures one, otherwise a plain statement of why nothing is open.
 */
import { Notice } from '../components/Notice';
import { ScreenHeading } from '../components/ScreenHeading';
import { useSession } from '../stores/session';

export function SignInScreen() {
  const view = useSession((s) => s.view);
  const error = useSession((s) => s.error);
  const busy = useSession((s) => s.busy);
  const signIn = useSession((s) => s.signIn);
  const cancel = useSession((s) => s.cancelSignIn);
  if (!view) return null;
  const configured = view.signIn !== 'not_configured';
  return (
    <div className="screen sign-in-screen">
      <ScreenHeading>{configured ? 'Sign in' : 'No access'}</ScreenHeading>
      {configured ? (
        <p className="screen-intro">
          MFA Approver on this computer asks you to sign in with your organisation account before you verify callers or
          read the audit log. The sign-in opens in your web browser.
        </p>
      ) : (
        <p className="screen-intro">
          Your account ({view.osUser}) has no role in MFA Approver on this computer. Ask your administrator to give it
          one.
        </p>
      )}
      {view.message ? (
        <Notice tone="warning" testId="sign-in-message">
          {view.message}
        </Notice>
      ) : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      {view.signIn === 'in_progress' ? (
        <div className="form-actions">
          <p role="status" data-testid="sign-in-waiting">
            Finish signing in in your web browser. This window updates when you are done.
          </p>
          <button type="button" className="button" onClick={() => void cancel()}>
            Cancel sign-in
          </button>
        </div>
      ) : configured ? (
        <div className="form-actions">
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void signIn()}>
            Sign in with your organisation account
          </button>
        </div>
      ) : null}
    </div>
  );
}
