/** Profile settings that point the real Entra client at a running simulator (sandbox, tests, benchmarks). */
import type { EntraSettings } from '../../contract/providers/entra.js';

export interface SimulatorAddress {
  tenantDomain: string;
  loginBaseUrl: string;
  connectorBaseUrl: string;
}

export function simulatorSettings(sim: SimulatorAddress, overrides: Partial<EntraSettings> = {}): EntraSettings {
  return {
    tenant: sim.tenantDomain,
    cloud: 'public',
    connectorHost: 'strongauth',
    tokenVersion: 'v2',
    credential: 'secret',
    mode: 'sync',
    loginBaseUrl: sim.loginBaseUrl,
    connectorBaseUrl: sim.connectorBaseUrl,
    pollIntervalMs: 1000,
    deadlineMs: 60_000,
    ...overrides,
  };
}
