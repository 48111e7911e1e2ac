/** The Auth0 step-up provider of one profile: the approver's own sign-in, second factor and first enrollment. */
import type { Auth0Settings } from '../../../contract/providers/auth0.js';
import { createJwksCache } from '../shared/jwks.js';
import type { StepUpProvider } from '../step-up.js';
import type { ProviderDeps } from '../types.js';
import { testConnection } from './connection-test.js';
import { contextFor, defaultTuning, type Auth0Tuning } from './context.js';
import { enroll } from './enroll.js';
import { startChallenge, submitCode, waitForPush } from './factors.js';
import { forgetSession } from './handles.js';
import { signIn } from './sign-in.js';

/** Creates the step-up provider for one profile. `tuning` only shortens timings (tests, benchmarks). */
export function createAuth0StepUp(settings: Auth0Settings, deps: ProviderDeps, tuning: Partial<Auth0Tuning> = {}): StepUpProvider {
  const tuned = { ...defaultTuning, ...tuning };
  const jwks = createJwksCache({ http: deps.http, clock: deps.clock, timeoutMs: tuned.requestTimeoutMs, maxAgeMs: tuned.jwksMaxAgeMs });
  const ctx = contextFor(settings, deps, tuned, jwks);
  // Sessions and challenges are bound to this instance: a handle from another profile is refused.
  const owner = {};
  return {
    policy: { threshold: settings.threshold, currency: settings.currency, windowMinutes: settings.approvalWindowMinutes },
    signIn: (request) => signIn(ctx, owner, request),
    challenge: (session, authenticator, signal) => startChallenge(ctx, owner, session, authenticator, signal),
    submitCode: (session, challenge, code, signal) => submitCode(ctx, owner, session, challenge, code, signal),
    waitForPush: (session, challenge, wait) => waitForPush(ctx, owner, session, challenge, wait),
    enroll: (session, request, signal) => enroll(ctx, owner, session, request, signal),
    forget: (session) => forgetSession(session),
    testConnection: (signal) => testConnection(ctx, signal),
  };
}
