/** Test access to the sandbox's simulators (scripted behaviour, faults, counts). */
import { entraContract } from '../../contract/providers/entra.js';
import type { VerificationProvider } from '../../main/providers/types.js';
import type { ResolvedProfile } from '../../main/services/profiles.js';
import { ENTRA_SANDBOX_PROFILE_ID } from '../../simulators/entra/sandbox.js';
import type { EntraSimulator } from '../../simulators/entra/simulator.js';
import type { TestRuntime } from './runtime.js';

export { ENTRA_SANDBOX_PROFILE_ID };

/** The Entra simulator behind the runtime's sandbox profile. */
export function entraSim(rt: TestRuntime): EntraSimulator {
  const backend = rt.runtime.sandbox?.backend('entra');
  if (!backend) throw new Error('the Entra sandbox is not running');
  return backend.simulator as EntraSimulator;
}

/** A resolved Entra profile around `provider`, for services tested without the profile store. */
export function resolvedEntra(provider: VerificationProvider, settings = { tenant: 'contoso.example' }): ResolvedProfile {
  const parsed = entraContract.settingsSchema.parse(settings);
  return {
    profile: { id: '00000000-0000-4000-8000-00000000000a', kind: 'entra', displayName: 'Test', settings: parsed, updatedAt: '2026-01-01T00:00:00.000Z' },
    provider,
    stepUp: null,
    sandbox: false,
    capabilities: entraContract.capabilities(parsed),
    checkSubject: (raw) => entraContract.checkSubject(parsed, raw),
  };
}
