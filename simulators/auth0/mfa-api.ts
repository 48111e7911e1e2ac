/**
 * The MFA API (providers.md §1.3, §1.4, §1.6): GET /mfa/authenticators and POST /mfa/associate with the
 * mfa_token as bearer, and POST /mfa/challenge with client authentication. A challenge rings the simulated
 * phone (push), texts a 6-digit binding code (SMS, voice, email) or shows the authenticator app (OTP).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { keyUri, newSecret, toBase32 } from '../../main/services/totp.js';
import { sendError, sendJson } from '../shared/http-io.js';
import type { Auth0SimCore } from './core.js';
import { sendFault } from './faults.js';
import { newRecoveryCode } from './fixtures.js';
import { clientAccepted, readParams } from './io.js';
import type { OobChannel } from './oob.js';
import type { SimAuthenticator, SimUser } from './options.js';

export const MFA_PATHS = { authenticators: '/mfa/authenticators', challenge: '/mfa/challenge', associate: '/mfa/associate' } as const;

const OOB_CHANNELS: Partial<Record<SimAuthenticator['factor'], OobChannel>> = { push: 'auth0', sms: 'sms', voice: 'voice', email: 'email' };

/** The authenticator as GET /mfa/authenticators lists it. */
function listed(a: SimAuthenticator): Record<string, unknown> {
  const channel = OOB_CHANNELS[a.factor];
  const entry: Record<string, unknown> = { id: a.id, authenticator_type: channel ? 'oob' : a.factor, active: a.active };
  if (channel) entry.oob_channel = channel;
  if (a.name) entry.name = a.name;
  return entry;
}

/** The user of the bearer mfa_token; null after answering 401. */
function bearerUser(core: Auth0SimCore, req: IncomingMessage, res: ServerResponse): SimUser | null {
  const match = /^Bearer ([\x21-\x7e]{1,4096})$/.exec(req.headers.authorization ?? '');
  const read = core.readMfaToken(match?.[1]);
  if (read.ok) return read.user;
  sendError(res, 401, read.expired ? 'expired_token' : 'invalid_token', read.expired ? 'mfa_token is expired' : 'Invalid MFA token');
  return null;
}

export function handleAuthenticators(core: Auth0SimCore, req: IncomingMessage, res: ServerResponse): void {
  core.counts.authenticators += 1;
  const user = bearerUser(core, req, res);
  if (user) sendJson(res, 200, user.authenticators.filter((a) => a.active).map(listed));
}

export async function handleChallenge(core: Auth0SimCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  core.counts.challenges += 1;
  const params = await readParams(req, res);
  if (!params || !clientAccepted(core, req, res, params, MFA_PATHS.challenge)) return;
  const token = params.values.get('mfa_token') ?? '';
  const read = core.readMfaToken(token);
  if (!read.ok) return sendError(res, 403, read.expired ? 'expired_token' : 'invalid_grant', read.expired ? 'mfa_token is expired' : 'Malformed mfa_token');
  const user = read.user;
  const requested = (params.values.get('challenge_type') ?? '').split(' ').filter(Boolean);
  const allowed = requested.filter((type): type is 'otp' | 'oob' => (type === 'otp' || type === 'oob') && core.options.enabledChallengeTypes.includes(type));
  if (allowed.length === 0) return sendError(res, 400, 'unsupported_challenge_type', 'The client does not support any of the challenge types the user is enrolled in');
  const active = user.authenticators.filter((a) => a.active && a.factor !== 'recovery-code');
  if (active.length === 0) return sendError(res, 400, 'association_required', 'User must enroll an authenticator before a challenge');
  const typeOf = (a: SimAuthenticator): 'otp' | 'oob' => (a.factor === 'otp' ? 'otp' : 'oob');
  const wanted = params.values.get('authenticator_id');
  const chosen = wanted === undefined ? active.find((a) => allowed.includes(typeOf(a))) : user.authenticators.find((a) => a.active && a.id === wanted);
  if (wanted !== undefined && !chosen) return sendError(res, 400, 'invalid_authenticator', 'Invalid authenticator_id');
  if (!chosen || chosen.factor === 'recovery-code' || !allowed.includes(typeOf(chosen))) {
    return sendError(res, 400, 'unsupported_challenge_type', 'The authenticator does not support the requested challenge type');
  }
  if (chosen.factor === 'otp') {
    core.showOtp(user, chosen.secret!);
    return sendJson(res, 200, { challenge_type: 'otp' });
  }
  const channel = OOB_CHANNELS[chosen.factor]!;
  const entry = core.oobs.create({
    mfaToken: token, sub: user.sub, username: user.username, channel, lifetimeS: core.options.oobLifetimeS, intervalS: core.options.minPollIntervalS, push: user.push ?? core.options.defaultPush,
  });
  // The push rings (or the text goes out) before a faulty answer replaces the real one.
  const fault = core.takeChallengeFault();
  if (fault) return sendFault(res, fault, core.options.stallMaxMs);
  sendJson(res, 200, channel === 'auth0' ? { challenge_type: 'oob', oob_code: entry.code } : { challenge_type: 'oob', oob_code: entry.code, binding_method: 'prompt' });
}

