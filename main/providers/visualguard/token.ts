/**
 * Signs the user in with the VGAuthenticator grant (as VisualGuard documents it) and reads the whole answer:
 * the OAuth members, every state flag, the identity, the MFA methods on file (destinations masked) and the
 * enrollment request. Decides whether Microsoft Authenticator can be enrolled now, and fails closed otherwise.
 */
import type { EnrollmentFact } from '../../../contract/domain.js';
import { httpStatusOutcome } from '../shared/outcomes.js';
import type { EnrollmentOutcome } from '../types.js';
import type { VgContext } from './context.js';
import { readFlags } from './flags.js';
import { maskDestination } from './mask.js';
import { blockedOutcome, failed, fromProviderOutcome } from './outcomes.js';
import { isJson, readJson, send } from './read.js';
import { requestIdPattern, tokenAnswerSchema, type MfaAvailable, type TokenAnswer, type VgResponse } from './schemas.js';

/** Transport mode of Microsoft Authenticator in the docs' example (TransportModes [1, 4] ↔ ["SMS", "MicrosoftAuthenticator"]). */
const AUTHENTICATOR_MODE = 4;
const AUTHENTICATOR_NAME = /^microsoft\s*authenticator$/i;

export type AuthReading =
  | { kind: 'enroll'; requestId: string; accessToken: string | null; accountName: string; facts: EnrollmentFact[]; notices: string[]; refs: Record<string, string> }
  | { kind: 'final'; outcome: EnrollmentOutcome; facts: EnrollmentFact[]; notices: string[]; refs: Record<string, string> };

/** Posts the VGAuthenticator grant for `username`; `password` only for the password modules. */
export async function authenticate(ctx: VgContext, username: string, password: string | null, signal: AbortSignal): Promise<AuthReading> {
  const none = { facts: [], notices: [], refs: {} };
  const secret = await ctx.deps.readSecret();
  if (!secret) return { kind: 'final', outcome: failed('secret_missing', 'Client secret not set', 'This profile has no client secret in the keychain, so nothing was sent.', 'Set the client secret in Settings.'), ...none };
  const form = new URLSearchParams({
    client_id: ctx.settings.clientId,
    client_secret: secret,
    scope: ctx.settings.scope,
    grant_type: 'VGAuthenticator',
    VGAuthenticationModule: ctx.settings.authenticationModule,
    Username: username,
  });
  if (password !== null) form.set('Password', password);
  const sent = await send(ctx, {
    method: 'POST',
    url: ctx.urls.token,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: form.toString(),
    signal,
  });
  if (!sent.ok) return { kind: 'final', outcome: fromProviderOutcome(sent.outcome), ...none };
  const { response } = sent;
  // VisualGuard answers a sign-in that needs MFA with 400 and the VGResponse; 401 is a refused client.
  if (![200, 400, 401].includes(response.status) || (response.status !== 200 && !isJson(response))) {
    return { kind: 'final', outcome: fromProviderOutcome(httpStatusOutcome(response.status, ctx.outcome)), ...none };
  }
  const read = readJson(ctx, response.body, response.contentType, tokenAnswerSchema, `token answer (HTTP ${response.status})`);
  if (!read.ok) return { kind: 'final', outcome: fromProviderOutcome(read.outcome), ...none };
  return interpretTokenAnswer(read.value, username, response.status);
}

const oauthErrors: Record<string, [string, string, string]> = {
  invalid_client: ['Client ID or secret refused', 'VisualGuard did not accept this profile’s client ID or client secret.', 'Check the client ID and set the client secret again; a new identity client must also be activated in VisualGuard.'],
  unauthorized_client: ['Grant not allowed', 'The VisualGuard identity client does not allow the VGAuthenticator grant.', 'Allow the VGAuthenticator grant type for the identity client in VisualGuard.'],
  unsupported_grant_type: ['Grant not allowed', 'This VisualGuard server does not accept the VGAuthenticator grant.', 'Ask your VisualGuard administrator to enable it.'],
  invalid_scope: ['Scope refused', 'VisualGuard refused the scope this profile requests.', 'Check the scope in the profile settings.'],
};

