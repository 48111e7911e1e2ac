/** User lookup shared by the connector operations, in the order the service checks (reference §7.3). */
import type { SimCore } from './core.js';
import type { SimMethod, SimUser } from './options.js';

export type UserLookup = { ok: true; user: SimUser } | { ok: false; value: string; message: string | null };

/** Accepted request versions ("1" from AD FS, "1.0" from NPS-style clients). */
export function versionOk(version: string | null): boolean {
  return version === '1' || version === '1.0';
}

/** Finds the user of a request, or the Result/Value the service answers instead. */
export function lookupUser(core: SimCore, upn: string | null): UserLookup {
  if (!upn?.trim()) {
    return { ok: false, value: 'InvalidParameter', message: 'UserPrincipalName must not be null or empty' };
  }
  const domain = upn.trim().toLowerCase().split('@')[1];
  if (domain !== core.options.tenantDomain) {
    const message = 'Caller tenant does not have access permissions to do authentication for the user.';
    return { ok: false, value: 'AccessDenied', message };
  }
  const user = core.findUser(upn);
  if (!user) return { ok: false, value: core.options.unknownUserValue, message: 'The specified user was not found.' };
  if (user.blocked) return { ok: false, value: 'UserIsBlocked', message: 'User is blocked.' };
  return { ok: true, user };
}

const phoneKeys: Record<string, string> = {
  OneWaySMS: 'MobilePhone',
  TwoWaySMS: 'MobilePhone',
  TwoWayVoiceMobile: 'MobilePhone',
  TwoWayVoiceOffice: 'PhoneNumber',
  TwoWayVoiceAlternateMobile: 'AlternateMobilePhone',
};

/** The Properties dictionary of a method as GetAvailableAuthenticationMethods lists it. */
export function methodProperties(method: SimMethod, mask: boolean): [string, string][] {
  const key = phoneKeys[method.id];
  if (!key || !method.phone) return [];
  const phone = mask ? method.phone.replace(/\d(?=\d{2})/g, 'X') : method.phone;
  return [[key, phone]];
}

/** Phone-call methods. */
export function isVoice(methodId: string): boolean {
  return methodId.startsWith('TwoWayVoice');
}

/** Methods whose Begin answers "challenge" (the caller reads back a code). */
export function isCodeMethod(methodId: string): methodId is 'PhoneAppOTP' | 'OneWaySMS' {
  return methodId === 'PhoneAppOTP' || methodId === 'OneWaySMS';
}
