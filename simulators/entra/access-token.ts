/**
 * Access tokens of the simulated tenant: HS256 JWTs signed with a key that lives only in this process.
 * Claims follow AAD (aud, tid, appid, iat, nbf, exp) so the connector can check audience and tenant.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

export interface AccessClaims {
  aud: string;
  tid: string;
  appid: string;
  exp: number;
}

/** Issues and verifies the simulated tenant's access tokens. */
export class TokenIssuer {
  private readonly key = randomBytes(32);

  issue(claims: { aud: string; tid: string; appid: string }, lifetimeSec: number, nowMs: number): string {
    const now = Math.floor(nowMs / 1000);
    const header = encode({ alg: 'HS256', typ: 'JWT' });
    const payload = encode({
      ...claims,
      iss: `https://sts.windows.net/${claims.tid}/`,
      iat: now,
      nbf: now,
      exp: now + lifetimeSec,
      uti: randomUUID(),
    });
    return `${header}.${payload}.${this.sign(`${header}.${payload}`)}`;
  }

  /** The claims of a token this issuer signed and that has not expired; null otherwise. */
  verify(token: string, nowMs: number): AccessClaims | null {
    const parts = token.split('.');
    if (parts.length !== 3 || token.length > 8192) return null;
    const [header, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    // Why: constant-time compare, so the signature cannot be guessed byte by byte from timing.
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const claims = decode(payload);
    if (!claims || typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs) return null;
    const { aud, tid, appid } = claims;
    if (typeof aud !== 'string' || typeof tid !== 'string' || typeof appid !== 'string') return null;
    return { aud, tid, appid, exp: claims.exp };
  }

  private sign(input: string): string {
    return createHmac('sha256', this.key).update(input).digest('base64url');
  }
}

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Decodes a base64url JSON object segment; null when it is not one. */
export function decode(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    return isObject ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
