/**
 * Fail-closed reading of connector answers. `approved` comes from exactly one place (approvedIfSameUser):
 * Result/Value Success, AuthenticationResult "true" and the confirmed UPN equal to the requested one.
 */
import { singleLine } from '../../services/text.js';
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

const REPORT = 'Try again once. If it happens again, report it to your administrator.';

/** An error outcome with an app-level code (http_500, malformed_response, …). */
export function appError(
  code: string,
  title: string,
  message: string,
  nextSteps: string | null = REPORT,
): ProviderOutcome {
  return { status: 'error', code, title, message, nextSteps };
}

/** Compares UPNs the way Entra does: trimmed, case-insensitive. */
export function sameUpn(a: string | null, b: string): boolean {
  return a !== null && a.trim().toLowerCase() === b.trim().toLowerCase();
}

function approvedIfSameUser(confirmedUpn: string | null, requestedUpn: string): ProviderOutcome {
  if (!sameUpn(confirmedUpn, requestedUpn)) return upnMismatch();
  return {
    status: 'approved',
    code: 'Success',
    title: 'Caller verified',
    message: 'The user approved the request on their registered device.',
    nextSteps: null,
  };
}

/** Fail closed: the service did not confirm the user we asked about. */
export function upnMismatch(): ProviderOutcome {
  return appError(
    'upn_mismatch',
    'Not verified: different user',
    'Entra ID did not confirm the same user that was requested, so this cannot count as verification.',
    'Do not proceed. Check the user name and start a new verification.',
  );
}

/** Maps a Result/Value that ends the verification; unknown values show the raw code. */
export function resultOutcome(value: string, serviceMessage: string | null): ProviderOutcome {
  const reason = serviceMessage ? ` Entra ID said: “${clean(serviceMessage)}”` : '';
  const entry = lookupResultValue(value);
  if (entry) return { ...entry, code: value, message: entry.message + reason };
  return appError(value, 'Unexpected answer from Entra ID', `Entra ID answered with the code ${value}.${reason}`);
}

function notApproved(code: string, detail: string): ProviderOutcome {
  return appError(code, 'Not verified', `${detail} This does not count as verification.`);
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
      return response.sessionId ? { kind: 'challenge' } : final(malformed('a challenge without a session id'));
    case null:
      if (sync) return final(notApproved('missing_result', 'Entra ID answered Success without a result.'));
      return response.sessionId ? { kind: 'pending' } : final(malformed('a pending answer without a session id'));
    case 'false':
      return final(notApproved('success_not_approved', 'Entra ID answered Success but the result was false.'));
    default:
      return final(notApproved('unexpected_result', `Entra ID returned the result “${clean(response.authResult)}”.`));
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
    return final(notApproved('success_not_approved', 'Entra ID answered Success but the result was false.'));
  }
  if (response.authResult === null) {
    return final(notApproved('missing_result', 'Entra ID answered Success without a result.'));
  }
  return final(notApproved('unexpected_result', `Entra ID returned the result “${clean(response.authResult)}”.`));
}

/** The response body could not be used. */
export function malformed(detail: string): ProviderOutcome {
  return appError('malformed_response', 'Unreadable answer from Entra ID', `Entra ID sent ${detail}.`);
}

/** Non-200 HTTP status from the connector (401 after a re-token is `unauthorized`). */
export function httpStatusOutcome(status: number): ProviderOutcome {
  if (status === 401) {
    return appError(
      'unauthorized',
      'Entra ID refused the sign-in token',
      'The connector answered 401 twice, even with a new token.',
      'Run “Test connection” for this profile; if it passes, report this to your administrator.',
    );
  }
  const kind = status >= 500 ? 'had a server error' : 'rejected the request';
  return appError(`http_${status}`, `Entra ID ${kind}`, `The connector answered HTTP ${status}.`);
}

function clean(text: string): string {
  // Why: service text is shown to the agent and stored in the audit log.
  return singleLine(text, 300).trim();
}
