/**
 * Auth0 MFA API for finance approvers: the approver signs in with their own password and proves a second
 * factor (step-up) before a payment release counts. Settings, settings form, subject (the approver's user
 * name) and secret. Not a caller-verification provider: it cannot push to someone else's phone.
 */
import { z } from 'zod';
import { boundedString } from '../bounds.js';
import { isAllowedBaseUrl, proxyUrlSchema } from '../urls.js';
import { defineProvider } from './types.js';

/** Visible ASCII without spaces (client ids, key ids, realms): one character class, so it cannot backtrack. */
const visible = /^[\x21-\x7e]+$/;
/** Visible ASCII and single spaces (an API identifier). */
const audiencePattern = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

export const auth0ClientAuthMethods = ['client_secret_post', 'client_secret_basic', 'private_key_jwt'] as const;
/** Currencies a threshold can be set in (ISO 4217). A release in another currency always needs two approvers. */
export const thresholdCurrencies = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'JPY', 'CAD', 'AUD'] as const;

/**
 * The tenant as a base URL: "your-tenant.eu.auth0.com" or "https://login.example.com" becomes
 * https://host; plain http only to loopback (the sandbox). Empty when it cannot be one.
 */
export function tenantBaseUrl(domain: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(domain) ? domain : `https://${domain}`;
  if (!isAllowedBaseUrl(withScheme)) return '';
  const url = new URL(withScheme);
  return url.pathname === '/' ? url.origin : '';
}

const domainSchema = boundedString(300)
  .trim()
  .min(1, { message: 'is required', abort: true })
  .transform(tenantBaseUrl)
  .refine((value) => value !== '', 'must be a tenant domain such as your-tenant.eu.auth0.com (https only, no path)');

export const auth0SettingsSchema = z.object(
  {
    /** Stored as the tenant's base URL (https://host); the ID token issuer is this with a final slash. */
    domain: domainSchema,
    clientId: boundedString(200).trim().min(1, { message: 'is required', abort: true }).regex(visible, 'must be letters, digits or symbols without spaces'),
    clientAuth: z
      .enum(auth0ClientAuthMethods, { error: 'must be client secret (post), client secret (basic) or private key JWT' })
      .default('client_secret_post'),
    keyId: boundedString(200).trim().min(1, { message: 'must not be empty', abort: true }).regex(visible, 'must be letters, digits or symbols without spaces').optional(),
    audience: boundedString(300).trim().min(1, { message: 'must not be empty', abort: true }).regex(audiencePattern, 'must be letters, digits or symbols').optional(),
    /** The database connection; when set, the password-realm grant is used instead of the password grant. */
    realm: boundedString(128).trim().min(1, { message: 'must not be empty', abort: true }).regex(visible, 'must be a connection name without spaces').optional(),
    /** Releases above this amount (whole units of `currency`) need two different approvers. */
    threshold: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be 0 or more')
      .max(999_999_999, 'must be at most 999999999')
      .default(10_000),
    currency: z.enum(thresholdCurrencies, { error: 'must be one of the listed currencies' }).default('EUR'),
    /** How long an approval stays valid while the release waits for its other approver (minutes). */
    approvalWindowMinutes: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1 (minute)')
      .max(1440, 'must be at most 1440 (one day)')
      .default(30),
    proxyUrl: proxyUrlSchema.optional(),
  },
  { error: 'must be a settings object' },
);
export type Auth0Settings = z.infer<typeof auth0SettingsSchema>;

