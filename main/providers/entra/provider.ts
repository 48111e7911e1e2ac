/**
 * Microsoft Entra ID verification provider: push (Microsoft Authenticator Approve/Deny) and OTP challenges
 * through the StrongAuthenticationService connector used by the NPS extension.
 */
import { randomUUID } from 'node:crypto';
import type { ConnectionTestView, VerificationMode } from '../../../contract/domain.js';
import type { EntraSettings } from '../../../contract/providers/entra.js';
import { isAbortError } from '../../services/clock.js';
import type { MethodsResult, ProviderDeps, StartRequest, StepResult, VerificationProvider } from '../types.js';
import { submitChallengeCode } from './challenge.js';
import { createConnectorClient } from './client.js';
import { resolveEndpoints } from './cloud.js';
import { defaultProviderOptions, finalStep, type EntraContext, type EntraProviderOptions } from './context.js';
import { toMethodViews } from './methods.js';
import { startOtp } from './otp.js';
import { appError, resultOutcome, sameUpn } from './outcomes.js';
import { startPush } from './push.js';
import { createTokenSource, type TokenSource } from './token.js';

const SCRIPTS: Record<VerificationMode, string> = {
  push:
    'Ask the caller to approve the sign-in request in Microsoft Authenticator. ' +
    'Do not read out any details of the request.',
  otp: 'Ask the caller to read out the 6-digit code shown in Microsoft Authenticator (or sent by text message).',
};

const UPN_PATTERN = /^[^\s@<>]{1,200}@[^\s@<>]{1,200}$/;
const UPN_HINT = 'Enter the user’s sign-in name, such as name@contoso.com.';

/** Creates the Entra provider for one profile. `options` only shortens timeouts (tests, benchmarks). */
export function createEntraProvider(
  settings: EntraSettings,
  deps: ProviderDeps,
  options: Partial<EntraProviderOptions> = {},
): VerificationProvider {
  const tuned = { ...defaultProviderOptions, ...options };
  const { http, clock, logger } = deps;
  const endpoints = resolveEndpoints(settings);
  const tokens = createTokenSource({
    settings,
    endpoints,
    http,
    clock,
    logger,
    readSecret: deps.readSecret,
    timeoutMs: tuned.tokenTimeoutMs,
  });
  const requestTimeoutMs = tuned.requestTimeoutMs;
  const client = createConnectorClient({ http, tokens, endpoints, clock, logger, requestTimeoutMs });
  const ctx: EntraContext = { settings, endpoints, client, clock, logger, options: tuned };

  return {
    async listMethods(subject, signal): Promise<MethodsResult> {
      const upn = subject.raw.trim();
      if (!UPN_PATTERN.test(upn)) return { ok: false, code: 'invalid_upn', message: UPN_HINT };
      const listed = await client.getAvailableMethods(upn, randomUUID(), signal);
      if (!listed.ok) return { ok: false, code: listed.outcome.code, message: listed.outcome.message, detail: listed.outcome.detail ?? null };
      if (listed.value.value !== 'Success') {
        const outcome = resultOutcome(listed.value.value, listed.value.message);
        return { ok: false, code: outcome.code, message: outcome.message, detail: outcome.detail ?? null };
      }
      if (listed.value.upn !== null && !sameUpn(listed.value.upn, upn)) {
        return { ok: false, code: 'subject_mismatch', message: 'Entra ID answered for a different account, so the list is not shown.' };
      }
      return { ok: true, methods: toMethodViews(listed.value.methods) };
    },
    async start(request: StartRequest): Promise<StepResult> {
      if (!UPN_PATTERN.test(request.subject.raw.trim())) {
        const invalid = appError('invalid_upn', 'The sign-in name (UPN) is not valid', UPN_HINT, null);
        return finalStep(invalid, { contextId: request.contextId });
      }
      return request.mode === 'otp' ? startOtp(ctx, request) : startPush(ctx, request);
    },
    submitCode: (request) => submitChallengeCode(ctx, request),
    testConnection: (signal) => testConnection(tokens, signal),
    script: (mode) => SCRIPTS[mode],
  };
}

async function testConnection(tokens: TokenSource, signal: AbortSignal): Promise<ConnectionTestView> {
  try {
    const result = await tokens.fresh(signal);
    if (!result.ok) {
      const { detail, ...failure } = result.failure;
      // Test connection is read by the administrator: the technical detail belongs in its message.
      return { ok: false, ...failure, message: detail ? `${failure.message} (${detail})` : failure.message };
    }
    return { ok: true, code: null, message: 'Entra ID issued a connector token for this profile.', fix: null };
  } catch (error) {
    if (isAbortError(error)) return { ok: false, code: 'cancelled', message: 'The test was cancelled.', fix: null };
    throw error;
  }
}
