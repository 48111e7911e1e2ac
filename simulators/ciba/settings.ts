/** Profile settings that point the real CIBA provider at a running simulator (sandbox, tests, benchmarks). */
import type { CibaSettings } from '../../contract/providers/ciba.js';

export interface CibaSimulatorAddress {
  issuer: string;
  clientId: string;
}

export function simulatorSettings(sim: CibaSimulatorAddress, overrides: Partial<CibaSettings> = {}): CibaSettings {
  return {
    issuer: sim.issuer,
    endpointMode: 'discovery',
    clientId: sim.clientId,
    clientAuth: 'client_secret_post',
    scope: 'openid',
    loginHintFormat: 'iss_sub',
    bindingMessage: 'code',
    bindingPrefix: 'MFA',
    requestedExpiry: 60,
    ...overrides,
  };
}
