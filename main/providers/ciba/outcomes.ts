/**
 * CIBA answers as outcomes. `approved` is produced in exactly one function (approvedOutcome), and only from
 * a VerifiedIdentity, which only the app's own ID token check can create. Transport failures, HTTP statuses
 * and unreadable bodies go through the shared helpers; only CIBA's own error codes are mapped here.
 */
import { singleLine } from '../../services/text.js';
import { ambiguousOutcome, errorOutcome, inSentence, subjectMismatchOutcome, type OutcomeContext } from '../shared/outcomes.js';
import type { ProviderOutcome } from '../types.js';
import type { IdTokenFailure, VerifiedIdentity } from './id-token.js';
import type { OAuthError } from './schemas.js';

/** The one source of `approved`: a successful token answer whose ID token passed every check of the app. */
export function approvedOutcome(identity: VerifiedIdentity): ProviderOutcome {
  return {
    status: 'approved',
    code: 'approved',
    title: 'Caller verified',
    message: 'The account holder approved the request on their phone, and the identity provider’s signed answer names this account.',
    nextSteps: null,
    detail: `ID token verified (key ${identity.keyId ?? 'without kid'}, ${identity.algorithm})`,
  };
}

/** What a token endpoint error means while the request is being polled. */
export type PollReading = { kind: 'pending' } | { kind: 'slow_down' } | { kind: 'final'; outcome: ProviderOutcome };

/** Technical detail for the audit entry: status, code and the provider's own words, on one bounded line. */
export function errorDetail(status: number, error: OAuthError): string {
  const description = error.error_description ? `: ${singleLine(error.error_description, 300)}` : '';
  return `HTTP ${status} ${error.error}${description}`;
}

const NOT_AGAIN = 'Do not send repeated pushes. If the caller says they saw no request, verify them another way.';

/** Maps a token endpoint error (CIBA §11, RFC 6749 §5.2) for a request that was already sent to the phone. */
export function readPollError(status: number, error: OAuthError, ctx: OutcomeContext): PollReading {
  const detail = errorDetail(status, error);
  const final = (outcome: ProviderOutcome): PollReading => ({ kind: 'final', outcome });
  switch (error.error) {
    case 'authorization_pending':
      return { kind: 'pending' };
    case 'slow_down':
      return { kind: 'slow_down' };
    case 'access_denied':
      // Auth0 answers access_denied both when the user declines and when the request expired unanswered.
      return final({
        status: 'denied',
        code: 'access_denied',
        title: 'Not approved',
        message: 'The account holder declined the request on their phone, or it expired before they answered. Nothing was approved.',
        nextSteps: `Do not proceed. ${NOT_AGAIN}`,
        detail,
      });
    case 'expired_token':
      return final({
        status: 'timeout',
        code: 'expired_token',
        title: 'No response',
        message: `The request expired at ${inSentence(ctx)} before the account holder answered. Nothing was approved.`,
        nextSteps: `Ask the caller to check their phone. ${NOT_AGAIN}`,
        detail,
      });
    case 'invalid_grant':
      return final(
        errorOutcome(
          'invalid_grant',
          'Request no longer valid',
          `${ctx.provider} no longer accepts this request: it was already used, or it has expired. Nothing was approved.`,
          'Do not proceed. Start one new verification if the caller is still on the line.',
          detail,
        ),
      );
    default:
      // Anything else after the push went out (invalid_client, unauthorized_client, …): no answer can be read.
      return final(ambiguousOutcome(error.error, `${ctx.provider} refused the status check`, `${ctx.provider} refused to say how the account holder answered.`, detail));
  }
}

/** The server kept answering slow_down although the app slowed down each time. */
export function slowDownLimitOutcome(ctx: OutcomeContext, polls: number): ProviderOutcome {
  return ambiguousOutcome(
    'slow_down_limit',
    `${ctx.provider} kept asking the app to wait`,
    `${ctx.provider} asked the app to slow down again and again, so the app stopped asking for the answer.`,
    `slow_down answered repeatedly after ${polls} polls`,
  );
}

const NOT_PROCEED = 'Do not proceed. Verify the caller another way, and report this to your administrator.';

/** Why an answer with tokens still does not count: the app's own ID token check failed. */
export function idTokenFailureOutcome(failure: IdTokenFailure, detail: string, ctx: OutcomeContext): ProviderOutcome {
  switch (failure) {
    case 'subject_mismatch':
      return subjectMismatchOutcome(ctx, detail);
    case 'missing':
      return errorOutcome('id_token_missing', 'Not verified: no proof of identity', `${ctx.provider} answered without an ID token, so it is not known which account approved. This does not count as verification.`, NOT_PROCEED, detail);
    case 'email_missing':
      return errorOutcome(
        'email_claim_missing',
        'Not verified: account not confirmed',
        `${ctx.provider} did not say which email address approved, so this does not count as verification.`,
        'Do not proceed. Ask your administrator to add “email” to the scope of this profile.',
        detail,
      );
    case 'keys_unavailable':
      return errorOutcome(
        'jwks_unavailable',
        'Not verified: the answer could not be checked',
        `The app could not fetch the keys that sign ${ctx.provider}’s answers, so the answer could not be checked. Nothing was approved.`,
        'Verify the caller another way. If it happens again, report it to your administrator.',
        detail,
      );
    default:
      return errorOutcome('id_token_invalid', 'Not verified: the answer failed the app’s checks', `${ctx.provider}’s answer did not pass the app’s security checks (signature, issuer, audience or time), so it does not count as verification.`, NOT_PROCEED, detail);
  }
}
