/**
 * The app's own check of the ID token in a CIBA token answer. openid-client on its own accepts an answer
 * without an ID token, does not check the signature of one from the token endpoint, and does not compare
 * the subject with the account that was asked about; this check does all three, and fails closed.
 */
import { errors, jwtVerify, type JWTPayload } from 'jose';
import type { JwksCache } from '../shared/jwks.js';

declare const verified: unique symbol;

/** Proof that an ID token passed every check. Only this file creates one. */
export interface VerifiedIdentity {
  readonly [verified]: true;
  keyId: string | null;
  algorithm: string;
}

/** Who must have answered: the sub (plain and iss_sub hints) or the email address (email hint). */
export type ExpectedSubject = { kind: 'sub'; value: string } | { kind: 'email'; value: string };

export interface IdTokenExpectation {
  issuer: string;
  clientId: string;
  subject: ExpectedSubject;
  jwksUri: string;
  /** Current time in ms (the app's clock). */
  now: number;
}

export type IdTokenFailure = 'missing' | 'invalid' | 'subject_mismatch' | 'email_missing' | 'keys_unavailable';
export type IdTokenCheck = { ok: true; identity: VerifiedIdentity } | { ok: false; failure: IdTokenFailure; detail: string };

/** Asymmetric algorithms only: `none` and shared-secret (HS*) signatures are never accepted. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
/** Clock skew tolerated on exp and iat, in seconds. */
const SKEW_S = 60;

/** Checks signature (JWKS), iss, aud/azp, exp, iat and the subject. */
export async function checkIdToken(
  idToken: string | undefined,
  expected: IdTokenExpectation,
  jwks: JwksCache,
  signal: AbortSignal,
): Promise<IdTokenCheck> {
  if (!idToken) return { ok: false, failure: 'missing', detail: 'token answer without id_token' };
  let keys = await jwks.get(expected.jwksUri, signal);
  for (let attempt = 0; ; attempt += 1) {
    if (!keys.ok) return { ok: false, failure: 'keys_unavailable', detail: keys.detail };
    try {
      const { payload, protectedHeader } = await jwtVerify(idToken, keys.keys, {
        issuer: expected.issuer,
        audience: expected.clientId,
        algorithms: ALGORITHMS,
        clockTolerance: SKEW_S,
        currentDate: new Date(expected.now),
        requiredClaims: ['iss', 'aud', 'exp', 'iat', 'sub'],
      });
      const claims = checkClaims(payload, expected);
      if (claims) return claims;
      const identity = { keyId: protectedHeader.kid ?? null, algorithm: protectedHeader.alg } as VerifiedIdentity;
      return { ok: true, identity };
    } catch (error) {
      // Why one refetch: the provider may have rotated its keys since the set was cached.
      if (error instanceof errors.JWKSNoMatchingKey && attempt === 0) {
        keys = await jwks.get(expected.jwksUri, signal, true);
        continue;
      }
      return { ok: false, failure: 'invalid', detail: describe(error) };
    }
  }
}

/** The checks jose does not make: iat not in the future, azp, and the subject. Null when all pass. */
function checkClaims(payload: JWTPayload, expected: IdTokenExpectation): IdTokenCheck | null {
  const fail = (failure: IdTokenFailure, detail: string): IdTokenCheck => ({ ok: false, failure, detail });
  const nowS = Math.floor(expected.now / 1000);
  if (typeof payload.iat !== 'number' || payload.iat > nowS + SKEW_S) return fail('invalid', 'iat is in the future');
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  // OpenID Connect Core §3.1.3.7: with several audiences the authorized party must be this client.
  if (audiences.length > 1 && payload.azp === undefined) return fail('invalid', 'several audiences without azp');
  if (payload.azp !== undefined && payload.azp !== expected.clientId) return fail('invalid', 'azp is another client');
  if (expected.subject.kind === 'sub') {
    return payload.sub === expected.subject.value ? null : fail('subject_mismatch', 'ID token sub is not the requested user');
  }
  const email = payload.email;
  if (typeof email !== 'string') return fail('email_missing', 'ID token has no email claim (the scope needs "email")');
  return email.trim().toLowerCase() === expected.subject.value ? null : fail('subject_mismatch', 'ID token email is not the requested address');
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTClaimValidationFailed) return `${error.code} (${error.claim}: ${error.reason})`;
  if (error instanceof errors.JOSEError) return error.code;
  return 'ID token could not be checked';
}
