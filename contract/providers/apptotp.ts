/**
 * The app's own authenticator (RFC 6238): for teams whose identity provider has no TOTP API, and for the
 * sandbox. The app enrolls Microsoft Authenticator (or any TOTP app) itself, keeps each account's secret in
 * the OS keychain, and verifies callers by the code they read back. Shared by main and the renderer.
 */
import { z } from 'zod';
import { boundedString } from '../bounds.js';
import { defineProvider } from './types.js';

/** Shown in the authenticator app next to the account. No colon (it separates issuer and account in the QR). */
const issuerPattern = /^[^:\p{C}]{1,40}$/u;

export const apptotpSettingsSchema = z.object(
  {
    issuer: boundedString(40).trim().min(1, { message: 'is required', abort: true }).regex(issuerPattern, 'must be up to 40 characters without a colon'),
    maxAttempts: z.number({ error: 'must be a number' }).int('must be a whole number').min(3, 'must be at least 3').max(10, 'must be at most 10').default(5),
    lockoutMinutes: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1 (minute)')
      .max(1440, 'must be at most 1440 (one day)')
      .default(15),
  },
  { error: 'must be a settings object' },
);
export type ApptotpSettings = z.infer<typeof apptotpSettingsSchema>;

const MAX_SUBJECT = 128;
/** A sign-in name: no spaces, colons or control characters (the QR label cannot hold a colon). */
const accountPattern = /^[^\s:\p{C}]{1,128}$/u;

export const apptotpContract = defineProvider({
  kind: 'apptotp',
  displayName: 'App authenticator (RFC 6238)',
  description: 'The app enrolls Microsoft Authenticator itself (QR code) and checks the codes callers read back.',
  settingsSchema: apptotpSettingsSchema,
  fields: [
    {
      key: 'issuer',
      label: 'Name shown in the authenticator app',
      control: 'text',
      placeholder: 'Contoso IT',
      hint: 'The user sees this name above the account in Microsoft Authenticator. Up to 40 characters, no colon.',
    },
    { key: 'maxAttempts', label: 'Wrong codes before lock-out', control: 'number', hint: '3 to 10. A correct code resets the count.' },
    { key: 'lockoutMinutes', label: 'Lock-out (minutes)', control: 'number', hint: 'How long an account cannot be verified after too many wrong codes: 1 to 1440.' },
  ],
  subject: () => ({
    label: 'Account',
    placeholder: 'name@contoso.com',
    hint: 'The user’s sign-in name. It is the name the authenticator app shows, and how the app finds the enrolled account later.',
  }),
  checkSubject(_settings, raw) {
    if (raw.length > 512) return { ok: false, message: 'is too long (128 characters at most)' };
    const value = raw.trim();
    if (value === '') return { ok: false, message: 'is required' };
    if (value.length > MAX_SUBJECT || !accountPattern.test(value)) return { ok: false, message: 'must be a sign-in name without spaces or colons (128 characters at most)' };
    // Compared without regard to case: "Alex" and "alex" must never be two enrolled accounts.
    return { ok: true, canonical: value.toLowerCase() };
  },
  secret: () => null,
  capabilities: () => ({ push: false, code: true, methods: false, enrollment: true, stepUp: false }),
  enrollment: () => ({ password: null, setupKey: true }),
  summary: (settings) => [
    { label: 'Name in the app', value: settings.issuer },
    { label: 'Lock-out', value: `${settings.maxAttempts} wrong codes, ${settings.lockoutMinutes} min` },
  ],
});
