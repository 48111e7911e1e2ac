/**
 * The app's own check of the operator's ID token. openid-client checks the claims of an ID token from the
 * token endpoint (iss, aud, exp, iat, nonce, azp) but not its signature; this checks the signature against the
 * provider's published keys as well, with asymmetric algorithms only, and fails closed.
 */
import { errors, jwtVerify, type JWTPayload } from 'jose';
import type { JwksCache } from '../../providers/shared/jwks.js';

/** Asymmetric algorithms only: `none` and shared-secret (HS*) signatures are never accepted. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
/** Clock skew tolerated on exp and iat, in seconds. */
const SKEW_S = 60;

export interface IdTokenExpectation {
  issuer: string;
  clientId: string;
  nonce: string;
  jwksUri: string;
  /** Current time in ms (the app's clock). */
  now: number;
}

export type IdTokenCheck = { ok: true; claims: JWTPayload } | { ok: false; detail: string };

/** Checks signature (JWKS), iss, aud, azp, exp, iat and nonce. */
export async function verifyIdToken(idToken: string | undefined, expected: IdTokenExpectation, jwks: JwksCache, signal: AbortSignal): Promise<IdTokenCheck> {
  if (!idToken) return { ok: false, detail: 'token answer without id_token' };
  let keys = await jwks.get(expected.jwksUri, signal);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (!keys.ok) return { ok: false, detail: keys.detail };
    try {
      const { payload } = await jwtVerify(idToken, keys.keys, {
        issuer: expected.issuer,
        audience: expected.clientId,
        algorithms: ALGORITHMS,
        clockTolerance: SKEW_S,
        currentDate: new Date(expected.now),
        requiredClaims: ['iss', 'aud', 'exp', 'iat', 'sub', 'nonce'],
      });
      const problem = claimProblem(payload, expected);
      return problem ? { ok: false, detail: problem } : { ok: true, claims: payload };
    } catch (error) {
      // Why one refetch: the provider may have rotated its keys since the set was cached.
      if (error instanceof errors.JWKSNoMatchingKey && attempt === 0) {
        keys = await jwks.get(expected.jwksUri, signal, true);
        continue;
      }
      return { ok: false, detail: describe(error) };
    }
  }
  return { ok: false, detail: 'no key matched the ID token' };
}

/** The checks jose does not make: nonce, iat not in the future, azp. Null when all pass. */
function claimProblem(payload: JWTPayload, expected: IdTokenExpectation): string | null {
  // Why the nonce again (openid-client checked it too): this check must stand on its own.
  if (payload.nonce !== expected.nonce) return 'nonce does not match this sign-in';
  if (typeof payload.iat !== 'number' || payload.iat > Math.floor(expected.now / 1000) + SKEW_S) return 'iat is in the future';
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  // OpenID Connect Core §3.1.3.7: with several audiences the authorized party must be this client.
  if (audiences.length > 1 && payload.azp === undefined) return 'several audiences without azp';
  if (payload.azp !== undefined && payload.azp !== expected.clientId) return 'azp is another client';
  return null;
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTClaimValidationFailed) return `${error.code} (${error.claim}: ${error.reason})`;
  if (error instanceof errors.JOSEError) return error.code;
  return 'ID token could not be checked';
}
