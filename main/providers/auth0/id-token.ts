/**
 * The app's own check of the ID token Auth0 returns after the second factor: signature against the tenant's
 * published keys (asymmetric algorithms only), issuer, audience (and azp), expiry, and an issue time that is
 * neither in the future nor older than the sign-in window. Only a token that passes every check names an
 * approver; anything else fails closed.
 */
import { errors, jwtVerify, type JWTPayload } from 'jose';
import type { StepUpFailure, VerifiedApprover } from '../step-up.js';
import { MFA_TOKEN_LIFETIME_MS, type Auth0Context } from './context.js';
import { fail } from './failures.js';

export type ApproverCheck = { ok: true; approver: VerifiedApprover } | { ok: false; failure: StepUpFailure };

/** Why HS* and `none` are missing: a token signed with the client secret could be made by anyone holding it. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
/** Clock skew tolerated on exp and iat, in seconds. */
const SKEW_S = 60;

/** Checks the ID token of a token answer and names the approver it proves. */
export async function checkApprover(ctx: Auth0Context, idToken: string, signal: AbortSignal): Promise<ApproverCheck> {
  const jwksUri = `${ctx.base}/.well-known/jwks.json`;
  let keys = await ctx.jwks.get(jwksUri, signal);
  for (let attempt = 0; ; attempt += 1) {
    if (!keys.ok) return { ok: false, failure: fail.keysUnavailable(keys.detail) };
    try {
      const now = ctx.deps.clock.now();
      const { payload, protectedHeader } = await jwtVerify(idToken, keys.keys, {
        issuer: ctx.issuer,
        audience: ctx.settings.clientId,
        algorithms: ALGORITHMS,
        clockTolerance: SKEW_S,
        currentDate: new Date(now),
        requiredClaims: ['iss', 'aud', 'exp', 'iat', 'sub'],
      });
      const refused = refusal(payload, ctx.settings.clientId, now);
      if (refused) return { ok: false, failure: fail.answerRefused(refused) };
      // The email is only a label for people (approvers are told apart by sub); an unverified one is not shown.
      const email = typeof payload.email === 'string' && payload.email.length <= 256 && payload.email_verified !== false ? payload.email : null;
      const approver = {
        subject: payload.sub!,
        issuer: ctx.issuer,
        email,
        detail: `ID token verified (key ${protectedHeader.kid ?? 'without kid'}, ${protectedHeader.alg})`,
      } as VerifiedApprover;
      return { ok: true, approver };
    } catch (error) {
      // Why one refetch: the tenant may have rotated its keys since the set was cached.
      if (error instanceof errors.JWKSNoMatchingKey && attempt === 0) {
        keys = await ctx.jwks.get(jwksUri, signal, true);
        continue;
      }
      return { ok: false, failure: fail.answerRefused(describe(error)) };
    }
  }
}

/** The checks jose does not make; null when all pass. */
function refusal(payload: JWTPayload, clientId: string, now: number): string | null {
  const nowS = Math.floor(now / 1000);
  if (typeof payload.iat !== 'number' || payload.iat > nowS + SKEW_S) return 'iat is in the future';
  // A token from an earlier sign-in is no proof of this one: it must be younger than the mfa_token window.
  if (payload.iat < nowS - MFA_TOKEN_LIFETIME_MS / 1000 - SKEW_S) return 'iat is older than the sign-in window';
  if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 256) return 'sub missing or too long';
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  // OpenID Connect Core §3.1.3.7: with several audiences the authorized party must be this client.
  if (audiences.length > 1 && payload.azp === undefined) return 'several audiences without azp';
  if (payload.azp !== undefined && payload.azp !== clientId) return 'azp is another client';
  return null;
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTClaimValidationFailed) return `${error.code} (${error.claim}: ${error.reason})`;
  if (error instanceof errors.JOSEError) return error.code;
  return 'ID token could not be checked';
}
