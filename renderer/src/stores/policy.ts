/** The policy in force (managed or the defaults) and the accounts it has locked; loaded from main. */
import { create } from 'zustand';
import type { LockView, ManagedSetting, PolicyView } from '../../../contract/policy/view';
import { settle } from '../lib/api';

interface PolicyState {
  view: PolicyView | null;
  error: string | null;
  locks: LockView[];
  locksError: string | null;
  load: () => Promise<void>;
  loadLocks: () => Promise<void>;
  /** Clears a lock (administrators); the message says why when it was refused. */
  clearLock: (targetCanonical: string, note: string) => Promise<{ ok: true } | { ok: false; message: string }>;
}

export const usePolicy = create<PolicyState>()((set) => ({
  view: null,
  error: null,
  locks: [],
  locksError: null,
  load: async () => {
    const result = await settle((mfa) => mfa.policy.view());
    set(result.ok ? { view: result.value, error: null } : { error: result.message });
  },
  loadLocks: async () => {
    const result = await settle((mfa) => mfa.policy.locks());
    set(result.ok ? { locks: result.value, locksError: null } : { locksError: result.message });
  },
  clearLock: async (targetCanonical, note) => {
    const result = await settle((mfa) => mfa.policy.clearLock(targetCanonical, note));
    if (!result.ok) return { ok: false, message: result.message };
    set({ locks: result.value });
    return { ok: true };
  },
}));

/** True when the managed policy fixes `setting` (Settings shows it as managed and does not offer changes). */
export const selectManaged =
  (setting: ManagedSetting) =>
  (s: PolicyState): boolean =>
    s.view?.managed.includes(setting) ?? false;
