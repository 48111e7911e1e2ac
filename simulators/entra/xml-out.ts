/** Response bodies of the simulated connector, with members in the order the real service sends them. */
import { escapeXml } from '../../main/providers/entra/xml.js';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const ARRAYS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';

function el(name: string, value: string | null): string {
  return value === null ? `<${name} i:nil="true"/>` : `<${name}>${escapeXml(value)}</${name}>`;
}

function resultXml(value: string, message: string | null, retry = false): string {
  const members = [
    el('Value', value),
    el('Message', message),
    el('Retry', String(retry)),
    el('Error', null),
    el('Exception', null),
    el('RenewCert', 'false'),
  ];
  return `<Result>${members.join('')}</Result>`;
}

function doc(root: string, members: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><${root} xmlns:i="${XSI}">${members}</${root}>`;
}

export interface BeginAnswer {
  value: string;
  message?: string | null;
  sessionId?: string | null;
  authResult?: 'true' | 'false' | 'challenge' | null;
  upn?: string | null;
  affinityUrl?: string | null;
  entropy?: number;
}

/** BeginTwoWayAuthenticationResponse. */
export function beginXml(a: BeginAnswer): string {
  return doc(
    'BeginTwoWayAuthenticationResponse',
    el('Version', '1') +
      resultXml(a.value, a.message ?? null) +
      el('SessionId', a.sessionId ?? null) +
      el('AuthenticationResult', a.authResult ?? null) +
      el('UserPrincipalName', a.upn ?? null) +
      el('AffinityUrl', a.affinityUrl ?? null) +
      el('ValidEntropyNumber', String(a.entropy ?? 0)),
  );
}

export interface EndAnswer {
  value: string;
  message?: string | null;
  retry?: boolean;
  authResult?: 'true' | 'false' | null;
  completedInteractively?: boolean;
}

/** EndTwoWayAuthenticationResponse. */
export function endXml(a: EndAnswer): string {
  return doc(
    'EndTwoWayAuthenticationResponse',
    el('Version', '1') +
      resultXml(a.value, a.message ?? null, a.retry ?? false) +
      el('AuthenticationResult', a.authResult ?? null) +
      el('LocationData', null) +
      el('CompletedInteractively', String(a.completedInteractively ?? false)),
  );
}

export interface MethodAnswer {
  id: string;
  isDefault: boolean;
  properties: [string, string][];
}

/** GetAvailableAuthenticationMethodsResponse. */
export function methodsXml(
  value: string,
  message: string | null,
  methods: MethodAnswer[],
  upn: string | null,
  nowMs: number,
): string {
  const list = methods
    .map((m) => {
      const props = m.properties
        .map(([k, v]) => `<a:KeyValueOfstringstring>${el('a:Key', k)}${el('a:Value', v)}</a:KeyValueOfstringstring>`)
        .join('');
      const properties = `<Properties xmlns:a="${ARRAYS}">${props}</Properties>`;
      const members = el('Id', m.id) + el('IsDefault', String(m.isDefault)) + properties;
      return `<AuthenticationMethod>${members}</AuthenticationMethod>`;
    })
    .join('');
  return doc(
    'GetAvailableAuthenticationMethodsResponse',
    el('Version', '1') +
      resultXml(value, message) +
      `<AuthenticationMethods>${list}</AuthenticationMethods>` +
      el('CreateTimeSeconds', String(Math.floor(nowMs / 1000))) +
      el('UserPrincipalName', upn),
  );
}
