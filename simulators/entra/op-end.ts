/** EndTwoWayAuthentication (reference §7.4): push polling and code checks. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { SimCore } from './core.js';
import { versionOk } from './directory.js';
import type { OpAnswer } from './op-answer.js';
import { pushResult } from './op-begin.js';
import type { EndFields } from './request.js';
import type { OtpSession } from './sessions.js';
import { endXml, type EndAnswer } from './xml-out.js';

const PENDING: EndAnswer = {
  value: 'AuthenticationPending',
  message: 'The authentication has not been completed yet, please try again.',
  retry: true,
  authResult: null,
};

const INVALID_SESSION: EndAnswer = {
  value: 'InvalidSession',
  message: 'The specified session is invalid or may have expired',
};

/** Answers one End call. */
export function handleEnd(core: SimCore, f: EndFields): OpAnswer {
  core.counts.ends += 1;
  const answer = (a: EndAnswer, method: string | null = null): OpAnswer => ({
    xml: endXml(a),
    outcome: a.value,
    upn: f.UserPrincipalName,
    contextId: f.ContextId,
    callerName: null,
    method,
  });
  if (!versionOk(f.Version)) return answer({ value: 'VersionNotSupported', message: 'The version is not supported.' });
  if (!f.SessionId) return answer({ value: 'InvalidParameter', message: 'SessionId must not be null or empty' });
  const session = core.sessions.get(f.SessionId);
  const claimed = f.UserPrincipalName?.trim().toLowerCase() ?? null;
  if (!session || (claimed !== null && session.upn.toLowerCase() !== claimed)) return answer(INVALID_SESSION);
  if (session.kind === 'push') {
    if (session.answer === null) return answer(PENDING, session.method);
    const result = pushResult(session.method.startsWith('TwoWayVoice'), session.answer);
    return answer({ ...result, completedInteractively: true }, session.method);
  }
  return answer(checkCode(core, session, f.AdditionalAuthData), session.method);
}

function checkCode(core: SimCore, session: OtpSession, code: string | null): EndAnswer {
  const totp = session.method === 'PhoneAppOTP';
  const lockout = totp ? 'OathCodeFailedMaxAllowedRetryReached' : 'SMSAuthFailedMaxAllowedCodeRetryReached';
  if (session.state === 'locked') return { value: lockout, authResult: 'false', completedInteractively: true };
  // A code proves control once; the session cannot be replayed.
  if (session.state === 'verified') return INVALID_SESSION;
  if (!code?.trim()) return PENDING;
  if (sameCode(code.trim(), session.code)) {
    session.state = 'verified';
    core.phone.remove(session.promptId);
    return { value: 'Success', authResult: 'true', completedInteractively: true };
  }
  session.wrongCodes += 1;
  // Same rule as the client: maxWrongCodes wrong codes are answered "incorrect"; the next one locks out.
  if (session.wrongCodes > core.options.maxWrongCodes) {
    session.state = 'locked';
    core.phone.remove(session.promptId);
    return { value: lockout, authResult: 'false', completedInteractively: true };
  }
  const wrong = totp ? 'OathCodeIncorrect' : 'SMSAuthFailedWrongCodeEntered';
  return { value: wrong, authResult: 'false', completedInteractively: true };
}

function sameCode(given: string, expected: string): boolean {
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
