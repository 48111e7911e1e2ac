/** The simulated phone: sandbox users, pending prompts and the next injected provider fault. */
import { create } from 'zustand';
import type { PhoneAction, SandboxView } from '../../../contract/domain';
import { settle } from '../lib/api';
import { readQrOnScreen } from '../lib/qrScan';

interface SandboxState {
  view: SandboxView | null;
  error: string | null;
  /** Prompt ids with an answer in flight (so a double click sends one answer). */
  answering: Record<string, true>;
  load: () => Promise<void>;
  apply: (view: SandboxView) => void;
  respond: (promptId: string, action: PhoneAction) => Promise<void>;
  setFault: (profileId: string, fault: string) => Promise<void>;
  setEnabled: (enabled: boolean) => Promise<boolean>;
  /** The simulated phone's authenticator app scans the QR code on screen; true when it added the account. */
  scanScreen: () => Promise<boolean>;
  scanning: boolean;
}

export const useSandbox = create<SandboxState>()((set, get) => ({
  view: null,
  error: null,
  answering: {},
  scanning: false,

  load: async () => {
    const result = await settle((mfa) => mfa.sandbox.state());
    set(result.ok ? { view: result.value, error: null } : { error: result.message });
  },

  apply: (view) => set({ view }),

  respond: async (promptId, action) => {
    if (get().answering[promptId]) return;
    set((s) => ({ answering: { ...s.answering, [promptId]: true }, error: null }));
    const result = await settle((mfa) => mfa.sandbox.respond(promptId, action));
    set((s) => {
      const answering = { ...s.answering };
      delete answering[promptId];
      return result.ok ? { answering, view: result.value } : { answering, error: result.message };
    });
  },

  setFault: async (profileId, fault) => {
    const result = await settle((mfa) => mfa.sandbox.setFault(profileId, fault));
    set(result.ok ? { view: result.value, error: null } : { error: result.message });
  },

  scanScreen: async () => {
    if (get().scanning) return false;
    set({ scanning: true, error: null });
    const read = await readQrOnScreen();
    if (!read.ok) {
      set({ scanning: false, error: read.message });
      return false;
    }
    const result = await settle((mfa) => mfa.sandbox.scan(read.text));
    set(result.ok ? { scanning: false, view: result.value } : { scanning: false, error: result.message });
    return result.ok;
  },

  setEnabled: async (enabled) => {
    const result = await settle((mfa) => mfa.sandbox.setEnabled(enabled));
    set(result.ok ? { view: result.value, error: null } : { error: result.message });
    return result.ok;
  },
}));
