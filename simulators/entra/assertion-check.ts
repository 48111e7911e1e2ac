/** Checks an RS256 client_assertion against the registered certificates, as AAD does. */
import { createHash, verify, type X509Certificate } from 'node:crypto';
import { ENTRA_CLIENT_ID } from '../../main/providers/entra/cloud.js';
import { decode } from './access-token.js';

export interface AssertionProblem {
  code: number;
  description: string;
}

const SKEW_SEC = 60;
const MAX_LIFETIME_SEC = 600;
const MALFORMED: AssertionProblem = { code: 50027, description: 'Invalid JWT token. The token is malformed.' };

/** null when the assertion is valid for `audience`; otherwise the AADSTS code and text to answer. */
export function checkAssertion(
  assertion: string,
  certificates: readonly X509Certificate[],
  audience: string,
  nowMs: number,
): AssertionProblem | null {
  const parts = assertion.split('.');
  if (parts.length !== 3 || assertion.length > 16_384) return MALFORMED;
  const [headerPart, claimsPart, signature] = parts as [string, string, string];
  const header = decode(headerPart);
  const claims = decode(claimsPart);
  if (!header || !claims || header.alg !== 'RS256') return MALFORMED;
  const cert = certificates.find((c) => createHash('sha1').update(c.raw).digest('base64url') === header.x5t);
  if (!cert) {
    const description =
      'The certificate with identifier used to sign the client assertion is not registered on application. ' +
      `[Reason - The key was not found., Thumbprint of key used by client: '${String(header.x5t).slice(0, 40)}']`;
    return { code: 700027, description };
  }
  if (!verifySignature(`${headerPart}.${claimsPart}`, signature, cert)) {
    return { code: 700027, description: 'Client assertion failed signature validation.' };
  }
  if (claims.iss !== ENTRA_CLIENT_ID || claims.sub !== ENTRA_CLIENT_ID) {
    return { code: 700023, description: 'Client assertion iss and sub must both be the client id.' };
  }
  if (claims.aud !== audience) {
    return { code: 700212, description: 'No matching record found for the presented assertion audience.' };
  }
  const now = Math.floor(nowMs / 1000);
  const exp = typeof claims.exp === 'number' ? claims.exp : 0;
  const nbf = typeof claims.nbf === 'number' ? claims.nbf : now;
  if (exp <= now - SKEW_SEC || nbf > now + SKEW_SEC || exp - now > MAX_LIFETIME_SEC + SKEW_SEC) {
    return { code: 700024, description: 'Client assertion is not within its valid time range.' };
  }
  if (typeof claims.jti !== 'string' || !claims.jti) return MALFORMED;
  return null;
}

function verifySignature(input: string, signature: string, cert: X509Certificate): boolean {
  try {
    return verify('sha256', Buffer.from(input), cert.publicKey, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}
