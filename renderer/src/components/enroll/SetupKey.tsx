/** The setup key, only after the agent asks for it (every reveal is in the audit log). */
import { useEnrollment } from '../../stores/enrollment';

export function SetupKey() {
  const setupKey = useEnrollment((s) => s.setupKey);
  const reveal = useEnrollment((s) => s.revealSetupKey);
  const hide = useEnrollment((s) => s.hideSetupKey);
  if (!setupKey) {
    return (
      <p className="setup-key-offer">
        <button type="button" className="button button-quiet" onClick={() => void reveal()}>
          The user cannot scan? Show the setup key
        </button>
      </p>
    );
  }
  return (
    <div className="setup-key" role="group" aria-label="Setup key">
      <p className="setup-key-warning">
        Anyone who has this key can create this user’s codes. Read it out only to the verified user, and only if they cannot scan.
      </p>
      <p className="setup-key-value" data-testid="setup-key">
        {setupKey}
      </p>
      <p className="field-hint">
        Letters and the digits 2 to 7 only (an O is always the letter O). In Microsoft Authenticator: + (Add account), Other account, “Or enter code manually”.
      </p>
      <button type="button" className="button" onClick={hide}>
        Hide the setup key
      </button>
    </div>
  );
}
