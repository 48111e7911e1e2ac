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
 * like to the account holder, and an impostor on the line benefits from a confused holder tapping Approve.
 */
export const MAYBE_SENT =
  'Do not send another push: the first one may still reach the account holder’s phone. Call them back on a ' +
  'number you already have on file, or verify them another way.';

/** Said whenever the account holder denied or reported the request: the person on the line may not be them. */
export const DENIAL_STEPS =
  'Do not proceed with the reset. Treat this call as possible social engineering and escalate it to your security team.';

/** The account holder said no on their device. Providers add the code and their own detail. */
export const DENIED: Omit<ProviderOutcome, 'code'> = {
  status: 'denied',
  title: 'The account holder denied the request',
  message: 'The request was denied on the account holder’s device. The person on the line may not be the account holder.',
  nextSteps: DENIAL_STEPS,
};

/** The account holder reported the request as fraud on their device. */
export const FRAUD: Omit<ProviderOutcome, 'code'> = {
  status: 'fraud',
  title: 'The account holder reported the request as fraud',
  message: 'The account holder says they did not start this request. The person on the line is probably not them.',
  nextSteps: DENIAL_STEPS,
};

/**
 * What an approval allows, for the ticket it was made for. With a token lifetime: the reset step must be
 * given the verification token before it expires ("verified" is never open-ended).
 */
export function approvedNextSteps(ticket: string, subject: string, tokenLifetimeMs?: number): string {
  const token =
    tokenLifetimeMs === undefined
      ? ''
      : ` Give the reset step the verification token below within ${Math.round(tokenLifetimeMs / 1000)} seconds; it is valid once.`;
  return `You may go ahead with the reset for ticket ${ticket}, for ${subject} only.${token} A new request needs a new verification.`;
}

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
  return { status: 'error', code, title, message: `${message} The request may already have reached the account holder’s phone.`, nextSteps: MAYBE_SENT, detail, ambiguous: true };
}

const UNREADABLE = 'The answer could not be read, so nothing was accepted from it.';
/** The provider's name inside a sentence ("… from the identity provider"); names are written for a sentence's start. */
export const inSentence = (ctx: OutcomeContext): string => ctx.provider.replace(/^The /, 'the ');
const unreadableTitle = (ctx: OutcomeContext): string => `The app could not read the answer from ${inSentence(ctx)}`;

/** A transport failure (no HTTP answer). `proxy` names the proxy whose CONNECT failed, when that was the cause. */
export function transportOutcome(kind: HttpErrorKind, ctx: OutcomeContext, timeoutMs: number, proxy: ProxyFailure | null = null): ProviderOutcome {
  const seconds = Math.max(1, Math.round(timeoutMs / 1000));
  switch (kind) {
    case 'timeout':
      return ctx.pushMayBeOut
        ? { ...ambiguousOutcome('timeout', `${ctx.provider} did not answer in time`, `${ctx.provider} did not answer within ${seconds} seconds.`, `transport timeout after ${seconds} s`), status: 'timeout' }
        : { status: 'timeout', code: 'timeout', title: `${ctx.provider} did not answer in time`, message: `${ctx.provider} did not answer within ${seconds} seconds. Nothing was approved.`, nextSteps: TRY_AGAIN, detail: `transport timeout after ${seconds} s` };
    case 'too_large':
      return ctx.pushMayBeOut
        ? ambiguousOutcome('response_too_large', unreadableTitle(ctx), UNREADABLE, 'response larger than the size limit')
        : errorOutcome('response_too_large', unreadableTitle(ctx), UNREADABLE, TRY_AGAIN, 'response larger than the size limit');
    case 'bad_url':
      return errorOutcome(
        'bad_url',
        'The app could not use this profile’s address',
        `An address in this profile cannot be used to reach ${inSentence(ctx)}. Nothing was sent.`,
        'Check the addresses in the profile settings.',
        'URL refused before sending',
      );
    case 'proxy':
      // Why only the host and status: anything else in a proxy's reply is the proxy's text, not the provider's.
      return errorOutcome(
        'proxy_failed',
        'The proxy refused the connection',
        `The HTTPS proxy in this profile${proxy ? ` (${proxy.host})` : ''} did not open a connection to ${inSentence(ctx)}. Nothing was sent.`,
        proxy?.status === 407
          ? 'The proxy asks the app to sign in, which it does not do. Ask your network team to let this computer reach the identity provider without proxy sign-in, or clear the proxy setting.'
          : 'Check the proxy setting of this profile, or ask your network team whether the proxy allows this address.',
        proxy ? `proxy CONNECT to ${proxy.host} failed: ${proxy.status === null ? 'proxy not reachable' : `HTTP ${proxy.status}`}` : 'proxy CONNECT failed',
      );
    case 'aborted':
      return errorOutcome('cancelled', 'The request was cancelled', 'The request was stopped before an answer arrived. Nothing was approved.', null);
    default:
      return ctx.pushMayBeOut
        ? ambiguousOutcome('network', `The app could not reach ${inSentence(ctx)}`, `The connection to ${inSentence(ctx)} failed.`, 'network error')
        : errorOutcome('network', `The app could not reach ${inSentence(ctx)}`, `The connection to ${inSentence(ctx)} failed. Nothing was sent.`, 'Check the network connection and the proxy setting, then try again.', 'network error');
  }
}

/** A non-success HTTP status the provider does not define a meaning for. */
export function httpStatusOutcome(status: number, ctx: OutcomeContext): ProviderOutcome {
  const detail = `HTTP ${status}`;
  if (status >= 500 && ctx.pushMayBeOut) {
    return ambiguousOutcome(`http_${status}`, `${ctx.provider} reported a problem`, `${ctx.provider} reported an internal problem.`, detail);
  }
  const what = status >= 500 ? 'reported an internal problem' : 'refused the request';
  return errorOutcome(`http_${status}`, `${ctx.provider} ${what}`, `${ctx.provider} ${what}. Nothing was approved.`, TRY_AGAIN, detail);
}

/** The answer arrived but could not be used (HTML, wrong shape, not parseable). */
export function malformedOutcome(ctx: OutcomeContext, detail: string): ProviderOutcome {
  return ctx.pushMayBeOut
    ? ambiguousOutcome('malformed_response', unreadableTitle(ctx), UNREADABLE, detail)
    : errorOutcome('malformed_response', unreadableTitle(ctx), UNREADABLE, TRY_AGAIN, detail);
}

/** Fail closed: the provider confirmed someone other than the account that was asked about. */
export function subjectMismatchOutcome(ctx: OutcomeContext, detail: string | null = null): ProviderOutcome {
  return errorOutcome(
    'subject_mismatch',
    `${ctx.provider} confirmed a different account`,
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
    title: 'The account holder did not answer in time',
    message: `Nobody answered the request on the account holder’s phone within ${seconds} seconds. Nothing was approved.`,
    nextSteps: 'Ask the caller to check their phone. Do not send repeated pushes; if they saw nothing, verify them another way.',
    detail: null,
  };
}
