/** The token answer of a successful sign-in, with an RS256 ID token, altered by an armed token fault. */
import { randomBytes } from 'node:crypto';
import type { Auth0SimCore } from './core.js';
import type { TokenFault } from './faults.js';
import type { SimUser } from './options.js';

export function tokenAnswer(core: Auth0SimCore, user: SimUser, mfa: boolean, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const fault: TokenFault | null = core.takeTokenFault();
  const nowS = Math.floor(core.now() / 1000);
  const claims: Record<string, unknown> = {
    iss: core.issuer,
    sub: user.sub,
    aud: core.options.clientId,
    iat: nowS,
    exp: nowS + core.options.idTokenLifetimeS,
    auth_time: nowS,
    email: user.username,
    email_verified: true,
  };
  if (mfa) claims.amr = ['mfa'];
  if (fault === 'id_token_wrong_aud') claims.aud = 'another-application';
  if (fault === 'id_token_wrong_iss') claims.iss = 'https://another-tenant.example.com/';
  // A token minted an hour ago, still unexpired: what a replayed answer would look like.
  if (fault === 'id_token_old') claims.iat = nowS - 3600;
  const body: Record<string, unknown> = {
    access_token: randomBytes(32).toString('base64url'),
    token_type: 'Bearer',
    expires_in: 86_400,
    scope: 'openid email',
    ...extra,
  };
  if (fault !== 'id_token_missing') body.id_token = core.keys.sign(claims, fault === 'id_token_bad_signature');
  if (fault === 'error_with_200') Object.assign(body, { error: 'access_denied', error_description: 'Unauthorized' });
  return body;
}
