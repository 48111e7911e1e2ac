/**
 * Microsoft Entra ID through the StrongAuthenticationService connector: settings, settings form, subject
 * (a user principal name) and secret. Shared by main (validation) and the renderer (forms).
 */
import { z } from 'zod';
import { boundedString } from '../bounds.js';
import { baseUrlSchema, proxyUrlSchema } from '../urls.js';
import { defineProvider } from './types.js';

/** Entra tenant: a GUID or a verified domain name. Labels are dot-separated, so the pattern cannot backtrack. */
const tenantPattern =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})$/i;

/**
 * One PEM certificate. The body may hold only base64 and whitespace, so the pattern cannot backtrack: the
 * class excludes "-", and the end marker is found in one place. Main parses it as X.509 when it is saved.
 */
const certificatePattern = /^-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----$/;
const MAX_CERTIFICATE = 8192;

/** True for text shaped like one PEM certificate (checked in the form and again in main). */
export function isCertificatePem(value: string): boolean {
  if (value.length > MAX_CERTIFICATE) return false;
  const body = certificatePattern.exec(value)?.[1]?.replace(/\s+/g, '');
  return body !== undefined && body.length >= 200 && body.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(body);
}

export const entraSettingsSchema = z.object({
  tenant: boundedString(253)
    .trim()
    .regex(tenantPattern, 'must be a tenant ID (GUID) or a domain such as contoso.com'),
  cloud: z.enum(['public', 'usgov', 'china'], 'must be Public, US Government or China').default('public'),
  connectorHost: z.enum(['strongauth', 'adnotifications'], 'must be one of the two connector hosts offered').default('strongauth'),
  tokenVersion: z.enum(['v1', 'v2'], 'must be v1 or v2').default('v2'),
  credential: z.enum(['secret', 'certificate'], 'must be a client secret or a certificate').default('secret'),
  /**
   * Certificate credential: the public certificate uploaded to the client app, as PEM. It is public, so it
   * lives here; only its private key goes to the keychain (Windows holds at most 2,560 bytes per secret).
   * Optional in the schema so profiles saved before it existed still load; the form asks for it.
   */
  certificatePem: boundedString(MAX_CERTIFICATE)
    .trim()
    .refine(isCertificatePem, 'must be one PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)')
    .optional(),
  mode: z.enum(['sync', 'async'], 'must be synchronous or asynchronous').default('sync'),
  /** Overrides for the sandbox or a proxy front; normally derived from `cloud`. */
  loginBaseUrl: baseUrlSchema.optional(),
  connectorBaseUrl: baseUrlSchema.optional(),
  /** Explicit proxy for https provider calls. The OS and *_proxy environment settings are never used. */
  proxyUrl: proxyUrlSchema.optional(),
  /**
   * Async mode: the EndTwoWayAuthentication poll interval. Both modes: how long the app waits for the account
   * holder's answer (sync: the blocking Begin call's timeout), after which the verification ends as timed out.
   */
  pollIntervalMs: z
    .number('must be a number')
    .int('must be a whole number')
    .min(1000, 'must be at least 1000 (one second)')
    .max(30_000, 'must be at most 30000 (30 seconds)')
    .default(5000),
  deadlineMs: z
    .number('must be a number')
    .int('must be a whole number')
    .min(10_000, 'must be at least 10000 (10 seconds)')
    .max(180_000, 'must be at most 180000 (3 minutes)')
    .default(60_000),
});
export type EntraSettings = z.infer<typeof entraSettingsSchema>;

const MAX_SUBJECT = 256;
/**
 * name@domain; the domain is dot-separated labels, so a failing match stays linear. Control and invisible
 * formatting characters (bidi overrides, zero-width) are refused: they could make one account look like
 * another on the agent's screen.
 */
const upnPattern = /^[^\s@<>&"'\p{Cc}\p{Cf}]{1,128}@(?:[^\s@<>&"'.\p{Cc}\p{Cf}]{1,63}\.){1,10}[^\s@<>&"'.\p{Cc}\p{Cf}]{1,63}$/u;

