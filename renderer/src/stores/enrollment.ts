/**
 * One authenticator enrollment at a time: the form, the running enrollment and its outcome, and the setup
 * key while the agent has asked to see it. Components call these intents; the rules live in lib/enrollRules.
 */
import { create } from 'zustand';
import type { EnrollmentView } from '../../../contract/domain';
import type { EnrollmentSpec } from '../../../contract/providers/types';
import { settle } from '../lib/api';
import { emptyEnrollForm, isEnrollCodeWellFormed, isLiveEnrollment, newerEnrollment, type EnrollForm } from '../lib/enrollRules';

interface EnrollmentState {
  /** The profile chosen on the Enroll screen (apart from the Verify screen's choice). */
  profileId: string | null;
  form: EnrollForm;
  current: EnrollmentView | null;
  starting: boolean;
  codeBusy: boolean;
  cancelBusy: boolean;
  actionError: string | null;
  /** Shown only after the agent asked; dropped when the enrollment ends or the agent hides it. */
  setupKey: string | null;
  setProfile: (id: string) => void;
  setField: <K extends keyof EnrollForm>(key: K, value: EnrollForm[K]) => void;
  /** Starts after the form checked its fields; `failed` carries main's refusal for the form to place. */
  start: (spec: EnrollmentSpec | null) => Promise<{ status: 'started' | 'skipped' } | { status: 'failed'; message: string }>;
  /** Null when nothing was sent; otherwise main's answer (the view, or why it refused). */
  confirm: (code: string) => Promise<{ ok: true; view: EnrollmentView } | { ok: false; message: string } | null>;
  cancel: () => Promise<void>;
  revealSetupKey: () => Promise<void>;
  hideSetupKey: () => void;
  receive: (view: EnrollmentView) => void;
  refresh: () => Promise<void>;
  /** Clears the outcome and the form for the next user (the profile choice stays). */
  reset: () => void;
}

export const useEnrollment = create<EnrollmentState>()((set, get) => {
  /** Applies a newer copy; the setup key goes when the enrollment is no longer waiting for a code. */
  const apply = (view: EnrollmentView): void =>
    set((s) => {
      const current = newerEnrollment(s.current, view);
      return { current, setupKey: current.status === 'awaiting_code' && current.id === s.current?.id ? s.setupKey : null };
    });

  return {
    profileId: null,
    form: emptyEnrollForm,
    current: null,
    starting: false,
    codeBusy: false,
    cancelBusy: false,
    actionError: null,
    setupKey: null,

    setProfile: (id) => set((s) => ({ profileId: id, form: { ...s.form, userPassword: '' } })),
    setField: (key, value) => set((s) => ({ form: { ...s.form, [key]: value } })),

    start: async (spec) => {
      const { profileId, form, starting, current } = get();
      if (starting || (current && isLiveEnrollment(current.status)) || !profileId) return { status: 'skipped' };
      // Why: the password is sent once; it must not stay in renderer state after the call.
      set((s) => ({ starting: true, actionError: null, form: { ...s.form, userPassword: '' } }));
      const result = await settle((mfa) =>
        mfa.enroll.start({
          profileId,
          subject: form.subject.trim(),
          reason: form.reason.trim(),
          ticket: form.ticket.trim(),
          ...(spec?.password ? { userPassword: form.userPassword } : {}),
        }),
      );
      set(result.ok ? { starting: false, current: result.value, setupKey: null } : { starting: false });
      return result.ok ? { status: 'started' } : { status: 'failed', message: result.message };
    },

    confirm: async (code) => {
      const current = get().current;
      if (!current || current.status !== 'awaiting_code' || get().codeBusy || !isEnrollCodeWellFormed(code)) return null;
      set({ codeBusy: true, actionError: null });
      const result = await settle((mfa) => mfa.enroll.confirm(current.id, code.trim()));
      set({ codeBusy: false });
      if (!result.ok) return { ok: false, message: result.message };
      apply(result.value);
      return { ok: true, view: result.value };
    },

    cancel: async () => {
      const current = get().current;
      if (!current || !isLiveEnrollment(current.status) || get().cancelBusy) return;
      set({ cancelBusy: true, actionError: null });
      const result = await settle((mfa) => mfa.enroll.cancel(current.id));
      set({ cancelBusy: false, ...(result.ok ? {} : { actionError: result.message }) });
      if (result.ok) apply(result.value);
    },

    revealSetupKey: async () => {
      const current = get().current;
      if (!current?.setupKeyAvailable || current.status !== 'awaiting_code') return;
      const result = await settle((mfa) => mfa.enroll.setupKey(current.id));
      set(result.ok ? { setupKey: result.value.setupKey, actionError: null } : { actionError: result.message });
    },

    hideSetupKey: () => set({ setupKey: null }),

    receive: (view) => {
      if (get().current?.id === view.id) apply(view);
    },

    refresh: async () => {
      const result = await settle((mfa) => mfa.enroll.list());
      if (!result.ok) return;
      const current = get().current;
      const fresh = current ? result.value.find((v) => v.id === current.id) : result.value.find((v) => isLiveEnrollment(v.status));
      if (fresh) apply(fresh);
    },

    reset: () => set({ form: emptyEnrollForm, current: null, starting: false, codeBusy: false, cancelBusy: false, actionError: null, setupKey: null }),
  };
});
