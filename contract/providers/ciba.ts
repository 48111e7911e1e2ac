/**
 * OpenID Client-Initiated Backchannel Authentication (CIBA, poll mode), as Auth0 and other OpenID providers
 * offer it: settings, settings form, subject (the account's user id or email) and secret. Shared by main
 * (validation) and the renderer (forms).
 */
import { z } from 'zod';
import { boundedString } from '../bounds.js';
import { baseUrlSchema, proxyUrlSchema } from '../urls.js';
import { defineProvider } from './types.js';

/** Visible ASCII without spaces (client ids, key ids): one character class, so it cannot backtrack. */
const visible = /^[\x21-\x7e]+$/;
/** A scope token (RFC 6749 §3.3 NQCHAR). */
const scopeToken = /^[\x21\x23-\x5b\x5d-\x7e]+$/;
/** Visible ASCII and single spaces (an API identifier or audience). */
const audiencePattern = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

export const endpointModes = ['discovery', 'manual'] as const;
export const clientAuthMethods = ['client_secret_basic', 'client_secret_post', 'private_key_jwt'] as const;
export const loginHintFormats = ['plain', 'email', 'iss_sub'] as const;
export const bindingMessageModes = ['code', 'none'] as const;

const endpoint = baseUrlSchema.optional();

/** Checks a space-separated scope: known characters, at most 30 values, and `openid` among them. */
function checkScope(value: string, ctx: z.RefinementCtx): void {
  const tokens = value.split(' ').filter((token) => token !== '');
  if (tokens.length > 30) ctx.addIssue({ code: 'custom', message: 'must have at most 30 values' });
  else if (!tokens.every((token) => scopeToken.test(token))) {
    ctx.addIssue({ code: 'custom', message: 'must be values separated by spaces, without quotes or backslashes' });
  } else if (!tokens.includes('openid')) ctx.addIssue({ code: 'custom', message: 'must contain openid' });
}

