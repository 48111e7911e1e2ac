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
export const selectOperator = (s: AppInfoState): string | null => s.info?.operator ?? null;
/** The keychain warning to show, or null when the keychain works (or info has not loaded yet). */
export const selectKeychainWarning = (s: AppInfoState): string | null =>
  s.info && !s.info.keychain.available
    ? (s.info.keychain.message ?? 'The OS keychain is not available, so profile secrets cannot be stored or read.')
    : null;
