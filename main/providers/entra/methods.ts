/** Registered connector methods as the agent sees them, phone numbers masked. */
import type { AuthMethodView } from '../../../contract/domain.js';
import type { ConnectorMethod } from './schemas.js';

interface MethodInfo {
  label: string;
  kind: AuthMethodView['kind'];
  phoneKey: string | null;
  notice?: string;
}

/**
 * Microsoft ends its own delivery of MFA text messages and voice calls on 2027-02-01 (tenants must bring a
 * telecom provider to keep them); accounts with only these methods can then no longer be verified this way.
 * The date is written out: agents read it in many locales, and it never wraps at a hyphen.
 */
export const TELEPHONY_RETIREMENT_NOTICE =
  'Microsoft stops sending Entra ID text messages and calls itself on 1 February 2027. After that this method works ' +
  'only if your organisation connects its own telephony provider. Ask the account holder to register ' +
  'Microsoft Authenticator.';
const telephony = { notice: TELEPHONY_RETIREMENT_NOTICE };

const known: Record<string, MethodInfo> = {
  PhoneAppNotification: { label: 'Microsoft Authenticator push', kind: 'push', phoneKey: null },
  PhoneAppOTP: { label: 'Authenticator code', kind: 'otp', phoneKey: null },
  OneWaySMS: { label: 'Text message', kind: 'otp', phoneKey: 'MobilePhone', ...telephony },
  TwoWaySMS: { label: 'Text message reply', kind: 'push', phoneKey: 'MobilePhone', ...telephony },
  TwoWayVoiceMobile: { label: 'Phone call (mobile)', kind: 'voice', phoneKey: 'MobilePhone', ...telephony },
  TwoWayVoiceOffice: { label: 'Phone call (office)', kind: 'voice', phoneKey: 'PhoneNumber', ...telephony },
  TwoWayVoiceAlternateMobile: {
    label: 'Phone call (alternate mobile)',
    kind: 'voice',
    phoneKey: 'AlternateMobilePhone',
    ...telephony,
  },
};

/** Code methods the OTP flow may use, best first. */
export const OTP_METHODS = ['PhoneAppOTP', 'OneWaySMS'] as const;
export type OtpMethod = (typeof OTP_METHODS)[number];

/**
 * Masks a phone number to its country code and last four digits, e.g. "+1 ••• ••• 4567". Numbers the
 * service already masked ("+1 XXXXXXXX67") keep only the digits they still show.
 */
export function maskPhone(raw: string): string {
  const country = /^\s*\+(\d{1,3})\s/.exec(raw)?.[1];
  const trailing = /(\d+)\s*$/.exec(raw)?.[1] ?? '';
  const last = trailing.slice(-4).padStart(4, '•');
  return country ? `+${country} ••• ••• ${last}` : `••• ••• ${last}`;
}

/** The masked phone number a method uses, if it has one. */
export function methodPhone(method: ConnectorMethod): string | null {
  const key = known[method.id]?.phoneKey ?? null;
  const raw = key ? method.properties.find(([name]) => name === key)?.[1] : undefined;
  return raw ? maskPhone(raw) : null;
}

/** Converts connector methods to the view the renderer shows. */
export function toMethodViews(methods: readonly ConnectorMethod[]): AuthMethodView[] {
  return methods.map((method) => {
    const info: Omit<MethodInfo, 'phoneKey'> = Object.hasOwn(known, method.id) ? known[method.id]! : { label: method.id, kind: 'push' };
    return {
      id: method.id,
      label: info.label,
      isDefault: method.isDefault,
      detail: methodPhone(method),
      kind: info.kind,
      notice: info.notice ?? null,
    };
  });
}

/** The OTP method to challenge with: Authenticator code first, then text message. */
export function chooseOtpMethod(
  methods: readonly ConnectorMethod[],
): { id: OtpMethod; method: ConnectorMethod } | null {
  for (const id of OTP_METHODS) {
    const method = methods.find((m) => m.id === id);
    if (method) return { id, method };
  }
  return null;
}
