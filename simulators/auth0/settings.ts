/** Profile settings that point the real Auth0 provider at a running simulator (sandbox, tests, benchmarks). */
import type { Auth0Settings } from '../../contract/providers/auth0.js';

export interface Auth0SimulatorAddress {
  base: string;
  clientId: string;
}

export function simulatorSettings(sim: Auth0SimulatorAddress, overrides: Partial<Auth0Settings> = {}): Auth0Settings {
  return {
    domain: sim.base,
    clientId: sim.clientId,
    clientAuth: 'client_secret_post',
    realm: 'Username-Password-Authentication',
    threshold: 10_000,
    currency: 'EUR',
    approvalWindowMinutes: 30,
    ...overrides,
  };
}
