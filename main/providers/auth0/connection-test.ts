/**
 * "Test connection" without any approver: the tenant's signing keys, and the client credentials. For the
 * latter the app starts a challenge with a made-up mfa_token: Auth0 checks the client before the token, so an
 * mfa_token error proves the credentials work and invalid_client proves they do not. Nobody is signed in and
 * no phone is contacted.
 */
import { randomBytes } from 'node:crypto';
import type { ConnectionTestView } from '../../../contract/domain.js';
import { isAbortError } from '../../services/clock.js';
import { clientAuthFor } from '../shared/client-auth.js';
import { secretReadFailure } from '../shared/secret.js';
import { oauthErrorSchema } from '../shared/json.js';
import type { Auth0Context } from './context.js';
import { fail } from './failures.js';
import { send } from './transport.js';

/** Codes that mean "the client was authenticated, the made-up mfa_token was not". */
const CLIENT_ACCEPTED = new Set(['invalid_grant', 'expired_token', 'invalid_token']);

export async function testConnection(ctx: Auth0Context, signal: AbortSignal): Promise<ConnectionTestView> {
  try {
    const keys = await ctx.jwks.get(`${ctx.base}/.well-known/jwks.json`, signal, true);
    if (!keys.ok) return { ok: false, code: 'jwks_unavailable', message: `The signing keys of ${ctx.name} could not be read (${keys.detail}).`, fix: 'Check the tenant domain in the profile settings.' };
    let secret: string | null;
    try {
      secret = await ctx.deps.readSecret();
    } catch (error) {
      const unreadable = secretReadFailure(error);
      return { ok: false, code: unreadable.code, message: unreadable.message, fix: unreadable.fix };
    }
    const auth = await clientAuthFor(ctx.settings, secret);
    if (!auth.ok) return { ok: false, code: auth.code, message: auth.message, fix: 'Open the profile settings and save the secret.' };
    const json = { mfa_token: `connection-test-${randomBytes(12).toString('hex')}`, challenge_type: 'otp' };
    const answer = await send(ctx, { method: 'POST', path: 'challenge', json, auth: auth.auth, signal });
    if (answer.kind === 'failed') {
      const failure = fail.transport(answer.error, ctx.tuning.requestTimeoutMs);
      return { ok: false, code: failure.code, message: failure.message, fix: failure.nextSteps };
    }
    const error = answer.body.ok ? oauthErrorSchema.safeParse(answer.body.value) : null;
    if (!error?.success) return { ok: false, code: `http_${answer.status}`, message: `${ctx.name} did not answer like the Auth0 MFA API (HTTP ${answer.status}).`, fix: 'Check the tenant domain in the profile settings.' };
    const code = error.data.error;
    if (CLIENT_ACCEPTED.has(code)) {
      return {
        ok: true,
        code: null,
        message: `${ctx.name} answered: ${keys.count} signing key(s) read, and the client credentials were accepted by the MFA API. Nobody was signed in.`,
        fix: null,
      };
    }
    if (code === 'invalid_client') return { ok: false, code, message: `${ctx.name} refused the client ID or its secret (or key).`, fix: 'Check the client ID, the client authentication method and the saved secret or key.' };
    if (code === 'unauthorized_client' || code === 'unsupported_grant_type') {
      return { ok: false, code, message: `The application may not use the MFA API at ${ctx.name}.`, fix: 'Enable the MFA grant type (and Password or Password Realm) in the application’s advanced settings.' };
    }
    return { ok: false, code, message: `${ctx.name} answered the test with an unexpected error, so the credentials could not be confirmed.`, fix: 'Report this to your administrator with the code shown.' };
  } catch (error) {
    if (isAbortError(error)) return { ok: false, code: 'cancelled', message: 'The test was cancelled.', fix: null };
    throw error;
  }
}
