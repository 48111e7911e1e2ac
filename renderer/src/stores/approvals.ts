/**
 * The Approvals screen's state: the release form (a deep link may pre-fill it), the release on screen with
 * its step-up, and the receipt history. Main decides everything; this store holds what it answered. A
 * password never enters it; a recovery code or setup key only for as long as it is on screen.
 */
import { create } from 'zustand';
import type { ReleaseDraft } from '../../../contract/approvals';
import type { ApprovalsView, LinkView, ReceiptDetailView, ReleaseView } from '../../../contract/approvals-view';
import type { MfaApi } from '../../../contract/api';
import type { Result } from '../../../contract/domain';
import { settle } from '../lib/api';
import { emptyRelease, type ReleaseForm } from '../lib/releaseForm';

interface ApprovalsState {
  view: ApprovalsView | null;
  loadError: string | null;
  profileId: string | null;
  form: ReleaseForm;
  /** The approver's sign-in name as typed (or picked from the sandbox's users). */
  approver: string;
  /** A deep link filled the form (its words), or was refused (why). */
  link: LinkView | null;
  /** The release on screen (null: the form). */
  currentId: string | null;
  busy: boolean;
  actionError: string | null;
  /** Shown once, then gone: the recovery code main handed over, and the setup key asked for. */
  recoveryCode: string | null;
  setupKey: string | null;
  receipt: ReceiptDetailView | null;
  exported: string | null;

  load(): Promise<void>;
  apply(release: ReleaseView): void;
  applyLink(link: LinkView): void;
  prefill(draft: ReleaseDraft): void;
  selectProfile(id: string): void;
  setApprover(name: string): void;
  setField<K extends keyof ReleaseForm>(key: K, value: ReleaseForm[K]): void;
  /** Sends the form; answers main's refusal (a "field: problem" message) for the form to show at its field. */
  createRelease(): Promise<{ ok: true } | { ok: false; message: string }>;
  newRelease(): void;
  /**
   * Runs one step-up or release action; the answer replaces the release on screen. Answers main's refusal,
   * which is also shown by the release panel unless `quiet` (a form shows it at its field instead).
   */
  act(call: (mfa: MfaApi) => Promise<Result<ReleaseView>>, quiet?: boolean): Promise<string | null>;
  takeRecoveryCode(stepUpId: string): Promise<void>;
  ackRecoveryCode(stepUpId: string): Promise<void>;
  showSetupKey(stepUpId: string): Promise<void>;
  openReceipt(id: string | null): Promise<void>;
  exportReceipt(id: string): Promise<void>;
  exportPublicKey(): Promise<void>;
}

export const useApprovals = create<ApprovalsState>()((set, get) => {
  const upsert = (release: ReleaseView): void =>
    set((s) => {
      if (!s.view) return {};
      const others = s.view.releases.filter((r) => r.id !== release.id);
      return { view: { ...s.view, releases: [release, ...others] } };
    });

  return {
    view: null,
    loadError: null,
    profileId: null,
    form: emptyRelease,
    approver: '',
    link: null,
    currentId: null,
    busy: false,
    actionError: null,
    recoveryCode: null,
    setupKey: null,
    receipt: null,
    exported: null,

    load: async () => {
      const result = await settle((mfa) => mfa.approvals.state());
      set(result.ok ? { view: result.value, loadError: null } : { loadError: result.message });
    },

    apply: (release) => {
      const before = get().view?.releases.find((r) => r.id === release.id);
      upsert(release);
      // A release that just got its receipt joins the history.
      if (release.receiptId && !before?.receiptId) void get().load();
    },

    applyLink: (link) => {
      set({ link });
      if (link.ok) get().prefill(link.draft);
    },

    prefill: (draft) =>
      set((s) => ({
        currentId: null,
        actionError: null,
        form: { ...emptyRelease, ...(draft.accountType ? {} : { accountType: s.form.accountType }), ...draft },
      })),

    selectProfile: (id) => set({ profileId: id }),
    setApprover: (name) => set({ approver: name }),
    setField: (key, value) => set((s) => ({ form: { ...s.form, [key]: value } })),

    createRelease: async () => {
      const { profileId, form } = get();
      if (!profileId) return { ok: false, message: 'profileId: choose an approvals profile' };
      set({ busy: true, actionError: null });
      const result = await settle((mfa) => mfa.approvals.create({ profileId, ...form }));
      set({ busy: false });
      if (!result.ok) return { ok: false, message: result.message };
      upsert(result.value);
      set({ currentId: result.value.id, link: null, receipt: null, exported: null });
      return { ok: true };
    },

    newRelease: () => set({ currentId: null, form: emptyRelease, actionError: null, link: null, receipt: null, exported: null, recoveryCode: null, setupKey: null }),

    act: async (call, quiet = false) => {
      if (get().busy) return null;
      set({ busy: true, actionError: null, setupKey: null });
      const result = await settle(call);
      set({ busy: false });
      if (!result.ok) {
        if (!quiet) set({ actionError: result.message });
        return result.message;
      }
      get().apply(result.value);
      return null;
    },

    takeRecoveryCode: async (stepUpId) => {
      const result = await settle((mfa) => mfa.approvals.takeRecoveryCode(stepUpId));
      set(result.ok ? { recoveryCode: result.value.recoveryCode, actionError: null } : { actionError: result.message });
    },

    ackRecoveryCode: async (stepUpId) => {
      set({ recoveryCode: null });
      await get().act((mfa) => mfa.approvals.ackRecoveryCode(stepUpId));
    },

    showSetupKey: async (stepUpId) => {
      const result = await settle((mfa) => mfa.approvals.setupKey(stepUpId));
      set(result.ok ? { setupKey: result.value.setupKey, actionError: null } : { actionError: result.message });
    },

    openReceipt: async (id) => {
      set({ exported: null });
      if (!id) return set({ receipt: null });
      const result = await settle((mfa) => mfa.approvals.receipt(id));
      set(result.ok ? { receipt: result.value, actionError: null } : { actionError: result.message });
    },

    exportReceipt: async (id) => {
      const result = await settle((mfa) => mfa.approvals.exportReceipt(id));
      if (!result.ok) return set({ actionError: result.message });
      set({ exported: result.value.path ? `Receipt saved to ${result.value.path}` : 'Export cancelled.' });
    },

    exportPublicKey: async () => {
      const result = await settle((mfa) => mfa.approvals.exportPublicKey());
      if (!result.ok) return set({ actionError: result.message });
      set({ exported: result.value.path ? `Public key saved to ${result.value.path}` : 'Export cancelled.' });
    },
  };
});

/** The release on screen, if any. */
export const selectCurrent = (s: ApprovalsState): ReleaseView | null => s.view?.releases.find((r) => r.id === s.currentId) ?? null;
