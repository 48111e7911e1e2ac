/**
 * VisualGuard IdentityServer (Novalys): Microsoft Authenticator enrollment through its MFAEnrollment API.
 * Settings, settings form, subject (the VisualGuard user name) and secret, shared by main and the renderer.
 * Routes and the validation body are not in VisualGuard's public docs: the defaults follow what the docs
 * show, and each can be changed (docs/providers.md lists what was assumed).
 */
import { z } from 'zod';
import { boundedString } from '../bounds.js';
import { baseUrlSchema, proxyUrlSchema } from '../urls.js';
import { defineProvider } from './types.js';

/** `<ApplicationGuid>_<PlatformMode>`, e.g. 6f209594-…-7daf57b0fb12_Native. */
const clientIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}_[A-Za-z]{1,30}$/i;
/** An absolute path on the IdentityServer: letters, digits and / _ . - only, no "..". */
const pathPattern = /^\/(?!.*\.\.)[A-Za-z0-9/_.-]{0,199}$/;
const scopeToken = /^[\x21\x23-\x5b\x5d-\x7e]+$/;
const parameterName = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

export const authenticationModules = ['VGUser', 'WindowsByCredential', 'Passwordless'] as const;
export const qrModes = ['image', 'bytes'] as const;
export const routeModes = ['documented', 'custom'] as const;
export const validateBodies = ['json', 'form', 'query'] as const;

/** The scope the VisualGuard docs show for the VGAuthenticator grant. */
export const DOCUMENTED_SCOPE =
  'openid profile VGActivityDate VGApplications VGDeveloper VGIsApproved VGIsLocked VGPermissions VGProfile VGRoles VGToken offline_access IdentityServerApi';

export const DOCUMENTED_ROUTES = {
  tokenPath: '/connect/token',
  qrImagePath: '/api/MFAEnrollment/EnrollUserToMicrosoftAuthenticatorByImage',
  qrBytesPath: '/api/MFAEnrollment/EnrollUserToMicrosoftAuthenticatorByBytes',
  validatePath: '/api/MFAEnrollment/ValidateMicrosoftTOTP',
} as const;

const path = (fallback: string) => boundedString(200).trim().regex(pathPattern, 'must be a path such as /api/MFAEnrollment/… (letters, digits, / _ . - only)').default(fallback);

function checkScope(value: string, ctx: z.RefinementCtx): void {
  const tokens = value.split(' ').filter((token) => token !== '');
  if (tokens.length === 0 || tokens.length > 30 || !tokens.every((token) => scopeToken.test(token))) {
    ctx.addIssue({ code: 'custom', message: 'must be up to 30 values separated by spaces, without quotes or backslashes' });
  }
}

export const visualguardSettingsSchema = z.object(
  {
    /** The IdentityServer's address, e.g. https://vg.contoso.com/VGIdentityServer. */
    serverUrl: baseUrlSchema,
    clientId: boundedString(80).trim().regex(clientIdPattern, 'must be <application GUID>_<platform>, such as 6f209594-…-7daf57b0fb12_Native'),
    authenticationModule: z.enum(authenticationModules, { error: 'must be VGUser, WindowsByCredential or Passwordless' }).default('VGUser'),
    scope: boundedString(1000).trim().superRefine(checkScope).default(DOCUMENTED_SCOPE),
    qrMode: z.enum(qrModes, { error: 'must be image or bytes' }).default('image'),
    routes: z.enum(routeModes, { error: 'must be documented or custom' }).default('documented'),
    tokenPath: path(DOCUMENTED_ROUTES.tokenPath),
    qrImagePath: path(DOCUMENTED_ROUTES.qrImagePath),
    qrBytesPath: path(DOCUMENTED_ROUTES.qrBytesPath),
    validatePath: path(DOCUMENTED_ROUTES.validatePath),
    validateBody: z.enum(validateBodies, { error: 'must be json, form or query' }).default('json'),
    requestIdParameter: boundedString(40).trim().regex(parameterName, 'must be a parameter name (letters, digits, _)').default('requestId'),
    codeParameter: boundedString(40).trim().regex(parameterName, 'must be a parameter name (letters, digits, _)').default('secureCode'),
    /** Explicit proxy for https provider calls. The OS and *_proxy environment settings are never used. */
    proxyUrl: proxyUrlSchema.optional(),
  },
  { error: 'must be a settings object' },
);
export type VisualguardSettings = z.infer<typeof visualguardSettingsSchema>;

/** The routes a profile uses: the documented ones unless the profile says custom. */
export function visualguardRoutes(settings: VisualguardSettings): { [K in keyof typeof DOCUMENTED_ROUTES]: string } {
  if (settings.routes === 'documented') return { ...DOCUMENTED_ROUTES };
  return { tokenPath: settings.tokenPath, qrImagePath: settings.qrImagePath, qrBytesPath: settings.qrBytesPath, validatePath: settings.validatePath };
}

