/** Settings → Audit log: the app log folder, retention, and forwarding destinations with their backlog. */
import { create } from 'zustand';
import type { AuditSettingsView, ForwardDestinationInput, ForwardStatusView } from '../../../contract/audit';
import { settle } from '../lib/api';

interface AuditSettingsState {
  settings: AuditSettingsView | null;
  destinations: ForwardStatusView[];
  error: string | null;
  note: string | null;
  load(): Promise<void>;
  openLogFolder(): Promise<void>;
  setRetention(days: number | null): Promise<boolean>;
  saveDestination(input: ForwardDestinationInput): Promise<boolean>;
  removeDestination(id: string): Promise<void>;
  setToken(id: string, token: string): Promise<boolean>;
}

export const useAuditSettings = create<AuditSettingsState>()((set, get) => ({
  settings: null,
  destinations: [],
  error: null,
  note: null,
  async load() {
    const [settings, destinations] = await Promise.all([settle((m) => m.audit.settings()), settle((m) => m.audit.forwarding())]);
    set({
      settings: settings.ok ? settings.value : get().settings,
      destinations: destinations.ok ? destinations.value : get().destinations,
      error: !settings.ok ? settings.message : !destinations.ok ? destinations.message : null,
    });
  },
  async openLogFolder() {
    const result = await settle((m) => m.app.openLogFolder());
    set(result.ok ? { note: result.value.opened ? null : `The app log is in ${result.value.path}` } : { error: result.message });
  },
  async setRetention(days) {
    const result = await settle((m) => m.audit.setRetention(days));
    set(result.ok ? { settings: result.value, error: null, note: 'Retention saved.' } : { error: result.message });
    return result.ok;
  },
  async saveDestination(input) {
    const result = await settle((m) => m.audit.saveDestination(input));
    if (!result.ok) {
      set({ error: result.message });
      return false;
    }
    set({ error: null, note: `Destination “${result.value.destination.name}” saved.` });
    await get().load();
    return true;
  },
  async removeDestination(id) {
    const result = await settle((m) => m.audit.removeDestination(id));
    set(result.ok ? { error: null } : { error: result.message });
    await get().load();
  },
  async setToken(id, token) {
    const result = await settle((m) => m.audit.setDestinationSecret(id, token));
    set(result.ok ? { error: null, note: 'Token stored in the keychain.' } : { error: result.message });
    await get().load();
    return result.ok;
  },
}));
