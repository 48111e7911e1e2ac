/**
 * Client authentication as Auth0 checks it at /bc-authorize, /oauth/token, /mfa/challenge and /mfa/associate
 * (providers.md §1.2): client secret basic (form-urlencoded id and secret, RFC 6749 §2.3.1), client secret
 * post, or private key JWT (RFC 7523). Shared by the simulators; the parameters come from a form or JSON body.
 */
import { constants, createHash, createPublicKey, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
export type SimAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';

/** The application as the simulated tenant registered it. */
export interface ClientRegistration {
  clientId: string;
  clientSecret: string;
  /** The client authentication methods the application accepts (Auth0 allows one per application). */
  authMethods: SimAuthMethod[];
  /** PEM public key (SPKI) registered for private_key_jwt, and its key id when it has one. */
  clientPublicKeyPem: string | null;
  clientKeyId: string | null;
}

export const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export type ClientAuthResult = { ok: true; method: SimAuthMethod } | { ok: false; error: 'invalid_client' | 'invalid_request'; description: string };

export interface ClientAuthContext {
  options: ClientRegistration;
  /** Audiences accepted in an assertion: the issuer (with and without its slash) and the endpoint URL. */
  audiences: string[];
  /** Wall-clock time: client libraries stamp assertions with the real time, whatever the simulator's clock says. */
  nowMs: number;
  /** jti values already seen (replay). */
  seenJti: Set<string>;
}

const formDecode = (value: string): string => decodeURIComponent(value.replace(/\+/g, ' '));
const refuse = (description: string): ClientAuthResult => ({ ok: false, error: 'invalid_client', description });

function sameSecret(given: string, expected: string): boolean {
  // Digests of equal length, compared in constant time, so the secret cannot be probed through timing.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Checks the client in `req`/`form` and removes nothing; answers which method was used. */
export function authenticateClient(req: IncomingMessage, form: Map<string, string>, ctx: ClientAuthContext): ClientAuthResult {
  const { options } = ctx;
  const header = req.headers.authorization;
  const methods: SimAuthMethod[] = [];
  if (header) methods.push('client_secret_basic');
  if (form.has('client_secret')) methods.push('client_secret_post');
  if (form.has('client_assertion')) methods.push('private_key_jwt');
  if (methods.length > 1) return { ok: false, error: 'invalid_request', description: 'Only one client authentication method may be used' };
  const method = methods[0];
  if (!method) return refuse('Client authentication is required');
  if (!options.authMethods.includes(method)) return refuse(`The client is not configured for ${method}`);
  const formId = form.get('client_id');
  if (method === 'client_secret_basic') {
    const match = /^Basic ([A-Za-z0-9+/=]{1,2000})$/.exec(header ?? '');
    const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (colon < 0) return refuse('Malformed Basic credentials');
    let id: string;
    let secret: string;
    try {
      id = formDecode(decoded.slice(0, colon));
      secret = formDecode(decoded.slice(colon + 1));
    } catch {
      return refuse('Malformed Basic credentials');
    }
    if (formId !== undefined && formId !== id) return refuse('client_id does not match the credentials');
    return id === options.clientId && sameSecret(secret, options.clientSecret) ? { ok: true, method } : refuse('Unauthorized');
  }
  if (formId !== options.clientId) return refuse('Unknown client_id');
  if (method === 'client_secret_post') {
    return sameSecret(form.get('client_secret') ?? '', options.clientSecret) ? { ok: true, method } : refuse('Unauthorized');
  }
  if (form.get('client_assertion_type') !== ASSERTION_TYPE) return { ok: false, error: 'invalid_request', description: 'Unsupported client_assertion_type' };
  return checkAssertion(form.get('client_assertion') ?? '', ctx) ?? { ok: true, method };
}

const ALGS: Record<string, { hash: string | null; dsa?: 'ieee-p1363' }> = {
  RS256: { hash: 'sha256' },
  PS256: { hash: 'sha256' },
  ES256: { hash: 'sha256', dsa: 'ieee-p1363' },
  EdDSA: { hash: null },
};

/** Verifies a private_key_jwt assertion; null when it is good. */
function checkAssertion(jwt: string, ctx: ClientAuthContext): ClientAuthResult | null {
  const { options } = ctx;
  if (!options.clientPublicKeyPem) return refuse('No public key is registered for this client');
  const parts = jwt.split('.');
  if (parts.length !== 3 || jwt.length > 8192) return refuse('Malformed client_assertion');
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return refuse('Malformed client_assertion');
  }
  const alg = typeof header.alg === 'string' ? ALGS[header.alg] : undefined;
  if (!alg) return refuse('Unsupported client_assertion algorithm');
  if (options.clientKeyId !== null && header.kid !== options.clientKeyId) return refuse('Unknown key id');
  const key: KeyObject = createPublicKey(options.clientPublicKeyPem);
  const input = Buffer.from(`${parts[0]}.${parts[1]}`);
  const signature = Buffer.from(parts[2]!, 'base64url');
  const params = header.alg === 'PS256' ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : alg.dsa ? { key, dsaEncoding: alg.dsa } : key;
  if (!verify(alg.hash, input, params, signature)) return refuse('Invalid client_assertion signature');
  const nowS = Math.floor(ctx.nowMs / 1000);
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (claims.iss !== options.clientId || claims.sub !== options.clientId) return refuse('client_assertion iss and sub must be the client_id');
  if (!audiences.some((aud) => typeof aud === 'string' && ctx.audiences.includes(aud))) return refuse('Invalid client_assertion audience');
  if (typeof claims.exp !== 'number' || claims.exp <= nowS - 5 || claims.exp > nowS + 600) return refuse('client_assertion expired');
  if (typeof claims.jti !== 'string' || ctx.seenJti.has(claims.jti)) return refuse('client_assertion jti missing or replayed');
  if (ctx.seenJti.size > 10_000) ctx.seenJti.clear();
  ctx.seenJti.add(claims.jti);
  return null;
}
