/**
 * One caller verification at a time: the form, the registered methods, the running verification and its
 * outcome. Components call these intents; the rules live in lib/verifyRules.
 */
import { create } from 'zustand';
import type { MethodsView, VerificationMode, VerificationView } from '../../../contract/domain';
import type { Capabilities } from '../../../contract/providers/types';
import { settle } from '../lib/api';
import { isLive } from '../lib/status';
import {
  effectiveMode,
  emptyForm,
  isCodeWellFormed,
  modeAvailability,
  newerView,
  sendBlocker,
  type ModeAvailability,
  type VerifyForm,
} from '../lib/verifyRules';

type MethodsState =
  | { status: 'idle' }
  | { status: 'loading'; key: string }
  | { status: 'loaded'; key: string; view: MethodsView }
  | { status: 'failed'; key: string; message: string };

interface VerificationState {
  form: VerifyForm;
  methods: MethodsState;
  current: VerificationView | null;
  /** verify.start in flight (no id yet). */
  sending: boolean;
  startError: string | null;
  codeBusy: boolean;
  /** Failure of the last submitCode/cancel call itself (not the verification outcome). */
  actionError: string | null;
  cancelBusy: boolean;
  /** Updates that arrived for an id we did not know yet (while verify.start was in flight). */
  early: Record<string, VerificationView>;

  setField: <K extends keyof VerifyForm>(key: K, value: VerifyForm[K]) => void;
  checkMethods: (profileId: string) => Promise<void>;
  start: (profileId: string | null, capabilities: Capabilities | null) => Promise<void>;
  submitCode: (code: string) => Promise<boolean>;
  cancel: () => Promise<void>;
  receive: (view: VerificationView) => void;
  /** Catches up after missed events (e.g. the status panel was not mounted) and resumes a live one. */
  refresh: () => Promise<void>;
  reset: () => void;
}

/** Methods are only valid for the profile and account they were checked for. */
const methodsKey = (profileId: string, subject: string): string => `${profileId}\n${subject.trim().toLowerCase()}`;

export const useVerification = create<VerificationState>()((set, get) => ({
  form: emptyForm,
  methods: { status: 'idle' },
  current: null,
  sending: false,
  startError: null,
  codeBusy: false,
  actionError: null,
  cancelBusy: false,
  early: {},

  setField: (key, value) => set((s) => ({ form: { ...s.form, [key]: value }, startError: null })),

  checkMethods: async (profileId) => {
    const subject = get().form.subject.trim();
    if (subject === '') return;
    const key = methodsKey(profileId, subject);
    set({ methods: { status: 'loading', key } });
    const result = await settle((mfa) => mfa.verify.methods(profileId, subject));
    // Ignore an answer for a request the agent has since replaced.
    const latest = get().methods;
    if (latest.status !== 'loading' || latest.key !== key) return;
    set({
      methods: result.ok
        ? { status: 'loaded', key, view: result.value }
        : { status: 'failed', key, message: result.message },
    });
  },

  start: async (profileId, capabilities) => {
    const state = get();
    if (state.sending || (state.current && isLive(state.current.status))) return;
    if (!profileId) return;
    const available = selectModeAvailability(profileId, capabilities)(state);
    if (sendBlocker(state.form, true, available) !== null) return;
    const mode = effectiveMode(state.form.mode, available);
    set({ sending: true, startError: null, actionError: null, early: {} });
    const { subject, reason, ticket } = state.form;
    const result = await settle((mfa) =>
      mfa.verify.start({ profileId, subject: subject.trim(), reason: reason.trim(), ticket: ticket.trim(), mode }),
    );
    if (!result.ok) {
      set({ sending: false, startError: result.message, early: {} });
      return;
    }
    const early = get().early[result.value.id];
    set({ sending: false, current: early ? newerView(result.value, early) : result.value, early: {} });
  },

  submitCode: async (code) => {
    const current = get().current;
    if (!current || current.status !== 'awaiting_code' || get().codeBusy || !isCodeWellFormed(code)) return false;
    set({ codeBusy: true, actionError: null });
    const result = await settle((mfa) => mfa.verify.submitCode(current.id, code.trim()));
    if (!result.ok) {
      set({ codeBusy: false, actionError: result.message });
      return false;
    }
    set((s) => ({ codeBusy: false, current: newerView(s.current, result.value) }));
    return true;
  },

  cancel: async () => {
    const current = get().current;
    if (!current || !isLive(current.status) || get().cancelBusy) return;
    set({ cancelBusy: true, actionError: null });
    const result = await settle((mfa) => mfa.verify.cancel(current.id));
    if (!result.ok) {
      set({ cancelBusy: false, actionError: result.message });
      return;
    }
    set((s) => ({ cancelBusy: false, current: newerView(s.current, result.value) }));
  },

  receive: (view) => {
    const { current, sending } = get();
    if (current && current.id === view.id) {
      set({ current: newerView(current, view) });
    } else if (sending) {
      set((s) => ({ early: { ...s.early, [view.id]: newerView(s.early[view.id] ?? null, view) } }));
    }
  },

  refresh: async () => {
    if (get().sending) return;
    const result = await settle((mfa) => mfa.verify.list());
    if (!result.ok) return;
    const current = get().current;
    if (current) {
      const fresh = result.value.find((v) => v.id === current.id);
      if (fresh) set((s) => ({ current: newerView(s.current, fresh) }));
      return;
    }
    // Nothing on screen: resume the most recent verification that is still running, if any.
    const running = result.value
      .filter((v) => isLive(v.status))
      .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt))[0];
    if (running && !get().current && !get().sending) set({ current: running });
  },

  reset: () =>
    set({
      form: emptyForm,
      methods: { status: 'idle' },
      current: null,
      sending: false,
      startError: null,
      codeBusy: false,
      actionError: null,
      cancelBusy: false,
      early: {},
    }),
}));

/** The methods lookup, but only when it belongs to this profile and the account currently typed. */
const methodsFor = (profileId: string | null, s: VerificationState) =>
  profileId && s.methods.status !== 'idle' && s.methods.key === methodsKey(profileId, s.form.subject) ? s.methods : null;

/** The methods view if it was checked for this profile and the account currently typed. */
export const selectCheckedMethods =
  (profileId: string | null) =>
  (s: VerificationState): MethodsView | null => {
    const m = methodsFor(profileId, s);
    return m?.status === 'loaded' ? m.view : null;
  };

export const selectMethodsLoading =
  (profileId: string | null) =>
  (s: VerificationState): boolean =>
    methodsFor(profileId, s)?.status === 'loading';

export const selectMethodsError =
  (profileId: string | null) =>
  (s: VerificationState): string | null => {
    const m = methodsFor(profileId, s);
    return m?.status === 'failed' ? m.message : null;
  };

export const selectModeAvailability =
  (profileId: string | null, capabilities: Capabilities | null) =>
  (s: VerificationState): ModeAvailability =>
    modeAvailability(selectCheckedMethods(profileId)(s)?.methods ?? null, capabilities);

export const selectEffectiveMode =
  (profileId: string | null, capabilities: Capabilities | null) =>
  (s: VerificationState): VerificationMode =>
    effectiveMode(s.form.mode, selectModeAvailability(profileId, capabilities)(s));

/** True while a verification is being sent or is running: the form is locked. */
export const selectBusy = (s: VerificationState): boolean => s.sending || (!!s.current && isLive(s.current.status));
