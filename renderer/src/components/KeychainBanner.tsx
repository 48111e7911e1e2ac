/** Shown when main reports that the OS keychain is locked or cannot be used (secrets cannot be stored or read). */
import { selectKeychainState, selectKeychainWarning, useAppInfo } from '../stores/appInfo';

export function KeychainBanner() {
  const warning = useAppInfo(selectKeychainWarning);
  const state = useAppInfo(selectKeychainState);
  const infoError = useAppInfo((s) => s.error);
  if (!warning && !infoError) return null;
  return (
    <div className="banner" role="alert">
      {warning ? (
        <p>
          <strong>{state === 'locked' ? 'Keychain locked.' : 'Keychain unavailable.'}</strong> {warning}
        </p>
      ) : null}
      {infoError ? (
        <p>
          <strong>Could not read app information.</strong> {infoError}
        </p>
      ) : null}
    </div>
  );
}
