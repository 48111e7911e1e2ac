/**
 * VisualGuard IdentityServer as a provider: Microsoft Authenticator enrollment only. VisualGuard's public
 * docs describe no API to check a caller's code outside a sign-in, so it verifies no callers here.
 */
import type { ConnectionTestView } from '../../../contract/domain.js';
import type { VisualguardSettings } from '../../../contract/providers/visualguard.js';
import { errorOutcome } from '../shared/outcomes.js';
import type { MethodsResult, ProviderDeps, StepResult, VerificationProvider } from '../types.js';
import { createContext, type VgContext, type VgTuning } from './context.js';
import { startEnrollment } from './enroll.js';
import { authenticate } from './token.js';

const ENROLL_ONLY = 'This VisualGuard profile enrolls Microsoft Authenticator; it cannot verify a caller.';
/** A user name no directory holds: the connection test signs in as it only to see the client accepted. */
const PROBE_USER = 'mfa-approver-connection-test';

/** Creates the provider for one profile. `tuning` only shortens timeouts (tests). */
export function createVisualguardProvider(settings: VisualguardSettings, deps: ProviderDeps, tuning: Partial<VgTuning> = {}): VerificationProvider {
  const ctx = createContext(settings, deps, tuning);
  const notSupported = (contextId: string): Promise<StepResult> =>
    Promise.resolve({ kind: 'final', outcome: errorOutcome('not_supported', 'Enrollment only', `${ENROLL_ONLY} Nothing was sent.`, null), refs: { contextId } });
  return {
    listMethods: (): Promise<MethodsResult> => Promise.resolve({ ok: false, code: 'not_supported', message: ENROLL_ONLY }),
    start: (request) => notSupported(request.contextId),
    submitCode: (request) => notSupported(request.contextId),
    testConnection: (signal) => testConnection(ctx, signal),
    script: () => ENROLL_ONLY,
    enrollment: { start: (request) => startEnrollment(ctx, request) },
  };
}

/** The client is accepted when VisualGuard answers a sign-in with a VGResponse (for a user it does not know). */
async function testConnection(ctx: VgContext, signal: AbortSignal): Promise<ConnectionTestView> {
  const reading = await authenticate(ctx, PROBE_USER, ctx.settings.authenticationModule === 'Passwordless' ? null : '', signal);
  if (reading.kind === 'enroll' || ['user_not_found', 'credential_invalid', 'authenticator_not_offered', 'already_enrolled'].includes(reading.outcome.code)) {
    return { ok: true, code: null, message: 'VisualGuard accepted this profile’s client ID and secret (a test sign-in for a user that does not exist was answered as expected).', fix: null };
  }
  return { ok: false, code: reading.outcome.code, message: reading.outcome.message, fix: reading.outcome.nextSteps };
}
