/**
 * The MFA grants (providers.md §1.5, §1.7 items 4–6): mfa-otp (RFC 6238, ±1 step, no reuse), mfa-oob (push
 * polling with pacing, approve, reject and expiry; binding codes of texts and calls) and mfa-recovery-code
 * (single use, a new code in the answer). Every wrong code takes one attempt from the user's bucket; an
 * empty bucket answers too_many_attempts. A confirmed enrollment activates its authenticator.
 */
import { timingSafeEqual } from 'node:crypto';
import { matchStep } from '../../main/services/totp.js';
import type { Auth0SimCore } from './core.js';
import { newRecoveryCode } from './fixtures.js';
import type { Params } from './io.js';
import type { OobEntry } from './oob.js';
import type { SimUser } from './options.js';
import { tokenAnswer } from './tokens.js';

export interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Timer slack: a poll this much before its time still counts as on time. */
const TOLERANCE_MS = 20;

const error = (status: number, code: string, description: string, headers?: Record<string, string>): Reply => ({
  status,
  body: { error: code, error_description: description },
  ...(headers ? { headers } : {}),
});

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The user of the request's mfa_token, or the answer for a malformed or expired one. */
function userOf(core: Auth0SimCore, params: Params): { ok: true; user: SimUser; token: string } | { ok: false; reply: Reply } {
  const token = params.values.get('mfa_token');
  const read = core.readMfaToken(token);
  if (read.ok) return { ok: true, user: read.user, token: token! };
  return { ok: false, reply: read.expired ? error(403, 'expired_token', 'mfa_token is expired') : error(403, 'invalid_grant', 'Malformed mfa_token') };
}

function bucketEmpty(core: Auth0SimCore, user: SimUser): Reply | null {
  return core.attemptsLeft(user.sub) < 1 ? error(core.options.tooManyStatus, 'too_many_attempts', 'Too many failed codes. Wait for some minutes before retrying.') : null;
}

/** Activates an enrolled authenticator, and the recovery code that came with a first enrollment. */
export function activate(user: SimUser, authenticatorId: string): void {
  const wasEnrolled = user.authenticators.some((a) => a.active);
  for (const authenticator of user.authenticators) {
    const recovery = !wasEnrolled && authenticator.factor === 'recovery-code';
    // Enrolling Guardian push also creates its offline OTP (providers.md §1.3).
    if (authenticator.id === authenticatorId || authenticator.enrolledWith === authenticatorId || recovery) authenticator.active = true;
  }
}

export function otpGrant(core: Auth0SimCore, params: Params): Reply {
  core.counts.otpGrants += 1;
  const who = userOf(core, params);
  if (!who.ok) return who.reply;
  const { user } = who;
  const empty = bucketEmpty(core, user);
  if (empty) return empty;
  const code = params.values.get('otp') ?? '';
  // Active OTP authenticators, and one waiting to be confirmed (an enrollment in progress).
  const enrolling = !user.authenticators.some((a) => a.active);
  const candidates = user.authenticators.filter((a) => a.factor === 'otp' && a.secret && (a.active || enrolling));
  for (const authenticator of candidates) {
    const step = matchStep(authenticator.secret!, code, core.now());
    if (step !== null && !core.replayed(authenticator.id, step)) {
      if (!authenticator.active) activate(user, authenticator.id);
      for (const [id, display] of core.otpDisplays) if (display.sub === user.sub) core.otpDisplays.delete(id);
      core.notify();
      return { status: 200, body: tokenAnswer(core, user, true) };
    }
  }
  core.spendAttempt(user.sub);
  return error(403, 'invalid_grant', 'Invalid otp_code.');
}

export function oobGrant(core: Auth0SimCore, params: Params): Reply {
  core.counts.oobGrants += 1;
  const who = userOf(core, params);
  if (!who.ok) return who.reply;
  const entry = core.oobs.byOobCode(params.values.get('oob_code') ?? '');
  if (!entry || entry.mfaToken !== who.token) return error(403, 'invalid_grant', 'Invalid oob_code.');
  if (core.oobs.isExpired(entry)) {
    core.oobs.forget(entry);
    return error(403, 'expired_token', 'The transaction has expired.');
  }
  return entry.channel === 'auth0' ? pushPoll(core, who.user, entry) : bindingCode(core, who.user, entry, params.values.get('binding_code'));
}

function bindingCode(core: Auth0SimCore, user: SimUser, entry: OobEntry, code: string | undefined): Reply {
  if (code === undefined) return error(400, 'invalid_request', 'binding_code is required');
  const empty = bucketEmpty(core, user);
  if (empty) return empty;
  if (!sameText(code, entry.bindingCode ?? '')) {
    core.spendAttempt(user.sub);
    return error(403, 'invalid_grant', 'Invalid binding_code.');
  }
  core.oobs.forget(entry);
  if (entry.enrollment) activate(user, entry.enrollment.authenticatorId);
  return { status: 200, body: tokenAnswer(core, user, true) };
}

function pushPoll(core: Auth0SimCore, user: SimUser, entry: OobEntry): Reply {
  const { options } = core;
  const now = core.now();
  const early = options.enforceInterval && now < entry.notBefore - TOLERANCE_MS;
  if (core.takeForcedSlowDown() || early) {
    if (early) core.counts.earlyPolls += 1;
    core.counts.slowDowns += 1;
    // Polling too often makes the wait longer each time.
    entry.intervalS += 5;
    entry.notBefore = now + entry.intervalS * 1000;
    return error(options.pendingStatus, 'slow_down', `You are polling faster than allowed. Try again in ${entry.intervalS} seconds.`, { 'Retry-After': String(entry.intervalS) });
  }
  entry.notBefore = now + entry.intervalS * 1000;
  if (entry.state === 'approved') {
    core.oobs.forget(entry);
    if (entry.enrollment) activate(user, entry.enrollment.authenticatorId);
    return { status: 200, body: tokenAnswer(core, user, true) };
  }
  if (entry.state === 'rejected') {
    core.oobs.forget(entry);
    return error(403, 'invalid_grant', 'MFA Authorization rejected.');
  }
  return error(options.pendingStatus, 'authorization_pending', 'Authorization pending: please repeat the request in a few seconds.');
}

export function recoveryGrant(core: Auth0SimCore, params: Params): Reply {
  core.counts.recoveryGrants += 1;
  const who = userOf(core, params);
  if (!who.ok) return who.reply;
  const { user } = who;
  const empty = bucketEmpty(core, user);
  if (empty) return empty;
  const given = params.values.get('recovery_code') ?? '';
  const authenticator = user.authenticators.find((a) => a.active && a.factor === 'recovery-code' && a.code && sameText(a.code, given));
  if (!authenticator) {
    core.spendAttempt(user.sub);
    return error(403, 'invalid_grant', 'Invalid recovery code.');
  }
  // Single use: the old code stops working and the answer carries the new one, shown to the user once.
  authenticator.code = newRecoveryCode();
  core.notify();
  return { status: 200, body: tokenAnswer(core, user, true, { recovery_code: authenticator.code }) };
}
