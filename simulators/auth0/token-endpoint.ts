/**
 * POST /oauth/token (providers.md §1.1, §1.5, §1.7): the password and password-realm grants (wrong password,
 * blocked user, brute-force protection, mfa_required with a 600 s mfa_token) and the three MFA grants.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../shared/http-io.js';
import type { Auth0SimCore } from './core.js';
import { sendFault } from './faults.js';
import { otpGrant, oobGrant, recoveryGrant, type Reply } from './grants.js';
import { clientAccepted, readParams, type Params } from './io.js';
import { tokenAnswer } from './tokens.js';

export const TOKEN_PATH = '/oauth/token';
export const GRANTS = {
  password: 'password',
  realm: 'http://auth0.com/oauth/grant-type/password-realm',
  otp: 'http://auth0.com/oauth/grant-type/mfa-otp',
  oob: 'http://auth0.com/oauth/grant-type/mfa-oob',
  recovery: 'http://auth0.com/oauth/grant-type/mfa-recovery-code',
} as const;

export async function handleToken(core: Auth0SimCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  core.counts.token += 1;
  const params = await readParams(req, res);
  if (!params || !clientAccepted(core, req, res, params, TOKEN_PATH)) return;
  const grant = params.values.get('grant_type');
  let reply: Reply;
  if (grant === GRANTS.password || grant === GRANTS.realm) reply = passwordGrant(core, params, grant === GRANTS.realm);
  else if (grant === GRANTS.otp) reply = otpGrant(core, params);
  else if (grant === GRANTS.oob) reply = oobGrant(core, params);
  else if (grant === GRANTS.recovery) reply = recoveryGrant(core, params);
  else reply = { status: 400, body: { error: 'unsupported_grant_type', error_description: 'Unsupported grant type' } };
  // The request was handled (a code spent, a push answered) before a faulty answer replaces the real one.
  const fault = core.takeBodyFault();
  if (fault) return sendFault(res, fault, core.options.stallMaxMs);
  sendJson(res, reply.status, reply.body, reply.headers);
}

function passwordGrant(core: Auth0SimCore, params: Params, realm: boolean): Reply {
  core.counts.passwordGrants += 1;
  const refuse = (status: number, error: string, description: string): Reply => ({ status, body: { error, error_description: description } });
  if (realm && !core.options.realms.includes(params.values.get('realm') ?? '')) return refuse(400, 'invalid_request', 'Unknown realm: the connection does not exist or is not enabled for this application');
  const scope = params.values.get('scope') ?? '';
  if (!scope.split(' ').includes('openid')) return refuse(400, 'invalid_scope', 'openid scope must be requested');
  const user = core.userByName(params.values.get('username') ?? '');
  if (user && core.passwordBlocked(user.sub)) return refuse(core.options.tooManyStatus, 'too_many_attempts', 'Your account has been blocked after multiple consecutive login attempts.');
  if (!user || user.password !== params.values.get('password')) {
    if (user) core.passwordFailed(user.sub);
    return refuse(403, 'invalid_grant', 'Wrong email or password.');
  }
  if (user.blocked) return refuse(401, 'unauthorized', 'user is blocked');
  core.passwordSucceeded(user.sub);
  if (core.options.mfaPolicy === 'never') return { status: 200, body: tokenAnswer(core, user, false) };
  return {
    status: 403,
    body: { error: 'mfa_required', error_description: 'Multifactor authentication required', mfa_token: core.issueMfaToken(user.sub) },
  };
}