const MAX_SUBJECT = 512;
/** A user name or email address: no spaces, quotes, angle brackets or control characters. */
const usernamePattern = /^[^\s\p{C}<>"'`]{1,128}$/u;

export const auth0Contract = defineProvider({
  kind: 'auth0',
  displayName: 'Auth0 MFA (finance approvals)',
  description: 'Approvers confirm payment releases with their own Auth0 sign-in and second factor (OTP, Guardian push, SMS or recovery code).',
  settingsSchema: auth0SettingsSchema,
  fields: [
    { key: 'domain', label: 'Tenant domain', control: 'text', placeholder: 'your-tenant.eu.auth0.com', hint: 'The Auth0 tenant or its custom domain. https only.' },
    { key: 'clientId', label: 'Client ID', control: 'text', hint: 'The application with the Password (or Password Realm) and MFA grant types enabled.' },
    {
      key: 'clientAuth',
      label: 'Client authentication',
      control: 'select',
      hint: 'Must match the application’s token endpoint authentication method in Auth0.',
      options: [
        { value: 'client_secret_post', label: 'Client secret (post)' },
        { value: 'client_secret_basic', label: 'Client secret (basic)' },
        { value: 'private_key_jwt', label: 'Private key JWT' },
      ],
    },
    { key: 'keyId', label: 'Key ID', control: 'text', optional: true, hint: 'Optional. The key ID (kid) Auth0 shows for the registered public key.', when: { key: 'clientAuth', oneOf: ['private_key_jwt'] } },
    { key: 'realm', label: 'Connection (realm)', control: 'text', optional: true, placeholder: 'Username-Password-Authentication', hint: 'Optional. The database connection approvers sign in with; without it the tenant’s default directory is used.' },
    { key: 'audience', label: 'Audience', control: 'text', optional: true, hint: 'Optional. An API identifier, if your tenant requires one.' },
    { key: 'threshold', label: 'Two approvers above', control: 'number', hint: 'Releases above this amount need two different approvers (whole units of the currency below).' },
    {
      key: 'currency',
      label: 'Threshold currency',
      control: 'select',
      hint: 'A release in another currency cannot be compared, so it always needs two approvers.',
      options: thresholdCurrencies.map((code) => ({ value: code, label: code })),
    },
    { key: 'approvalWindowMinutes', label: 'Approval window (minutes)', control: 'number', hint: 'An approval lapses if the release is not complete within this time: 1 to 1440.' },
    { key: 'proxyUrl', label: 'HTTPS proxy', control: 'text', optional: true, placeholder: 'http://proxy.corp:8080', hint: 'Optional. Auth0 calls are tunnelled through it; system proxy settings are not used.' },
  ],
  subject: () => ({
    label: 'Approver user name',
    placeholder: 'name@example.com',
    hint: 'The approver’s own Auth0 sign-in name (usually their email address).',
  }),
  checkSubject(_settings, raw) {
    if (raw.length > MAX_SUBJECT) return { ok: false, message: `is too long (${MAX_SUBJECT} characters at most)` };
    const value = raw.trim();
    if (value === '') return { ok: false, message: 'is required' };
    if (!usernamePattern.test(value)) return { ok: false, message: 'must be a user name or email address without spaces or quotes (128 characters at most)' };
    // Auth0 compares sign-in names without regard to case; approvals themselves compare the ID token's sub.
    return { ok: true, canonical: value.toLowerCase() };
  },
  secret: (settings) =>
    settings.clientAuth === 'private_key_jwt'
      ? {
          label: 'Private key (PEM)',
          hint: 'The unencrypted PKCS#8 private key (-----BEGIN PRIVATE KEY-----, RSA, EC P-256 or Ed25519) whose public key is registered for this application.',
          multiline: true,
        }
      : { label: 'Client secret', hint: 'The client secret of the Auth0 application.', multiline: false },
  // Step-up of the signed-in approver only: never offered for caller verification.
  capabilities: () => ({ push: false, code: false, methods: false, enrollment: false, stepUp: true }),
  summary: (settings) => [
    { label: 'Tenant', value: settings.domain.replace(/^https:\/\//, '') },
    { label: 'Client', value: settings.clientId },
    { label: 'Two approvers above', value: `${settings.threshold} ${settings.currency}` },
    { label: 'Approval window', value: `${settings.approvalWindowMinutes} minutes` },
  ],
});