/** Reads a parsed token answer for `username`: enroll now, or why not. */
export function interpretTokenAnswer(answer: TokenAnswer, username: string, status: number): AuthReading {
  const vg = answer.VGResponse ?? answer.VGReponse ?? null;
  const detail = [`HTTP ${status}`, answer.error, answer.VGAuthenticationStatus ?? answer.error_description].filter(Boolean).join(', ');
  if (!vg) {
    const known = answer.error ? oauthErrors[answer.error] : undefined;
    const outcome = known
      ? failed(answer.error!, known[0], `${known[1]} Nothing was enrolled.`, known[2], detail)
      : answer.access_token
        ? failed('no_mfa_details', 'No enrollment offered', 'VisualGuard signed the user in without any MFA details, so it offered no enrollment.', 'Check in VisualGuard that MFA is required for this application.', detail)
        : failed('malformed_response', 'Unreadable answer from VisualGuard', 'The answer did not say how the sign-in went, so nothing was accepted from it.', undefined, `${detail}, no VGResponse`);
    return { kind: 'final', outcome, facts: [], notices: [], refs: {} };
  }
  const auth = vg.AuthenticationResponse ?? null;
  const flags = readFlags(vg.AuthenticationState ?? auth, vg.AuthorizationState);
  const facts = factsOf(vg);
  const requestId = vg.RequestId ?? auth?.RequestId ?? null;
  const refs: Record<string, string> = requestId ? { vgRequestId: requestId.slice(0, 64) } : {};
  const end = (outcome: EnrollmentOutcome): AuthReading => ({ kind: 'final', outcome, facts, notices: flags.notices, refs });
  if (flags.blocking) return end(blockedOutcome(flags.blocking.code, flags.blocking.message, detail));
  const name = auth?.Identity?.Name ?? null;
  // Why: enrolling an authenticator for an account other than the one asked about would hand it to the caller.
  if (name !== null && name.trim().toLowerCase() !== username.trim().toLowerCase()) {
    return end(failed('subject_mismatch', 'Not enrolled: a different account answered', 'VisualGuard answered for a different account than the one entered, so nothing was enrolled.', 'Do not proceed. Check the user name and start again.', detail));
  }
  const request = auth?.AuthenticationEnrollmentRequest ?? null;
  const offered = request ? offersAuthenticator(request.TransportModes, request.DisplayTransportModes) : false;
  if (!offered) {
    const already = (auth?.MFAAvailables ?? []).some((m) => m.TransportMode === AUTHENTICATOR_MODE || AUTHENTICATOR_NAME.test(m.TransportModeDisplay ?? ''));
    return end(
      already
        ? failed('already_enrolled', 'Already enrolled', 'VisualGuard says this account already has Microsoft Authenticator, so it offers no new enrollment.', 'If the user lost that phone, remove their Microsoft Authenticator method in VisualGuard first, then enroll again.', detail)
        : failed('authenticator_not_offered', 'Microsoft Authenticator not offered', request ? 'VisualGuard offers this account other methods to enroll, but not Microsoft Authenticator.' : 'VisualGuard offers no enrollment for this account.', 'Check the account’s MFA settings in VisualGuard.', detail),
    );
  }
  if (!requestId || !requestIdPattern.test(requestId)) {
    return end(failed('malformed_response', 'Unreadable answer from VisualGuard', 'The enrollment request has no usable request ID, so nothing was accepted from it.', undefined, 'RequestId missing or not an id'));
  }
  if (request?.Id && request.Id !== requestId) refs.vgEnrollmentId = request.Id.slice(0, 64);
  return { kind: 'enroll', requestId, accessToken: answer.access_token ?? null, accountName: name ?? username, facts, notices: flags.notices, refs };
}

function offersAuthenticator(modes: number[] | null | undefined, names: string[] | null | undefined): boolean {
  if (names && names.length > 0) return names.some((n) => AUTHENTICATOR_NAME.test(n.trim()));
  return (modes ?? []).includes(AUTHENTICATOR_MODE);
}

/** What the agent may see: the account, the methods offered for enrollment, and the methods on file, masked. */
function factsOf(vg: VgResponse): EnrollmentFact[] {
  const auth = vg.AuthenticationResponse;
  const facts: EnrollmentFact[] = [];
  const identity = auth?.Identity;
  if (identity?.Name) facts.push({ label: 'VisualGuard account', value: `${identity.Name}${identity.AuthenticationType ? ` (${identity.AuthenticationType})` : ''}` });
  const names = auth?.AuthenticationEnrollmentRequest?.DisplayTransportModes;
  if (names && names.length > 0) facts.push({ label: 'Methods offered for enrollment', value: names.join(', ') });
  const available = (auth?.MFAAvailables ?? []).map(describeMethod);
  facts.push({ label: 'MFA methods on file', value: available.length > 0 ? available.join('; ') : 'none' });
  return facts;
}

function describeMethod(method: MfaAvailable): string {
  const kind = [method.TransportModeDisplay, method.AuthenticationModeDisplay].filter(Boolean).join(' ') || 'Unnamed method';
  return method.DestinationDisplay ? `${kind} to ${maskDestination(method.DestinationDisplay)}` : kind;
}
