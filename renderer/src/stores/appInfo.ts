/** App name, version, operator and keychain state, loaded once at start. */
import { create } from 'zustand';
import type { AppInfo } from '../../../contract/domain';
import { settle } from '../lib/api';

interface AppInfoState {
  info: AppInfo | null;
  error: string | null;
  load: () => Promise<void>;
}

export const useAppInfo = create<AppInfoState>()((set) => ({
  info: null,
  error: null,
  load: async () => {
    const result = await settle((mfa) => mfa.app.info());
    set(result.ok ? { info: result.value, error: null } : { error: result.message });
  },
}));

export const selectAppName = (s: AppInfoState): string => s.info?.name ?? 'MFA Approver';
/** The keychain's state once info has loaded ('available' until then, so nothing is shown early). */
export const selectKeychainState = (s: AppInfoState): 'available' | 'locked' | 'unavailable' => s.info?.keychain.state ?? 'available';

/** The keychain warning to show, or null when the keychain works (or info has not loaded yet). */
export const selectKeychainWarning = (s: AppInfoState): string | null => {
  const keychain = s.info?.keychain;
  if (!keychain || keychain.state === 'available') return null;
  const fallback =
    keychain.state === 'locked'
      ? 'The OS keychain is locked, so saved secrets cannot be read. Unlock it; do not enter the secrets again.'
      : 'The OS keychain is not available, so profile secrets cannot be stored or read.';
  return keychain.message ?? fallback;
};