const MAX_SUBJECT = 256;
/** A VisualGuard user name: a login, an email or DOMAIN\user. No control characters. */
const userPattern = /^[^\p{C}]{1,256}$/u;
const custom = { key: 'routes', oneOf: ['custom'] } as const;

export const visualguardContract = defineProvider({
  kind: 'visualguard',
  displayName: 'VisualGuard IdentityServer',
  description: 'Enroll Microsoft Authenticator through VisualGuard’s MFA enrollment API (QR code, then the first code).',
  settingsSchema: visualguardSettingsSchema,
  fields: [
    { key: 'serverUrl', label: 'IdentityServer address', control: 'text', placeholder: 'https://vg.contoso.com/VGIdentityServer', hint: 'The address of your VisualGuard IdentityServer. https:// only.' },
    { key: 'clientId', label: 'Client ID', control: 'text', placeholder: '6f209594-…-7daf57b0fb12_Native', hint: 'The application GUID and platform of the VG identity client, joined by _ (for example …_Native).' },
    {
      key: 'authenticationModule',
      label: 'How users sign in',
      control: 'select',
      hint: 'VisualGuard signs the user in before it offers enrollment. With a password module you type the user’s password on the Enroll screen.',
      options: [
        { value: 'VGUser', label: 'VisualGuard user name and password (VGUser)' },
        { value: 'WindowsByCredential', label: 'Windows user name and password' },
        { value: 'Passwordless', label: 'Passwordless (user name only)' },
      ],
    },
    {
      key: 'qrMode',
      label: 'QR code download',
      control: 'select',
      hint: 'VisualGuard offers the QR code as an image or as image bytes; both show the same code.',
      options: [
        { value: 'image', label: 'As an image (EnrollUserToMicrosoftAuthenticatorByImage)' },
        { value: 'bytes', label: 'As bytes (EnrollUserToMicrosoftAuthenticatorByBytes)' },
      ],
    },
    { key: 'scope', label: 'Scope', control: 'text', hint: 'The scopes the identity client requests. The default is the one VisualGuard documents.' },
    {
      key: 'routes',
      label: 'API routes',
      control: 'select',
      hint: 'Change only if your IdentityServer answers on other paths.',
      options: [
        { value: 'documented', label: 'As documented by VisualGuard' },
        { value: 'custom', label: 'Custom' },
      ],
    },
    { key: 'tokenPath', label: 'Token path', control: 'text', when: custom },
    { key: 'qrImagePath', label: 'QR image path', control: 'text', when: custom },
    { key: 'qrBytesPath', label: 'QR bytes path', control: 'text', when: custom },
    { key: 'validatePath', label: 'Code validation path', control: 'text', when: custom },
    {
      key: 'validateBody',
      label: 'Code validation request',
      control: 'select',
      when: custom,
      options: [
        { value: 'json', label: 'JSON body' },
        { value: 'form', label: 'Form body' },
        { value: 'query', label: 'Query string' },
      ],
    },
    { key: 'requestIdParameter', label: 'Request ID parameter', control: 'text', when: custom },
    { key: 'codeParameter', label: 'Code parameter', control: 'text', when: custom },
    { key: 'proxyUrl', label: 'HTTPS proxy', control: 'text', optional: true, placeholder: 'http://proxy.corp:8080', hint: 'Optional. Provider calls are tunnelled through it; system proxy settings are not used.' },
  ],
  subject: () => ({
    label: 'VisualGuard user name',
    placeholder: 'jdoe',
    hint: 'The user’s name in VisualGuard, exactly as they sign in (a login, an email address or DOMAIN\\user).',
  }),
  checkSubject(_settings, raw) {
    if (raw.length > 512) return { ok: false, message: `is too long (${MAX_SUBJECT} characters at most)` };
    const value = raw.trim();
    if (value === '') return { ok: false, message: 'is required' };
    if (value.length > MAX_SUBJECT || !userPattern.test(value)) return { ok: false, message: 'must be a user name without control characters' };
    // VisualGuard user names are compared without regard to case.
    return { ok: true, canonical: value.toLowerCase() };
  },
  secret: () => ({ label: 'Client secret', hint: 'A secret of the VG identity client (Secrets section of “Configure Identity Client for Application”).', multiline: false }),
  capabilities: () => ({ push: false, code: false, methods: false, enrollment: true, stepUp: false }),
  enrollment: (settings) => ({
    password:
      settings.authenticationModule === 'Passwordless'
        ? null
        : {
            label: settings.authenticationModule === 'VGUser' ? 'User’s VisualGuard password' : 'User’s Windows password',
            hint: 'VisualGuard signs the user in before it offers enrollment: use, for example, the temporary password you just set. It is sent once and never stored or logged.',
          },
    setupKey: false,
  }),
  summary: (settings) => [
    { label: 'IdentityServer', value: settings.serverUrl },
    { label: 'Client', value: settings.clientId },
    { label: 'QR code', value: settings.qrMode === 'image' ? 'as an image' : 'as bytes' },
  ],
});
