/** BeginTwoWayAuthentication, processed in the order of reference §7.3. */
import { randomInt, randomUUID } from 'node:crypto';
import { CONNECTOR_PATH } from '../../main/providers/entra/cloud.js';
import type { SimCore } from './core.js';
import { isCodeMethod, isVoice, lookupUser, versionOk } from './directory.js';
import type { OpAnswer } from './op-answer.js';
import type { SimMethod, SimUser } from './options.js';
import type { PushAnswer } from './phone.js';
import type { BeginFields } from './request.js';
import type { OtpSession, PushSession } from './sessions.js';
import { beginXml, type BeginAnswer } from './xml-out.js';

type Answer = (a: BeginAnswer, outcome?: string) => OpAnswer;

/** Answers one Begin; a sync push blocks until the phone answers or the push times out. */
export async function handleBegin(core: SimCore, f: BeginFields): Promise<OpAnswer> {
  core.counts.begins += 1;
  const base = { upn: f.UserPrincipalName, contextId: f.ContextId, callerName: f.CallerName };
  const answer: Answer = (a, outcome = a.value) => ({
    ...base,
    method: f.AuthenticationMethodId,
    xml: beginXml(a),
    outcome,
  });
  if (!versionOk(f.Version)) return answer({ value: 'VersionNotSupported', message: 'The version is not supported.' });
  const found = lookupUser(core, f.UserPrincipalName);
  if (!found.ok) return answer({ value: found.value, message: found.message });
  const user = found.user;
  if (user.methods.length === 0) return unenrolled(core, user, f.RequireUserMatch !== 'false', answer);
  const requested = core.options.honourMethodId ? f.AuthenticationMethodId : null;
  const method = requested
    ? user.methods.find((m) => m.id === requested)
    : (user.methods.find((m) => m.isDefault) ?? user.methods[0]);
  if (!method) {
    const message = 'The specified authentication method was not configured for the user.';
    return answer({ value: 'AuthenticationMethodNotConfigured', message });
  }
  const limited = rateLimit(core, user, method);
  if (limited) return answer(limited);
  const override = f.AuthenticationMethodProperties.some(
    (kv) => kv.Key === 'OverrideNumberMatchingWithOTP' && kv.Value === 'true',
  );
  const hasTotp = user.methods.some((m) => m.id === 'PhoneAppOTP');
  const codeMethod = isCodeMethod(method.id)
    ? method.id
    : override && method.id === 'PhoneAppNotification' && hasTotp
      ? 'PhoneAppOTP'
      : null;
  if (codeMethod) return answer(startCode(core, user, codeMethod), 'challenge');
  return startPush(core, user, method, f.SyncCall === 'true', answer);
}

function unenrolled(core: SimCore, user: SimUser, requireUserMatch: boolean, answer: Answer): OpAnswer {
  if (requireUserMatch) {
    const message = 'No default authentication method was configured for the user.';
    return answer({ value: 'NoDefaultAuthenticationMethodIsConfigured', message });
  }
  // [GUESS] NPS REQUIRE_USER_MATCH=FALSE semantics; flagged loudly because it lets anyone through.
  core.options.logger.log('warn', 'entra.sim.unenrolled_user_passed', { note: 'RequireUserMatch=false' });
  return answer({ value: 'Success', authResult: 'true', upn: user.upn, sessionId: randomUUID() });
}

function rateLimit(core: SimCore, user: SimUser, method: SimMethod): BeginAnswer | null {
  const { throttle, methodLimit } = core.options;
  const key = user.upn.toLowerCase();
  const now = core.now();
  if (core.takeFault('throttle') || !core.windows.hit(`begin:${key}`, throttle.maxBegins, throttle.windowMs, now)) {
    return { value: 'AuthenticationThrottled', message: 'Too many attempts by user in a short period of time.' };
  }
  const costly = method.id === 'OneWaySMS' || isVoice(method.id);
  if (costly && !core.windows.hit(`method:${key}`, methodLimit.max, methodLimit.windowMs, now)) {
    return { value: 'AuthenticationMethodLimitReached', message: 'Authentication Method Limit Reached.' };
  }
  return null;
}

function affinityUrl(core: SimCore): string {
  return `${core.baseUrl}${CONNECTOR_PATH}/EndTwoWayAuthentication?dc=SIM`;
}

function startCode(core: SimCore, user: SimUser, method: OtpSession['method']): BeginAnswer {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const session: OtpSession = {
    kind: 'otp',
    id: randomUUID(),
    upn: user.upn,
    method,
    code,
    wrongCodes: 0,
    state: 'open',
    promptId: core.phone.showCode(user.upn, code, core.options.sessionTtlMs),
    createdAt: core.now(),
  };
  core.sessions.add(session);
  return {
    value: 'Success',
    sessionId: session.id,
    authResult: 'challenge',
    upn: user.upn,
    affinityUrl: affinityUrl(core),
    entropy: 0,
  };
}

async function startPush(core: SimCore, user: SimUser, method: SimMethod, sync: boolean, answer: Answer) {
  const session: PushSession = {
    kind: 'push',
    id: randomUUID(),
    upn: user.upn,
    method: method.id,
    createdAt: core.now(),
    answer: null,
  };
  core.sessions.add(session);
  const entropy = !sync && core.options.numberMatching ? randomInt(10, 100) : 0;
  const kind = isVoice(method.id) ? 'voice' : method.id === 'TwoWaySMS' ? 'sms' : 'push';
  const shown = entropy ? String(entropy) : null;
  const behaviour = core.behaviourFor(user);
  const waiting = core.phone.ring(user.upn, kind, behaviour, core.options.pushTimeoutMs, shown).then((a) => {
    session.answer = a;
    return a;
  });
  const common = { sessionId: session.id, upn: user.upn, affinityUrl: affinityUrl(core) };
  if (!sync) return answer({ value: 'Success', authResult: null, entropy, ...common }, 'Pending');
  const result = pushResult(kind === 'voice', await waiting);
  return answer({ ...result, ...common });
}

/** Result/Value and AuthenticationResult for a phone answer. */
export function pushResult(voice: boolean, answer: PushAnswer): { value: string; authResult: 'true' | 'false' } {
  if (answer === 'approve') return { value: 'Success', authResult: 'true' };
  const values: Record<Exclude<PushAnswer, 'approve'>, [push: string, voice: string]> = {
    deny: ['PhoneAppDenied', 'UserVoiceAuthFailedPhoneHungUp'],
    fraud: ['PhoneAppFraudReported', 'FraudCodeEntered'],
    timeout: ['PhoneAppNoResponse', 'UserVoiceAuthFailedCallWentToVoicemail'],
  };
  return { value: values[answer][voice ? 1 : 0], authResult: 'false' };
}
