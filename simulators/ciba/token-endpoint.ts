/**
 * POST /oauth/token with the CIBA grant (providers.md §2.2, §2.3): pacing (slow_down with a Retry-After that
 * grows on repeat offences), pending, denied or expired (access_denied), consumed or unknown (invalid_grant),
 * and approved: tokens with an RS256 ID token.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CibaSimCore } from './core.js';
import { sendFault, type TokenFault } from './faults.js';
import { sendError, sendJson } from '../shared/http-io.js';
import type { CibaRequest } from './requests.js';
import { readClientForm } from './requests-io.js';

export const TOKEN_PATH = '/oauth/token';
export const CIBA_GRANT = 'urn:openid:params:grant-type:ciba';
/** Timer slack: a poll this much before its time still counts as on time. */
const TOLERANCE_MS = 20;

export async function handleToken(core: CibaSimCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  core.counts.token += 1;
  const { options } = core;
  const form = await readClientForm(core, req, res, TOKEN_PATH);
  if (!form) return;
  const refuse = (error: string, description: string, headers: Record<string, string> = {}): void =>
    sendError(res, options.errorStatus, error, description, headers);
  if (form.get('grant_type') !== CIBA_GRANT) return refuse('unsupported_grant_type', 'Unsupported grant type');
  const authReqId = form.get('auth_req_id');
  if (!authReqId) return refuse('invalid_request', 'auth_req_id is required');
  const request = core.requests.findByAuthReqId(authReqId);
  if (!request) return refuse('invalid_grant', 'Invalid or expired auth_req_id');

  const now = core.now();
  const early = options.enforceInterval && now < request.notBefore - TOLERANCE_MS;
  if (core.takeForcedSlowDown() || early) {
    if (early) core.counts.earlyPolls += 1;
    core.counts.slowDowns += 1;
    // "If you consistently poll too frequently, the number of seconds you must wait increases."
    request.intervalS += 5;
    const waitS = request.intervalS + options.retryAfterExtraS;
    request.notBefore = now + waitS * 1000;
    const wait = String(waitS);
    return refuse('slow_down', `You are polling faster than allowed. Try again in ${wait} seconds.`, { 'Retry-After': wait });
  }
  request.notBefore = now + request.intervalS * 1000;

  const fault = core.takeBodyFault();
  const answer = (send: () => void): void => (fault ? sendFault(res, fault, options.stallMaxMs) : send());
  if (request.state === 'approved') {
    core.requests.forget(request);
    const body = tokenAnswer(core, request, core.takeTokenFault());
    return answer(() => sendJson(res, 200, body));
  }
  if (request.state === 'denied' || core.requests.isExpired(request)) {
    core.requests.forget(request);
    const expired = request.state !== 'denied';
    const error = expired ? options.expiryError : 'access_denied';
    return answer(() => refuse(error, 'The end-user denied the authorization request or it has been expired'));
  }
  return answer(() => refuse('authorization_pending', 'The end-user authorization is pending'));
}

/** The token answer for an approved request, altered by an armed token fault. */
function tokenAnswer(core: CibaSimCore, request: CibaRequest, fault: TokenFault | null): Record<string, unknown> {
  const nowS = Math.floor(core.now() / 1000);
  const claims: Record<string, unknown> = {
    iss: core.issuer,
    sub: request.user.sub,
    aud: core.options.clientId,
    iat: nowS,
    exp: nowS + core.options.idTokenLifetimeS,
    auth_time: nowS,
  };
  if (request.scope.split(' ').includes('email')) Object.assign(claims, { email: request.user.email, email_verified: true });
  if (fault === 'id_token_wrong_sub') {
    claims.sub = 'auth0|000000000000000000000bad';
    if (claims.email) claims.email = 'mallory@example.com';
  }
  if (fault === 'id_token_wrong_aud') claims.aud = 'another-application';
  const body: Record<string, unknown> = {
    access_token: randomBytes(32).toString('base64url'),
    token_type: 'Bearer',
    expires_in: 86_400,
    scope: request.scope,
  };
  if (fault !== 'id_token_missing') body.id_token = core.keys.sign(claims, fault === 'id_token_bad_signature');
  if (fault === 'error_with_200') Object.assign(body, { error: 'access_denied', error_description: 'The end-user denied the authorization request' });
  return body;
}
