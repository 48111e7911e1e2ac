/**
 * Outcome helpers every provider shares, so each provider maps only its own codes. None of these can
 * produce `approved`: that comes from exactly one function inside each provider.
 */
import type { HttpErrorKind, ProxyFailure } from '../../services/http.js';
import type { ProviderOutcome } from '../types.js';

/** The next step after an error that certainly reached no phone. */
export const TRY_AGAIN = 'Try again once. If it happens again, report it to your administrator.';

/**
 * The next step when a push may already be on the phone. Why: a second push is what push-bombing looks
 * like to the user, and an impostor on the line benefits from a confused user tapping Approve.
 */
export const MAYBE_SENT =
  'Do not send another push: the first one may still reach the user’s phone. Call the user back on a number ' +
  'you already have on file, or verify them another way.';

export interface OutcomeContext {
  /** The provider as the agent knows it, e.g. "Entra ID", "the identity provider". */
  provider: string;
  /**
   * True when the failed request was the one that sends the push (Begin, bc-authorize) or a status poll of
   * a push already sent: a failure there may mean the push did reach the phone.
   */
  pushMayBeOut: boolean;
}

/** An error outcome with an app-level code. */
export function errorOutcome(
  code: string,
  title: string,
  message: string,
  nextSteps: string | null = TRY_AGAIN,
  detail: string | null = null,
): ProviderOutcome {
  return { status: 'error', code, title, message, nextSteps, detail };
}

/** An error after which the push may be out: the message says so and the next step forbids a second push. */
export function ambiguousOutcome(code: string, title: string, message: string, detail: string | null): ProviderOutcome {
  return { status: 'error', code, title, message: `${message} The request may already have reached the user’s phone.`, nextSteps: MAYBE_SENT, detail, ambiguous: true };
}

/** A transport failure (no HTTP answer). `proxy` names the proxy whose CONNECT failed, when that was the cause. */
export function transportOutcome(kind: HttpErrorKind, ctx: OutcomeContext, timeoutMs: number, proxy: ProxyFailure | null = null): ProviderOutcome {
  const seconds = Math.max(1, Math.round(timeoutMs / 1000));
  switch (kind) {
    case 'timeout':
      return ctx.pushMayBeOut
        ? { ...ambiguousOutcome('timeout', 'No answer in time', `${ctx.provider} did not answer within ${seconds} seconds.`, `transport timeout after ${seconds} s`), status: 'timeout' }
        : { status: 'timeout', code: 'timeout', title: 'No answer in time', message: `${ctx.provider} did not answer within ${seconds} seconds. Nothing was approved.`, nextSteps: TRY_AGAIN, detail: `transport timeout after ${seconds} s` };
    case 'too_large':
      return ctx.pushMayBeOut
        ? ambiguousOutcome('response_too_large', `Unreadable answer from ${ctx.provider}`, 'The answer could not be read, so nothing was accepted from it.', 'response larger than the size limit')
        : errorOutcome('response_too_large', `Unreadable answer from ${ctx.provider}`, 'The answer could not be read, so nothing was accepted from it.', TRY_AGAIN, 'response larger than the size limit');
    case 'bad_url':
      return errorOutcome(
        'bad_url',
        'Profile address not valid',
        `An address in this profile cannot be used to reach ${ctx.provider}. Nothing was sent.`,
        'Check the addresses in the profile settings.',
        'URL refused before sending',
      );
    case 'proxy':
      // Why only the host and status: anything else in a proxy's reply is the proxy's text, not the provider's.
      return errorOutcome(
        'proxy_failed',
        'The proxy refused the connection',
        `The HTTPS proxy in this profile${proxy ? ` (${proxy.host})` : ''} did not open a connection to ${ctx.provider}. Nothing was sent.`,
        proxy?.status === 407
          ? 'The proxy asks the app to sign in, which it does not do. Ask your network team to let this computer reach the identity provider without proxy sign-in, or clear the proxy setting.'
          : 'Check the proxy setting of this profile, or ask your network team whether the proxy allows this address.',
        proxy ? `proxy CONNECT to ${proxy.host} failed: ${proxy.status === null ? 'proxy not reachable' : `HTTP ${proxy.status}`}` : 'proxy CONNECT failed',
      );
    case 'aborted':
      return errorOutcome('cancelled', 'Cancelled', 'The request was cancelled. Nothing was approved.', null);
    default:
      return ctx.pushMayBeOut
        ? ambiguousOutcome('network', `${ctx.provider} could not be reached`, `The connection to ${ctx.provider} failed.`, 'network error')
        : errorOutcome('network', `${ctx.provider} could not be reached`, `The connection to ${ctx.provider} failed. Nothing was sent.`, 'Check the network connection and the proxy setting, then try again.', 'network error');
  }
}

/** A non-success HTTP status the provider does not define a meaning for. */
export function httpStatusOutcome(status: number, ctx: OutcomeContext): ProviderOutcome {
  const detail = `HTTP ${status}`;
  if (status >= 500 && ctx.pushMayBeOut) {
    return ambiguousOutcome(`http_${status}`, `${ctx.provider} had a problem`, `${ctx.provider} reported an internal problem.`, detail);
  }
  const what = status >= 500 ? 'reported an internal problem' : 'refused the request';
  return errorOutcome(`http_${status}`, `${ctx.provider} ${what}`, `${ctx.provider} ${what}. Nothing was approved.`, TRY_AGAIN, detail);
}

/** The answer arrived but could not be used (HTML, wrong shape, not parseable). */
export function malformedOutcome(ctx: OutcomeContext, detail: string): ProviderOutcome {
  const title = `Unreadable answer from ${ctx.provider}`;
  const message = 'The answer could not be read, so nothing was accepted from it.';
  return ctx.pushMayBeOut
    ? ambiguousOutcome('malformed_response', title, message, detail)
    : errorOutcome('malformed_response', title, message, TRY_AGAIN, detail);
}

/** Fail closed: the provider confirmed someone other than the account that was asked about. */
export function subjectMismatchOutcome(ctx: OutcomeContext, detail: string | null = null): ProviderOutcome {
  return errorOutcome(
    'subject_mismatch',
    'Not verified: a different account answered',
    `${ctx.provider} did not confirm the account that was asked about, so this does not count as verification.`,
    'Do not proceed. Check the account name and start a new verification.',
    detail,
  );
}

/** The poll reached its deadline without a final answer. */
export function deadlineOutcome(seconds: number): ProviderOutcome {
  return {
    status: 'timeout',
    code: 'deadline_exceeded',
    title: 'No response',
    message: `Nobody answered the request on the user’s phone within ${seconds} seconds. Nothing was approved.`,
    nextSteps: 'Ask the caller to check their phone. Do not send repeated pushes; if they saw nothing, verify them another way.',
    detail: null,
  };
}
