/**
 * One caller verification at a time: the form, the registered methods, the running verification and its
 * outcome. Components call these intents; the rules live in lib/verifyRules.
 */
import { create } from 'zustand';
import type { MethodsView, VerificationDecision, VerificationMode, VerificationView } from '../../../contract/domain';
import type { Capabilities } from '../../../contract/providers/types';
import { settle } from '../lib/api';
import { isLive } from '../lib/status';
import {
  effectiveMode,
  emptyForm,
  isCodeWellFormed,
  modeAvailability,
  modeRefusal,
  newerView,
  type ModeAvailability,
  type VerifyForm,
} from '../lib/verifyRules';

/** How a Send ended: sent, refused before anything left (with the reason), or failed in main. */
export type StartResult =
  | { status: 'sent' }
  | { status: 'ignored' }
  | { status: 'no_method'; message: string }
  | { status: 'failed'; message: string };

/** How a code check ended: the verification after it, or why the call itself failed. */
export type CodeResult = { ok: true; view: VerificationView } | { ok: false; message: string };

type MethodsState =
  | { status: 'idle' }
  | { status: 'loading'; key: string }
  | { status: 'loaded'; key: string; view: MethodsView }
  | { status: 'failed'; key: string; message: string };

interface VerificationState {
  form: VerifyForm;
  methods: MethodsState;
  current: VerificationView | null;
  /** Send pressed: the methods check (when needed) and verify.start in flight (no id yet). */
  sending: boolean;
  codeBusy: boolean;
  /** Failure of the last submitCode/cancel call itself (not the verification outcome). */
  actionError: string | null;
  cancelBusy: boolean;
  /** Updates that arrived for an id we did not know yet (while verify.start was in flight). */
  early: Record<string, VerificationView>;

  setField: <K extends keyof VerifyForm>(key: K, value: VerifyForm[K]) => void;
  checkMethods: (profileId: string) => Promise<void>;
  /** Sends the form as it is (the form checked its fields); runs the methods check first when it can. */
  start: (profileId: string | null, capabilities: Capabilities | null) => Promise<StartResult>;
  /** Sends a second method for the approval on screen (same account, ticket and reason); it replaces it on screen. */
  startSecondMethod: (mode: VerificationMode) => Promise<{ ok: true } | { ok: false; message: string }>;
  /** A second operator approves the result on screen (`approver`: their name, where the policy accepts that). */
  secondApproval: (approver?: string) => Promise<{ ok: true } | { ok: false; message: string }>;
  submitCode: (code: string) => Promise<CodeResult | null>;
  cancel: () => Promise<void>;
  /** Records what the agent did after an outcome that is not an approval. */
  record: (decision: VerificationDecision) => Promise<boolean>;
  receive: (view: VerificationView) => void;
  /** Catches up after missed events (e.g. the status panel was not mounted) and resumes a live one. */
  refresh: () => Promise<void>;
  reset: () => void;
}

/** The methods lookup in flight, shared by the automatic check and Send. */
let inflight: { key: string; done: Promise<void> } | null = null;

/** Methods are only valid for the profile and account they were checked for. */
const methodsKey = (profileId: string, subject: string): string => `${profileId}\n${subject.trim().toLowerCase()}`;