export const entraContract = defineProvider({
  kind: 'entra',
  displayName: 'Microsoft Entra ID',
  description: 'Push or code read-back through the Entra MFA connector (as the NPS extension does).',
  settingsSchema: entraSettingsSchema,
  fields: [
    { key: 'tenant', label: 'Tenant', control: 'text', hint: 'Tenant ID (GUID) or verified domain, such as contoso.com.', placeholder: 'contoso.com' },
    {
      key: 'cloud',
      label: 'Cloud',
      control: 'select',
      options: [
        { value: 'public', label: 'Public (global Azure)' },
        { value: 'usgov', label: 'US Government' },
        { value: 'china', label: 'China (21Vianet)' },
      ],
    },
    {
      key: 'connectorHost',
      label: 'Connector host',
      control: 'select',
      options: [
        { value: 'strongauth', label: 'strongauthenticationservice' },
        { value: 'adnotifications', label: 'adnotifications' },
      ],
    },
    { key: 'tokenVersion', label: 'Token version', control: 'select', options: [{ value: 'v2', label: 'v2' }, { value: 'v1', label: 'v1' }] },
    {
      key: 'credential',
      label: 'Credential type',
      control: 'select',
      options: [
        { value: 'secret', label: 'Client secret' },
        { value: 'certificate', label: 'Certificate' },
      ],
    },
    {
      key: 'certificatePem',
      label: 'Certificate',
      control: 'textarea',
      placeholder: '-----BEGIN CERTIFICATE-----',
      hint: 'The public certificate (PEM) uploaded to the Azure Multi-Factor Auth Client. Its private key goes in the secret field once the profile is saved.',
      when: { key: 'credential', oneOf: ['certificate'] },
    },
    {
      key: 'mode',
      label: 'Mode',
      control: 'select',
      options: [
        { value: 'sync', label: 'Synchronous (wait for the answer)' },
        { value: 'async', label: 'Asynchronous (poll for the answer)' },
      ],
    },
    { key: 'loginBaseUrl', label: 'Login base URL', control: 'text', optional: true, hint: 'Optional. Leave empty to use the cloud’s sign-in address. https:// only.' },
    { key: 'connectorBaseUrl', label: 'Connector base URL', control: 'text', optional: true, hint: 'Optional. Leave empty to use the cloud’s connector address. https:// only.' },
    {
      key: 'proxyUrl',
      label: 'HTTPS proxy',
      control: 'text',
      optional: true,
      placeholder: 'http://proxy.corp:8080',
      hint: 'Optional. Provider calls are tunnelled through it; system proxy settings are not used.',
    },
    { key: 'pollIntervalMs', label: 'Poll interval (ms)', control: 'number', hint: 'Asynchronous mode: 1000 to 30000.', when: { key: 'mode', oneOf: ['async'] } },
    { key: 'deadlineMs', label: 'Deadline (ms)', control: 'number', hint: 'How long to wait for the account holder’s answer: 10000 to 180000 (default 60000).' },
  ],
  subject: () => ({
    label: 'Sign-in name (UPN)',
    placeholder: 'name@contoso.com',
    hint: 'UPN means user principal name: the account’s sign-in name, usually its work email address.',
  }),
  checkSubject(_settings, raw) {
    if (raw.length > MAX_SUBJECT) return { ok: false, message: `is too long (${MAX_SUBJECT} characters at most)` };
    const value = raw.trim();
    if (value === '') return { ok: false, message: 'is required' };
    if (!upnPattern.test(value)) return { ok: false, message: 'must look like name@contoso.com' };
    // Entra compares UPNs without regard to case.
    return { ok: true, canonical: value.toLowerCase() };
  },
  secret: (settings) =>
    settings.credential === 'certificate'
      ? {
          label: 'Private key',
          hint: 'Paste the certificate’s unencrypted RSA private key (PEM). Only the key is kept, in the OS keychain; the certificate stays in the profile.',
          multiline: true,
        }
      : { label: 'Client secret', hint: 'The client secret value (not its ID) of the Azure Multi-Factor Auth Client.', multiline: false },
  capabilities: () => ({ push: true, code: true, methods: true, enrollment: false, stepUp: false }),
  summary: (settings) => [
    { label: 'Tenant', value: settings.tenant },
    { label: 'Cloud', value: { public: 'Public', usgov: 'US Government', china: 'China' }[settings.cloud] },
    { label: 'Mode', value: settings.mode === 'async' ? 'Asynchronous' : 'Synchronous' },
  ],
});
