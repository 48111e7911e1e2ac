/**
 * Request bodies for the StrongAuthenticationService connector. Member order follows the WCF data contract
 * (DataContractSerializer is order-sensitive and may silently drop out-of-order members), with the NPS-only
 * members RequireUserMatch, CallerName and CallerIP appended as every known client does.
 */
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const ARRAYS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';

/** Escapes a value for element text or a double-quoted attribute. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => escapes[ch] ?? ch);
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function el(name: string, value: string | null): string {
  return value === null ? `<${name} i:nil="true"/>` : `<${name}>${escapeXml(value)}</${name}>`;
}

function keyValue(key: string, value: string): string {
  return `<a:KeyValueOfstringstring>${el('a:Key', key)}${el('a:Value', value)}</a:KeyValueOfstringstring>`;
}

function doc(root: string, members: string[]): string {
  return `<${root} xmlns:i="${XSI}">${members.join('')}</${root}>`;
}

export interface BeginRequest {
  upn: string;
  contextId: string;
  /** Forces the method (e.g. PhoneAppNotification) instead of the user's default. */
  methodId: string;
  overrideNumberMatchingWithOtp: boolean;
  syncCall: boolean;
  lcid?: string;
  callerName?: string;
  callerIp?: string;
}

/** BeginTwoWayAuthenticationRequest body. RequireUserMatch is always true: false can let unenrolled users pass. */
export function buildBeginRequest(request: BeginRequest): string {
  const properties =
    keyValue('OverrideVoiceOtp', 'false') +
    keyValue('OverrideNumberMatchingWithOTP', String(request.overrideNumberMatchingWithOtp));
  return doc('BeginTwoWayAuthenticationRequest', [
    el('Version', '1.0'),
    el('UserPrincipalName', request.upn),
    el('Lcid', request.lcid ?? 'en-us'),
    el('AuthenticationMethodId', request.methodId),
    `<AuthenticationMethodProperties xmlns:a="${ARRAYS}">${properties}</AuthenticationMethodProperties>`,
    el('ContextId', request.contextId),
    el('SyncCall', String(request.syncCall)),
    el('RequireUserMatch', 'true'),
    el('CallerName', request.callerName ?? 'radius'),
    el('CallerIP', request.callerIp ?? 'UNKNOWN:'),
  ]);
}

export interface EndRequest {
  upn: string;
  contextId: string;
  sessionId: string;
  /** The code the caller read back; null while polling a push. */
  additionalAuthData: string | null;
}

/** EndTwoWayAuthenticationRequest body (poll, or OTP check when a code is given). */
export function buildEndRequest(request: EndRequest): string {
  return doc('EndTwoWayAuthenticationRequest', [
    el('Version', '1.0'),
    el('SessionId', request.sessionId),
    el('ContextId', request.contextId),
    el('AdditionalAuthData', request.additionalAuthData),
    el('UserPrincipalName', request.upn),
  ]);
}

/** GetAvailableAuthenticationMethodsRequest body. */
export function buildMethodsRequest(upn: string, contextId: string): string {
  return doc('GetAvailableAuthenticationMethodsRequest', [
    el('Version', '1.0'),
    el('UserPrincipalName', upn),
    el('ContextId', contextId),
  ]);
}