export const useVerification = create<VerificationState>()((set, get) => ({
  form: emptyForm,
  methods: { status: 'idle' },
  current: null,
  sending: false,
  codeBusy: false,
  actionError: null,
  cancelBusy: false,
  early: {},

  setField: (key, value) => set((s) => ({ form: { ...s.form, [key]: value } })),

  checkMethods: (profileId) => {
    const subject = get().form.subject.trim();
    if (subject === '') return Promise.resolve();
    const key = methodsKey(profileId, subject);
    // One lookup per account at a time: Send waits for the automatic check instead of starting a second one.
    set({ methods: { status: 'loading', key } });
    if (inflight?.key === key) return inflight.done;
    const done = (async () => {
      const result = await settle((mfa) => mfa.verify.methods(profileId, subject));
      if (inflight?.key === key) inflight = null;
      // Ignore an answer for a request the agent has since replaced.
      const latest = get().methods;
      if (latest.status !== 'loading' || latest.key !== key) return;
      set({
        methods: result.ok
          ? { status: 'loaded', key, view: result.value }
          : { status: 'failed', key, message: result.message },
      });
    })();
    inflight = { key, done };
    return done;
  },

  start: async (profileId, capabilities) => {
    const initial = get();
    if (!profileId || initial.sending || (initial.current && isLive(initial.current.status))) return { status: 'ignored' };
    set({ sending: true, actionError: null, early: {} });
    // Methods first: a push the account cannot receive is never sent (and counts nothing against the limits).
    const known = methodsFor(profileId, get());
    if (capabilities?.methods && (!known || known.status === 'loading')) await get().checkMethods(profileId);
    const state = get();
    const available = selectModeAvailability(profileId, capabilities)(state);
    const refusal = modeRefusal(state.form.subject.trim(), available);
    if (refusal) {
      set({ sending: false });
      return { status: 'no_method', message: refusal };
    }
    const mode = effectiveMode(state.form.mode, available);
    const { subject, reasonType, reason, ticket } = state.form;
    const result = await settle((mfa) =>
      mfa.verify.start({ profileId, subject: subject.trim(), ...(reasonType ? { reasonType } : {}), reason: reason.trim(), ticket: ticket.trim(), mode }),
    );
    if (!result.ok) {
      set({ sending: false, early: {} });
      return { status: 'failed', message: result.message };
    }
    const early = get().early[result.value.id];
    set({ sending: false, current: early ? newerView(result.value, early) : result.value, early: {} });
    return { status: 'sent' };
  },

  startSecondMethod: async (mode) => {
    const base = get().current;
    if (!base || isLive(base.status) || get().sending) return { ok: false, message: 'There is no approval on screen to complete.' };
    set({ sending: true, actionError: null, early: {} });
    const result = await settle((mfa) =>
      mfa.verify.start({
        profileId: base.profileId,
        subject: base.subject,
        ...(base.reasonType ? { reasonType: base.reasonType } : {}),
        reason: base.reason,
        ticket: base.ticket,
        mode,
        secondMethodOf: base.id,
      }),
    );
    if (!result.ok) {
      set({ sending: false, early: {}, actionError: result.message });
      return { ok: false, message: result.message };
    }
    const early = get().early[result.value.id];
    set({ sending: false, current: early ? newerView(result.value, early) : result.value, early: {} });
    return { ok: true };
  },

  secondApproval: async (approver) => {
    const current = get().current;
    if (!current || current.status !== 'insufficient') return { ok: false, message: 'There is no result on screen that needs a second approval.' };
    const result = await settle((mfa) => mfa.verify.secondApproval(current.id, approver));
    if (!result.ok) return { ok: false, message: result.message };
    set((s) => ({ current: s.current?.id === result.value.id ? result.value : s.current }));
    return { ok: true };
  },

  submitCode: async (code) => {
    const current = get().current;
    if (!current || current.status !== 'awaiting_code' || get().codeBusy || !isCodeWellFormed(code)) return null;
    set({ codeBusy: true, actionError: null });
    const result = await settle((mfa) => mfa.verify.submitCode(current.id, code.trim()));
    if (!result.ok) {
      set({ codeBusy: false });
      return { ok: false, message: result.message };
    }
    set((s) => ({ codeBusy: false, current: newerView(s.current, result.value) }));
    return { ok: true, view: result.value };
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

  record: async (decision) => {
    const current = get().current;
    if (!current || isLive(current.status)) return false;
    set({ actionError: null });
    const result = await settle((mfa) => mfa.verify.record(current.id, decision));
    if (!result.ok) {
      set({ actionError: result.message });
      return false;
    }
    set((s) => ({ current: s.current?.id === result.value.id ? result.value : s.current }));
    return true;
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

  reset: () => {
    inflight = null;
    set({
      form: emptyForm,
      methods: { status: 'idle' },
      current: null,
      sending: false,
      codeBusy: false,
      actionError: null,
      cancelBusy: false,
      early: {},
    });
  },
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
