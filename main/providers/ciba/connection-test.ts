/**
 * "Test connection" without sending a push: the endpoints (discovery or as entered), the signing keys, and
 * the client credentials. For the last, the app asks the token endpoint about a made-up request id: a
 * provider checks the client before the request id, so "invalid_grant" proves the credentials work and
 * "invalid_client" proves they do not, while no phone is ever contacted.
 */
import { randomUUID } from 'node:crypto';
import type { ConnectionTestView } from '../../../contract/domain.js';
import { isAbortError } from '../../services/clock.js';
import { httpStatusOutcome, malformedOutcome, transportOutcome } from '../shared/outcomes.js';
import type { ProviderOutcome } from '../types.js';
import { openSession } from './client.js';
import { outcomeContext, type CibaContext } from './context.js';
import { clientAuthFor } from './credentials.js';
import { readJsonObject } from '../shared/json.js';
import { oauthErrorSchema } from './schemas.js';

const fromOutcome = (outcome: ProviderOutcome): ConnectionTestView => ({ ok: false, code: outcome.code, message: outcome.message, fix: outcome.nextSteps });

/** Codes that mean "the client was authenticated, the made-up request was not found". */
const CLIENT_ACCEPTED = new Set(['invalid_grant', 'expired_token', 'access_denied']);

export async function testConnection(ctx: CibaContext, signal: AbortSignal): Promise<ConnectionTestView> {
  const octx = outcomeContext(ctx, false);
  try {
    const server = await ctx.server.get(signal);
    if (!server.ok) return fromOutcome(server.outcome);
    const keys = await ctx.jwks.get(server.server.jwksUri, signal, true);
    if (!keys.ok) {
      return { ok: false, code: 'jwks_unavailable', message: `The signing keys of ${ctx.providerName} could not be read (${keys.detail}).`, fix: 'Check the issuer (or the JWKS address) in the profile settings.' };
    }
    const auth = await clientAuthFor(ctx.settings, await ctx.deps.readSecret());
    if (!auth.ok) return { ok: false, code: auth.code, message: auth.message, fix: 'Open the profile settings and save the secret.' };
    const session = openSession({ settings: ctx.settings, server: server.server, auth: auth.auth, http: ctx.deps.http, signal, timeoutMs: ctx.tuning.requestTimeoutMs });
    const call = await session.grant(`connection-test-${randomUUID()}`);
    const exchange = call.exchanges[0];
    if (!exchange) return { ok: false, code: 'client_error', message: 'The app could not prepare the test request.', fix: 'Check this profile’s settings.' };
    if (exchange.kind === 'failed') return fromOutcome(transportOutcome(exchange.error.kind, octx, ctx.tuning.requestTimeoutMs));
    const { response } = exchange;
    const body = readJsonObject(response);
    const error = body.ok ? oauthErrorSchema.safeParse(body.value) : null;
    if (!error?.success) return fromOutcome(response.status >= 300 ? httpStatusOutcome(response.status, octx) : malformedOutcome(octx, `HTTP ${response.status} to a made-up request`));
    const code = error.data.error;
    if (CLIENT_ACCEPTED.has(code)) {
      return {
        ok: true,
        code: null,
        message:
          `${ctx.providerName} answered: endpoints found, ${keys.count} signing key(s) read, and the client credentials were accepted. ` +
          'No push was sent: the app asked about a made-up request, which the provider checks only after the credentials.',
        fix: null,
      };
    }
    if (code === 'invalid_client') return { ok: false, code, message: `${ctx.providerName} refused the client ID or its secret (or key).`, fix: 'Check the client ID, the client authentication method and the saved secret or key.' };
    if (code === 'unauthorized_client' || code === 'unsupported_grant_type') {
      return { ok: false, code, message: `The application may not use backchannel sign-in (CIBA) at ${ctx.providerName}.`, fix: 'Ask your identity administrator to enable the CIBA grant for this application.' };
    }
    return { ok: false, code, message: `${ctx.providerName} answered the test with an unexpected error, so the credentials could not be confirmed.`, fix: 'Report this to your administrator with the code shown.' };
  } catch (error) {
    if (isAbortError(error)) return { ok: false, code: 'cancelled', message: 'The test was cancelled.', fix: null };
    throw error;
  }
}
