/** Provider profiles, the profile selected for verification, and per-profile secret and test results. */
import { create } from 'zustand';
import type { ConnectionTestView, ProfileInput, ProfileSummary, Result } from '../../../contract/domain';
import { settle } from '../lib/api';

export type TestState =
  | { status: 'running' }
  | { status: 'done'; view: ConnectionTestView }
  | { status: 'failed'; message: string };

export interface Note {
  tone: 'info' | 'error';
  text: string;
}

interface ProfilesState {
  profiles: ProfileSummary[];
  loaded: boolean;
  error: string | null;
  /** Profile used on the Verify screen (and for the header's Sandbox badge). */
  selectedId: string | null;
  tests: Record<string, TestState>;
  secretNotes: Record<string, Note>;
  load: () => Promise<void>;
  select: (id: string) => void;
  save: (input: ProfileInput) => Promise<Result<ProfileSummary>>;
  remove: (id: string) => Promise<Result<{ removed: true }>>;
  setSecret: (id: string, secret: string) => Promise<boolean>;
  deleteSecret: (id: string) => Promise<boolean>;
  testConnection: (id: string) => Promise<void>;
}

/** True for profiles that can verify a caller (step-up-only profiles serve the Approvals screen). */
export const verifiesCallers = (p: ProfileSummary): boolean => p.capabilities.push || p.capabilities.code;

/**
 * Keeps the selection when it still exists; otherwise the first real profile that verifies callers, and the
 * Sandbox only when nothing else is configured, so an agent is never defaulted onto simulated approvals.
 */
function keepSelection(all: ProfileSummary[], selectedId: string | null): string | null {
  const profiles = all.filter(verifiesCallers);
  if (selectedId && profiles.some((p) => p.id === selectedId)) return selectedId;
  return (profiles.find((p) => !p.sandbox) ?? profiles[0])?.id ?? null;
}

function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}

export const useProfiles = create<ProfilesState>()((set, get) => {
  const patchProfile = (id: string, patch: Partial<ProfileSummary>) =>
    set((s) => ({ profiles: s.profiles.map((p) => (p.id === id ? ({ ...p, ...patch } as ProfileSummary) : p)) }));

  return {
    profiles: [],
    loaded: false,
    error: null,
    selectedId: null,
    tests: {},
    secretNotes: {},

    load: async () => {
      const result = await settle((mfa) => mfa.profiles.list());
      if (!result.ok) {
        set({ error: result.message, loaded: true });
        return;
      }
      set((s) => ({
        profiles: result.value,
        loaded: true,
        error: null,
        selectedId: keepSelection(result.value, s.selectedId),
      }));
    },

    select: (id) => set((s) => (s.profiles.some((p) => p.id === id && verifiesCallers(p)) ? { selectedId: id } : {})),

    save: async (input) => {
      const result = await settle((mfa) => mfa.profiles.save(input));
      if (result.ok) {
        const saved = result.value;
        set((s) => {
          const previous = s.profiles.find((p) => p.id === saved.id);
          const profiles = previous ? s.profiles.map((p) => (p.id === saved.id ? saved : p)) : [...s.profiles, saved];
          // Main drops the secret when the tenant, endpoints or credential type change; say so, not just "not set".
          const secretDropped = previous?.secret === 'set' && saved.secret === 'missing';
          const secretNotes = secretDropped
            ? {
                ...s.secretNotes,
                [saved.id]: {
                  tone: 'info' as const,
                  text: 'The secret was removed because the tenant, endpoints or credential type changed. Set it again.',
                },
              }
            : s.secretNotes;
          return { profiles, secretNotes, selectedId: keepSelection(profiles, s.selectedId), tests: withoutKey(s.tests, saved.id) };
        });
      }
      return result;
    },

    remove: async (id) => {
      const result = await settle((mfa) => mfa.profiles.remove(id));
      if (result.ok) {
        set((s) => {
          const profiles = s.profiles.filter((p) => p.id !== id);
          return {
            profiles,
            selectedId: keepSelection(profiles, s.selectedId),
            tests: withoutKey(s.tests, id),
            secretNotes: withoutKey(s.secretNotes, id),
          };
        });
      }
      return result;
    },

    setSecret: async (id, secret) => {
      const result = await settle((mfa) => mfa.profiles.setSecret(id, secret));
      if (!result.ok) {
        set((s) => ({ secretNotes: { ...s.secretNotes, [id]: { tone: 'error', text: result.message } } }));
        return false;
      }
      patchProfile(id, { secret: result.value.secret });
      set((s) => ({
        secretNotes: { ...s.secretNotes, [id]: { tone: 'info', text: 'Secret saved in the OS keychain.' } },
        tests: withoutKey(s.tests, id),
      }));
      return true;
    },

    deleteSecret: async (id) => {
      const result = await settle((mfa) => mfa.profiles.deleteSecret(id));
      if (!result.ok) {
        set((s) => ({ secretNotes: { ...s.secretNotes, [id]: { tone: 'error', text: result.message } } }));
        return false;
      }
      patchProfile(id, { secret: result.value.secret });
      set((s) => ({
        secretNotes: { ...s.secretNotes, [id]: { tone: 'info', text: 'Secret removed.' } },
        tests: withoutKey(s.tests, id),
      }));
      return true;
    },

    testConnection: async (id) => {
      if (get().tests[id]?.status === 'running') return;
      set((s) => ({ tests: { ...s.tests, [id]: { status: 'running' } } }));
      const result = await settle((mfa) => mfa.profiles.testConnection(id));
      const state: TestState = result.ok
        ? { status: 'done', view: result.value }
        : { status: 'failed', message: result.message };
      set((s) => ({ tests: { ...s.tests, [id]: state } }));
    },
  };
});

export const selectSelectedProfile = (s: ProfilesState): ProfileSummary | null =>
  s.profiles.find((p) => p.id === s.selectedId) ?? null;

export const selectIsSandboxSelected = (s: ProfilesState): boolean => selectSelectedProfile(s)?.sandbox ?? false;
