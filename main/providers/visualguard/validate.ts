/**
 * ValidateMicrosoftTOTP: the request ID and the code the user read back. Its answer is not documented, so it
 * is read strictly: enrolled only on an explicit verdict of true with nothing contradicting it; an explicit
 * false is a wrong code; a timed-out or locked state ends the enrollment; anything else fails closed.
 */
import { httpStatusOutcome } from '../shared/outcomes.js';
import type { EnrollmentConfirmResult, EnrollmentOutcome } from '../types.js';
import type { VgContext } from './context.js';
import { readFlags } from './flags.js';
import { blockedOutcome, expiredOutcome, failed, fromProviderOutcome } from './outcomes.js';
import { isJson, readJson, send } from './read.js';
import { validateAnswerSchema, type ValidateAnswer } from './schemas.js';

/** The one place this provider reports an enrollment as done. */
function enrolled(): EnrollmentOutcome {
  return {
    status: 'enrolled',
    code: 'enrolled',
    title: 'Microsoft Authenticator enrolled',
    message: 'VisualGuard accepted the first code: Microsoft Authenticator is now enrolled for this account.',
    nextSteps: 'Tell the user to keep the account in Microsoft Authenticator; VisualGuard will ask for its code when they sign in.',
  };
}

/** Builds the request the profile describes (JSON body, form body or query string). */
function validateRequest(ctx: VgContext, requestId: string, code: string): { url: string; headers: Record<string, string>; body?: string } {
  const { requestIdParameter: idName, codeParameter: codeName, validateBody } = ctx.settings;
  const fields = { [idName]: requestId, [codeName]: code };
  if (validateBody === 'query') return { url: `${ctx.urls.validate}?${new URLSearchParams(fields).toString()}`, headers: {} };
  if (validateBody === 'form') return { url: ctx.urls.validate, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() };
  return { url: ctx.urls.validate, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(fields) };
}

/** Sends the code the user read back to ValidateMicrosoftTOTP and reads the verdict. */
export async function validateCode(ctx: VgContext, requestId: string, accessToken: string | null, code: string, signal: AbortSignal): Promise<EnrollmentConfirmResult> {
  const request = validateRequest(ctx, requestId, code);
  const headers: Record<string, string> = { ...request.headers, Accept: 'application/json' };
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  const sent = await send(ctx, { method: 'POST', url: request.url, headers, ...(request.body !== undefined ? { body: request.body } : {}), signal });
  if (!sent.ok) return { kind: 'final', outcome: fromProviderOutcome(sent.outcome) };
  const { response } = sent;
  const status = `HTTP ${response.status}`;
  if (response.status === 404 || response.status === 410) return { kind: 'final', outcome: expiredOutcome(`validate: ${status}`) };
  if (response.status !== 200 && !(response.status === 400 && isJson(response))) {
    // Why final: after a server error the enrollment's state at VisualGuard is unknown; starting over is safe.
    return { kind: 'final', outcome: fromProviderOutcome(httpStatusOutcome(response.status, ctx.outcome)) };
  }
  // A 200 is read whatever its content type claims; what is not JSON is refused by the parser with the reason.
  const read = readJson(ctx, response.body, response.contentType, validateAnswerSchema, `validate (${status})`);
  if (!read.ok) return { kind: 'final', outcome: fromProviderOutcome(read.outcome) };
  return verdict(read.value, status);
}

function verdict(answer: ValidateAnswer, status: string): EnrollmentConfirmResult {
  if (typeof answer === 'boolean') return answer ? { kind: 'final', outcome: enrolled() } : wrongCode(null, status);
  const state = answer.AuthenticationState ?? answer.VGResponse?.AuthenticationState ?? answer.VGResponse?.AuthenticationResponse ?? null;
  const flags = readFlags(state, answer.VGResponse?.AuthorizationState);
  const message = answer.Message ?? null;
  const detail = [status, message].filter(Boolean).join(', ');
  if (state?.IsMFATimeOut) return { kind: 'final', outcome: expiredOutcome(detail) };
  if (flags.blocking) return { kind: 'final', outcome: blockedOutcome(flags.blocking.code, flags.blocking.message, detail) };
  const verdicts = [answer.IsValid, answer.Success, answer.IsSuccess].filter((v): v is boolean => typeof v === 'boolean');
  const yes = verdicts.length > 0 && verdicts.every(Boolean) && state?.IsFailed !== true && status === 'HTTP 200';
  if (yes) return { kind: 'final', outcome: enrolled() };
  if (verdicts.includes(false)) return wrongCode(message, status);
  return {
    kind: 'final',
    outcome: failed('no_verdict', 'No clear answer from VisualGuard', 'VisualGuard’s answer did not say whether the code was right, so it does not count. Nothing was enrolled.', undefined, detail),
  };
}

function wrongCode(message: string | null, status: string): EnrollmentConfirmResult {
  return {
    kind: 'retry',
    message: 'VisualGuard did not accept the code. Ask the user to read out the code Microsoft Authenticator shows now for this account.',
    attemptsLeft: null,
    detail: [status, message].filter(Boolean).join(', '),
  };
}
