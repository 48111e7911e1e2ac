/**
 * OpenID CIBA verification provider (poll mode): a push to the user's phone with a binding code, followed by
 * polling the token endpoint. Push only: no code read-back, no method list, no enrollment.
 */
import type { VerificationMode } from '../../../contract/domain.js';
import { cibaContract, type CibaSettings } from '../../../contract/providers/ciba.js';
import { errorOutcome } from '../shared/outcomes.js';
import type { MethodsResult, ProviderDeps, StepResult, VerificationProvider } from '../types.js';
import { testConnection } from './connection-test.js';
import { defaultTuning, providerNameOf, type CibaContext, type CibaTuning } from './context.js';
import { startPush } from './flow.js';
import { createJwksCache } from '../shared/jwks.js';
import { createServerSource } from './server.js';

const PUSH_ONLY = 'This profile can only send a push; code read-back is not available.';

/** Creates the provider for one profile. `tuning` only shortens timeouts (tests, benchmarks). */
export function createCibaProvider(settings: CibaSettings, deps: ProviderDeps, tuning: Partial<CibaTuning> = {}): VerificationProvider {
  const tuned = { ...defaultTuning, ...tuning };
  const providerName = providerNameOf(settings);
  const server = createServerSource({
    settings,
    http: deps.http,
    clock: deps.clock,
    timeoutMs: tuned.requestTimeoutMs,
    maxAgeMs: tuned.metadataMaxAgeMs,
    ctx: { provider: providerName, pushMayBeOut: false },
    checkEndpoint: deps.checkEndpoint,
  });
  const jwks = createJwksCache({ http: deps.http, clock: deps.clock, timeoutMs: tuned.requestTimeoutMs, maxAgeMs: tuned.jwksMaxAgeMs });
  const ctx: CibaContext = { settings, deps, tuning: tuned, server, jwks, providerName };

  return {
    listMethods: (): Promise<MethodsResult> => Promise.resolve({ ok: false, code: 'not_supported', message: 'This provider cannot list an account’s sign-in methods.' }),
    start: (request): Promise<StepResult> => {
      if (request.mode !== 'push') {
        return Promise.resolve({ kind: 'final', outcome: errorOutcome('not_supported', 'Push only', `${PUSH_ONLY} Nothing was sent.`, null), refs: { contextId: request.contextId } });
      }
      // Why check again: the subject decides whose ID token counts; never trust that the caller canonicalised it.
      const subject = cibaContract.checkSubject(settings, request.subject.canonical);
      if (!subject.ok) {
        const outcome = errorOutcome('invalid_subject', 'Account not valid', `The account ${subject.message}. Nothing was sent.`, 'Check the account and try again.', null);
        return Promise.resolve({ kind: 'final', outcome, refs: { contextId: request.contextId } });
      }
      return startPush(ctx, { ...request, subject: { raw: request.subject.raw, canonical: subject.canonical } });
    },
    submitCode: (request): Promise<StepResult> =>
      Promise.resolve({ kind: 'final', outcome: errorOutcome('not_supported', 'Push only', PUSH_ONLY, null), refs: { contextId: request.contextId } }),
    testConnection: (signal) => testConnection(ctx, signal),
    script: (mode: VerificationMode) => scriptFor(mode, ctx),
  };
}

/** What the agent says while waiting. The actual code is shown live (progress.bindingMessage). */
function scriptFor(mode: VerificationMode, ctx: CibaContext): string {
  if (mode !== 'push') return PUSH_ONLY;
  if (ctx.settings.bindingMessage === 'none') {
    return 'Ask the caller to open the sign-in request on their phone and approve it only if they are expecting it. Do not read out any details of the request.';
  }
  return (
    `Ask the caller to open the sign-in request on their phone and check that it shows the code you read out (such as ${ctx.settings.bindingPrefix}-4821) ` +
    'before approving. If the code differs, they must deny it.'
  );
}