const dev = (prefix: string): string => `${prefix}|dev_${randomBytes(8).toString('base64url')}`;

export async function handleAssociate(core: Auth0SimCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  core.counts.associations += 1;
  const user = bearerUser(core, req, res);
  if (!user) return;
  const params = await readParams(req, res);
  if (!params || !clientAccepted(core, req, res, params, MFA_PATHS.associate, true)) return;
  if (user.authenticators.some((a) => a.active)) return sendError(res, 403, 'access_denied', 'User is already enrolled.');
  const types = params.json?.authenticator_types;
  const channels = params.json?.oob_channels;
  const kind = Array.isArray(types) && types.length === 1 ? types[0] : null;
  const channel = Array.isArray(channels) && channels.length === 1 ? channels[0] : null;
  // A new association replaces one that was never confirmed.
  user.authenticators = user.authenticators.filter((a) => a.active);
  const recovery: SimAuthenticator = { id: dev('recovery-code'), factor: 'recovery-code', code: newRecoveryCode(), active: false };
  const token = req.headers.authorization!.slice('Bearer '.length);
  if (kind === 'otp') {
    const secret = newSecret();
    user.authenticators.push({ id: dev('totp'), factor: 'otp', secret, active: false }, recovery);
    core.showOtp(user, secret);
    return sendJson(res, 200, { authenticator_type: 'otp', secret: toBase32(secret), barcode_uri: keyUri('simulated-tenant', user.username, secret), recovery_codes: [recovery.code] });
  }
  if (kind === 'oob' && channel === 'auth0') {
    const push: SimAuthenticator = { id: dev('push'), factor: 'push', name: 'Guardian (new device)', active: false };
    user.authenticators.push(push, { id: dev('totp'), factor: 'otp', secret: newSecret(), active: false, enrolledWith: push.id }, recovery);
    const txId = randomBytes(24).toString('base64url');
    const entry = core.oobs.create({
      mfaToken: token, sub: user.sub, username: user.username, channel: 'auth0', lifetimeS: core.options.oobLifetimeS, intervalS: core.options.minPollIntervalS, push: 'interactive', enrollment: { authenticatorId: push.id, txId },
    });
    const barcode = `otpauth://totp/simulated-tenant:${encodeURIComponent(user.username)}?enrollment_tx_id=${txId}&base_url=${encodeURIComponent(core.issuer)}`;
    return sendJson(res, 200, { authenticator_type: 'oob', barcode_uri: barcode, recovery_codes: [recovery.code], oob_channel: 'auth0', oob_code: entry.code });
  }
  if (kind === 'oob' && channel === 'sms') {
    const phone = params.values.get('phone_number') ?? '';
    if (!/^\+[1-9]\d{6,14}$/.test(phone)) return sendError(res, 400, 'invalid_request', 'phone_number must be in E.164 format');
    const sms: SimAuthenticator = { id: dev('sms'), factor: 'sms', name: `${'X'.repeat(phone.length - 5)}${phone.slice(-4)}`, active: false };
    user.authenticators.push(sms, recovery);
    const entry = core.oobs.create({
      mfaToken: token, sub: user.sub, username: user.username, channel: 'sms', lifetimeS: core.options.oobLifetimeS, intervalS: core.options.minPollIntervalS, push: 'interactive', enrollment: { authenticatorId: sms.id, txId: null },
    });
    return sendJson(res, 200, { authenticator_type: 'oob', binding_method: 'prompt', recovery_codes: [recovery.code], oob_channel: 'sms', oob_code: entry.code });
  }
  sendError(res, 400, 'invalid_request', 'authenticator_types and oob_channels must name otp, oob with auth0, or oob with sms');
}