export const cibaSettingsSchema = z
  .object(
    {
      /** Always required: the ID token's `iss` is checked against it, also when endpoints are entered by hand. */
      issuer: baseUrlSchema,
      endpointMode: z.enum(endpointModes, { error: 'must be discovery or manual' }).default('discovery'),
      backchannelEndpoint: endpoint,
      tokenEndpoint: endpoint,
      jwksUri: endpoint,
      clientId: boundedString(200).trim().min(1, { message: 'is required', abort: true }).regex(visible, 'must be letters, digits or symbols without spaces'),
      clientAuth: z
        .enum(clientAuthMethods, { error: 'must be client secret (basic), client secret (post) or private key JWT' })
        .default('client_secret_post'),
      /** `kid` of the client's key, for private key JWT. */
      keyId: boundedString(200).trim().min(1, { message: 'must not be empty', abort: true }).regex(visible, 'must be letters, digits or symbols without spaces').optional(),
      scope: boundedString(500).trim().superRefine(checkScope).default('openid'),
      loginHintFormat: z.enum(loginHintFormats, { error: 'must be user ID, email or Auth0 user ID' }).default('iss_sub'),
      bindingMessage: z.enum(bindingMessageModes, { error: 'must be code or none' }).default('code'),
      bindingPrefix: boundedString(8).trim().regex(/^[A-Za-z0-9]{1,8}$/, 'must be 1 to 8 letters or digits').default('MFA'),
      requestedExpiry: z
        .number({ error: 'must be a number' })
        .int('must be a whole number')
        .min(30, 'must be at least 30 (seconds)')
        .max(300, 'must be at most 300 (5 minutes)')
        // Why 60: a push should not stay answerable on the phone longer than the agent waits for it.
        .default(60),
      audience: boundedString(300).trim().min(1, { message: 'must not be empty', abort: true }).regex(audiencePattern, 'must be letters, digits or symbols').optional(),
      /** Explicit proxy for https provider calls. The OS and *_proxy environment settings are never used. */
      proxyUrl: proxyUrlSchema.optional(),
    },
    { error: 'must be a settings object' },
  )
  .superRefine((settings, ctx) => {
    if (settings.endpointMode !== 'manual') return;
    for (const key of ['backchannelEndpoint', 'tokenEndpoint', 'jwksUri'] as const) {
      if (!settings[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when the endpoints are entered by hand' });
    }
  });
export type CibaSettings = z.infer<typeof cibaSettingsSchema>;

/** Longest subject looked at; longer input is refused before any pattern runs. */
const MAX_SUBJECT = 512;
/** name@domain; the domain is dot-separated labels, so a failing match stays linear. */
const emailPattern = /^[^\s@<>"']{1,128}@(?:[^\s@<>"'.]{1,63}\.){1,10}[^\s@<>"'.]{1,63}$/;
/** A user id: no spaces or control characters (Auth0 ids look like auth0|65f…, google-oauth2|1234…). */
const idPattern = /^[^\s\p{C}]{1,256}$/u;

const SUBJECTS = {
  plain: {
    label: 'User ID',
    placeholder: 'the user’s ID',
    hint: 'The user’s ID at the identity provider (the “sub” of their ID token), exactly as the provider shows it.',
  },
  email: {
    label: 'Email address',
    placeholder: 'name@example.com',
    hint: 'The email address the identity provider knows the user by.',
  },
  iss_sub: {
    label: 'Auth0 user ID',
    placeholder: 'auth0|65f…',
    hint: 'The Auth0 user ID from the Auth0 dashboard (User Management › Users), such as auth0|65f… or google-oauth2|1234….',
  },
} as const;

export const cibaContract = defineProvider({
  kind: 'ciba',
  displayName: 'OpenID CIBA (Auth0 and others)',
  description: 'Push to the user’s phone through OpenID backchannel authentication (CIBA), with a code the caller checks.',
  settingsSchema: cibaSettingsSchema,
  fields: [
    {
      key: 'issuer',
      label: 'Issuer',
      control: 'text',
      placeholder: 'https://your-tenant.eu.auth0.com/',
      hint: 'The provider’s issuer, exactly as it appears in its ID tokens (Auth0: your tenant address with the final /). https:// only.',
    },
    {
      key: 'endpointMode',
      label: 'Endpoints',
      control: 'select',
      options: [
        { value: 'discovery', label: 'Discover from the issuer' },
        { value: 'manual', label: 'Enter by hand' },
      ],
    },
    { key: 'backchannelEndpoint', label: 'Backchannel authentication endpoint', control: 'text', placeholder: 'https://your-tenant.eu.auth0.com/bc-authorize', when: { key: 'endpointMode', oneOf: ['manual'] } },
    { key: 'tokenEndpoint', label: 'Token endpoint', control: 'text', placeholder: 'https://your-tenant.eu.auth0.com/oauth/token', when: { key: 'endpointMode', oneOf: ['manual'] } },
    { key: 'jwksUri', label: 'JWKS address', control: 'text', placeholder: 'https://your-tenant.eu.auth0.com/.well-known/jwks.json', hint: 'Where the provider publishes the keys that sign its ID tokens.', when: { key: 'endpointMode', oneOf: ['manual'] } },
    { key: 'clientId', label: 'Client ID', control: 'text', hint: 'The ID of the application registered for backchannel sign-in (CIBA).' },
    {
      key: 'clientAuth',
      label: 'Client authentication',
      control: 'select',
      hint: 'Must match the application’s token endpoint authentication method at the provider.',
      options: [
        { value: 'client_secret_post', label: 'Client secret (post)' },
        { value: 'client_secret_basic', label: 'Client secret (basic)' },
        { value: 'private_key_jwt', label: 'Private key JWT' },
      ],
    },
    { key: 'keyId', label: 'Key ID', control: 'text', optional: true, hint: 'Optional. The key ID (kid) the provider registered for the public key.', when: { key: 'clientAuth', oneOf: ['private_key_jwt'] } },
    {
      key: 'loginHintFormat',
      label: 'How accounts are named',
      control: 'select',
      hint: 'Email needs the scope to include “email”, so the provider says which address approved.',
      options: [
        { value: 'iss_sub', label: 'Auth0 user ID (auth0|…)' },
        { value: 'plain', label: 'User ID (sub)' },
        { value: 'email', label: 'Email address' },
      ],
    },
    { key: 'scope', label: 'Scope', control: 'text', placeholder: 'openid', hint: 'Must contain openid. Add email when accounts are named by email address.' },
    {
      key: 'bindingMessage',
      label: 'Code shown on the phone',
      control: 'select',
      hint: 'The caller checks that their phone shows the same code you read out. Auth0 requires it.',
      options: [
        { value: 'code', label: 'A short random code (recommended)' },
        { value: 'none', label: 'None' },
      ],
    },
    { key: 'bindingPrefix', label: 'Code prefix', control: 'text', placeholder: 'MFA', hint: '1 to 8 letters or digits, such as MFA (the code then looks like MFA-4821).', when: { key: 'bindingMessage', oneOf: ['code'] } },
    { key: 'requestedExpiry', label: 'Request lifetime (seconds)', control: 'number', hint: 'How long the user has to answer: 30 to 300 (default 60).' },
    { key: 'audience', label: 'Audience', control: 'text', optional: true, hint: 'Optional. An API identifier, if the provider requires one.' },
    {
      key: 'proxyUrl',
      label: 'HTTPS proxy',
      control: 'text',
      optional: true,
      placeholder: 'http://proxy.corp:8080',
      hint: 'Optional. Provider calls are tunnelled through it; system proxy settings are not used.',
    },
  ],
  subject: (settings) => SUBJECTS[settings.loginHintFormat],
  checkSubject(settings, raw) {
    if (raw.length > MAX_SUBJECT) return { ok: false, message: `is too long (${MAX_SUBJECT} characters at most)` };
    const value = raw.trim();
    if (value === '') return { ok: false, message: 'is required' };
    if (settings.loginHintFormat === 'email') {
      if (!emailPattern.test(value)) return { ok: false, message: 'must be an email address such as name@example.com' };
      // Email addresses are compared without regard to case (the ID token's email claim is too).
      return { ok: true, canonical: value.toLowerCase() };
    }
    if (!idPattern.test(value)) return { ok: false, message: 'must be a user ID without spaces (256 characters at most)' };
    // User ids are case-sensitive: kept exactly as typed, only trimmed.
    return { ok: true, canonical: value };
  },
  secret: (settings) =>
    settings.clientAuth === 'private_key_jwt'
      ? {
          label: 'Private key (PEM)',
          hint: 'The unencrypted PKCS#8 private key (-----BEGIN PRIVATE KEY-----, RSA, EC P-256 or Ed25519) whose public key is registered for this application.',
          multiline: true,
        }
      : { label: 'Client secret', hint: 'The client secret of the application registered for backchannel sign-in.', multiline: false },
  capabilities: () => ({ push: true, code: false, methods: false, enrollment: false, stepUp: false }),
  summary: (settings) => [
    { label: 'Issuer', value: settings.issuer },
    { label: 'Client', value: settings.clientId },
    { label: 'Accounts named by', value: { plain: 'user ID', email: 'email address', iss_sub: 'Auth0 user ID' }[settings.loginHintFormat] },
  ],
});
