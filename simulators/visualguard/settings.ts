/** Profile settings that point the real VisualGuard provider at a running simulator (sandbox, tests). */
import type { VisualguardSettings } from '../../contract/providers/visualguard.js';

/** Settings for a profile that talks to `sim`. */
export function simulatorSettings(sim: { serverUrl: string; clientId: string }, overrides: Partial<VisualguardSettings> = {}): Partial<VisualguardSettings> {
  return { serverUrl: sim.serverUrl, clientId: sim.clientId, authenticationModule: 'Passwordless', qrMode: 'image', ...overrides };
}
