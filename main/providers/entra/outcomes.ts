/**
 * Fail-closed reading of connector answers. `approved` comes from exactly one place (approvedIfSameUser):
 * Result/Value Success, AuthenticationResult "true" and the confirmed UPN equal to the requested one.
 */
import { singleLine } from '../../services/text.js';
import { errorOutcome, httpStatusOutcome as sharedHttpStatus, malformedOutcome, subjectMismatchOutcome, type OutcomeContext } from '../shared/outcomes.js';
import type { ProviderOutcome } from '../types.js';
import { lookupResultValue } from './outcome-table.js';
import type { BeginResponse, EndResponse } from './schemas.js';

export type Interpretation =
  | { kind: 'final'; outcome: ProviderOutcome }
  /** The caller must read back a code (Begin answered "challenge"). */
  | { kind: 'challenge' }
  /** Async push not finished yet: keep polling End. */
  | { kind: 'pending' }
  /** End rejected a code the caller read back; retries may remain. */
  | { kind: 'wrong_code' };

const WRONG_CODE_VALUES = new Set([
  'OathCodeIncorrect',
  'SMSAuthFailedWrongCodeEntered',
  'OathCodePinIncorrect',
  'SMSAuthFailedWrongCodePinEntered',
  'VoiceOTPAuthFailedWrongCodeEntered',
]);

/** How shared outcome helpers name this provider; `pushMayBeOut` is set per call. */
export const entraCtx = (pushMayBeOut: boolean): OutcomeContext => ({ provider: 'Entra ID', pushMayBeOut });

/** An error outcome with an app-level code. */
export const appError = errorOutcome;

/** Compares UPNs the way Entra does: trimmed, case-insensitive. */
export function sameUpn(a: string | null, b: string): boolean {
  return a !== null && a.trim().toLowerCase() === b.trim().toLowerCase();
}

function approvedIfSameUser(confirmedUpn: string | null, requestedUpn: string): ProviderOutcome {
  if (!sameUpn(confirmedUpn, requestedUpn)) return upnMismatch();
  return {
    status: 'approved',
    code: 'Success',
    title: 'The account holder approved the request',
    message: 'The request was approved in Microsoft Authenticator on the account’s registered device.',
    nextSteps: null,
  };
}

/** Fail closed: the service did not confirm the user we asked about. */
export function upnMismatch(): ProviderOutcome {
  return subjectMismatchOutcome(entraCtx(false), 'the UPN in the answer differs from the one requested');
}

/** Maps a Result/Value that ends the verification; unknown values show the raw code. */
export function resultOutcome(value: string, serviceMessage: string | null): ProviderOutcome {
  const detail = `Result/Value ${value}` + (serviceMessage ? `; Entra ID said: “${clean(serviceMessage)}”${callerGloss(serviceMessage)}` : '');
  const entry = lookupResultValue(value);
  if (entry) return { ...entry, code: value, detail };
  return appError(value, 'Entra ID gave an answer the app does not know', 'Entra ID answered in a way the app does not know, so nothing was approved.', undefined, detail);
}

function notApproved(code: string, detail: string): ProviderOutcome {
  return appError(code, 'Entra ID did not confirm an approval', 'Entra ID did not confirm an approval, so this does not count as verification.', undefined, detail);
}

export type BeginReading = Exclude<Interpretation, { kind: 'wrong_code' }>;
export type EndReading = Exclude<Interpretation, { kind: 'challenge' }>;

/** Reads a Begin answer. `sync` is true when the call blocked until the user acted. */
export function interpretBegin(response: BeginResponse, upn: string, sync: boolean): BeginReading {
  const final = (outcome: ProviderOutcome): BeginReading => ({ kind: 'final', outcome });
  if (response.upn !== null && !sameUpn(response.upn, upn)) return final(upnMismatch());
  if (response.value === 'AuthenticationPending' && !sync && response.sessionId) return { kind: 'pending' };
  if (response.value !== 'Success') return final(resultOutcome(response.value, response.message));
  switch (response.authResult) {
    case 'true':
      return final(approvedIfSameUser(response.upn, upn));
    case 'challenge':
      return response.sessionId ? { kind: 'challenge' } : final(malformed('a challenge without a session id', !sync));
    case null:
      if (sync) return final(notApproved('missing_result', 'Result Success without AuthenticationResult'));
      return response.sessionId ? { kind: 'pending' } : final(malformed('a pending answer without a session id', true));
    case 'false':
      return final(notApproved('success_not_approved', 'Result Success with AuthenticationResult false'));
    default:
      return final(notApproved('unexpected_result', `AuthenticationResult “${clean(response.authResult)}”`));
  }
}

/** Reads an End answer; `beginUpn` is the user the Begin answer confirmed (End usually does not repeat it). */
export function interpretEnd(response: EndResponse, upn: string, beginUpn: string | null): EndReading {
  const final = (outcome: ProviderOutcome): EndReading => ({ kind: 'final', outcome });
  if (response.upn !== null && !sameUpn(response.upn, upn)) return final(upnMismatch());
  if (response.value === 'AuthenticationPending') return { kind: 'pending' };
  if (WRONG_CODE_VALUES.has(response.value)) return { kind: 'wrong_code' };
  if (response.value !== 'Success') return final(resultOutcome(response.value, response.message));
  if (response.authResult === 'true') return final(approvedIfSameUser(response.upn ?? beginUpn, upn));
  if (response.authResult === 'false') {
    return final(notApproved('success_not_approved', 'Result Success with AuthenticationResult false'));
  }
  if (response.authResult === null) {
    return final(notApproved('missing_result', 'Result Success without AuthenticationResult'));
  }
  return final(notApproved('unexpected_result', `AuthenticationResult “${clean(response.authResult)}”`));
}

/** The response body could not be used. */
export function malformed(detail: string, pushMayBeOut = false): ProviderOutcome {
  return malformedOutcome(entraCtx(pushMayBeOut), detail);
}

/** Non-200 HTTP status from the connector (401 after a re-token is `unauthorized`). */
export function httpStatusOutcome(status: number, pushMayBeOut = false): ProviderOutcome {
  if (status === 401) {
    return appError(
      'unauthorized',
      'Entra ID refused the app’s sign-in',
      'Entra ID refused the app’s sign-in twice, even with a fresh one. Nothing was sent.',
      'Run “Test connection” for this profile; if it passes, report this to your administrator.',
      'HTTP 401 after one re-token',
    );
  }
  return sharedHttpStatus(status, entraCtx(pushMayBeOut));
}

/**
 * Entra ID's own messages call the app "caller" (e.g. "Caller tenant does not have access permissions").
 * Why: on this screen the caller is the person on the phone; say whom Entra ID means.
 */
function callerGloss(serviceMessage: string): string {
  return /\bcaller\b/i.test(serviceMessage) ? ' (in Entra ID’s words, the “caller” is this app and its tenant, not the person on the phone)' : '';
}

function clean(text: string): string {
  // Why: service text is shown to the agent and stored in the audit log.
  return singleLine(text, 300).trim();
}
