/**
 * Domain types shared by main, preload and renderer. Types and zod schemas only: no Node, no Electron.
 */
import { z } from 'zod';

/** Error codes a handler may answer with. The renderer branches on these, never on message text. */
export const errorCodes = [
  'bad_request',
  'forbidden',
  'not_found',
  'conflict',
  'keychain_unavailable',
  'secret_missing',
  'provider_error',
  'rate_limited',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** Every answer across the boundary: a value or a named failure. Nothing is thrown across. */
export type Result<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

export const providerKinds = ['entra'] as const;
export type ProviderKind = (typeof providerKinds)[number];

/** Entra tenant: a GUID or a verified domain name. */
const tenantPattern =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?=.{3,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})$/i;

/**
 * Base URL override. https only, except plain http to a loopback address (the sandbox simulators).
 * Why: provider calls carry bearer tokens and secrets; nothing may leave the machine unencrypted.
 */
export const baseUrlSchema = z
  .string()
  .trim()
  .max(300)
  .refine((value) => isAllowedBaseUrl(value), {
    message: 'must be an https:// URL (http:// is allowed only for 127.0.0.1, ::1 or localhost)',
  });

export function isAllowedBaseUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password || url.search || url.hash) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
}

/** HTTPS proxy for provider calls: http(s)://host:port, no credentials or path (tunnelled with CONNECT). */
export const proxyUrlSchema = z
  .string()
  .trim()
  .max(300)
  .refine((value) => isProxyUrl(value), { message: 'must look like http://proxy.example.com:8080 (no user name, password or path)' });

export function isProxyUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      !url.username && !url.password && !url.search && !url.hash && (url.pathname === '/' || url.pathname === '')
    );
  } catch {
    return false;
  }
}

export const entraSettingsSchema = z.object({
  tenant: z.string().trim().regex(tenantPattern, 'must be a tenant GUID or a domain such as contoso.com'),
  cloud: z.enum(['public', 'usgov', 'china']).default('public'),
  connectorHost: z.enum(['strongauth', 'adnotifications']).default('strongauth'),
  tokenVersion: z.enum(['v1', 'v2']).default('v2'),
  credential: z.enum(['secret', 'certificate']).default('secret'),
  mode: z.enum(['sync', 'async']).default('sync'),
  /** Overrides for the sandbox or a proxy front; normally derived from `cloud`. */
  loginBaseUrl: baseUrlSchema.optional(),
  connectorBaseUrl: baseUrlSchema.optional(),
  /** Explicit proxy for https provider calls. The OS and *_proxy environment settings are never used. */
  proxyUrl: proxyUrlSchema.optional(),
  /** Async mode: EndTwoWayAuthentication poll interval and overall deadline. */
  pollIntervalMs: z.number().int().min(1000).max(30_000).default(5000),
  deadlineMs: z.number().int().min(10_000).max(180_000).default(90_000),
});
export type EntraSettings = z.infer<typeof entraSettingsSchema>;

export const profileInputSchema = z.object({
  id: z.string().uuid().optional(),
  kind: z.literal('entra'),
  displayName: z.string().trim().min(1, 'is required').max(80),
  settings: entraSettingsSchema,
});
export type ProfileInput = z.input<typeof profileInputSchema>;

/** What the renderer may know about a profile: settings and whether a secret is set — never the secret. */
export interface ProfileSummary {
  id: string;
  kind: ProviderKind;
  displayName: string;
  settings: EntraSettings;
  secretSet: boolean;
  sandbox: boolean;
  updatedAt: string;
}

/** Registered authentication method as shown to the agent (phone numbers masked in main). */
export interface AuthMethodView {
  id: string;
  label: string;
  isDefault: boolean;
  detail: string | null;
  /** push: the caller approves in an app or answers a call; otp: the caller reads back a code. */
  kind: 'push' | 'otp' | 'voice';
}

export interface MethodsView {
  upn: string;
  methods: AuthMethodView[];
}

export const verificationModes = ['push', 'otp'] as const;
export type VerificationMode = (typeof verificationModes)[number];

/**
 * Verification status. Only `approved` means the caller proved control of the account.
 * `pending` and `awaiting_code` are live; everything else is final.
 */
export const verificationStatuses = [
  'pending',
  'awaiting_code',
  'approved',
  'denied',
  'fraud',
  'timeout',
  'cancelled',
  'locked_out',
  'error',
] as const;
export type VerificationStatus = (typeof verificationStatuses)[number];

export const liveStatuses: readonly VerificationStatus[] = ['pending', 'awaiting_code'];

export interface VerificationView {
  id: string;
  profileId: string;
  profileName: string;
  upn: string;
  reason: string;
  ticket: string;
  mode: VerificationMode;
  status: VerificationStatus;
  /** Machine code of the outcome: provider Result/Value (e.g. PhoneAppDenied) or an app code (e.g. http_500). */
  code: string | null;
  /** One-line headline for the agent. */
  title: string;
  /** What happened, in plain words, including the provider's reason when there is one. */
  message: string;
  /** What the agent should do next (denial, fraud, errors). */
  nextSteps: string | null;
  /** Words the agent says to the caller while waiting. */
  script: string | null;
  otpAttemptsLeft: number | null;
  contextId: string;
  startedAt: string;
  endedAt: string | null;
}

export interface AuditRow {
  id: string;
  startedAt: string;
  endedAt: string | null;
  operator: string;
  action: string;
  target: string | null;
  profileId: string | null;
  profileName: string | null;
  providerKind: string | null;
  reason: string | null;
  ticket: string | null;
  outcome: string;
  outcomeCode: string | null;
  detail: string | null;
  refs: Record<string, string>;
}

export interface AppInfo {
  name: string;
  version: string;
  shell: 'electron' | 'browser';
  operator: string;
  keychain: { available: boolean; message: string | null };
}

export interface ConnectionTestView {
  ok: boolean;
  code: string | null;
  message: string;
  fix: string | null;
}

/** A push as the simulated phone shows it (sandbox only). */
export interface PhonePrompt {
  id: string;
  upn: string;
  kind: 'push' | 'voice' | 'sms';
  /** For SMS: the code the sandbox "sent" to the phone. */
  code: string | null;
  receivedAt: string;
}

export const phoneActions = ['approve', 'deny', 'fraud', 'ignore'] as const;
export type PhoneAction = (typeof phoneActions)[number];

export const sandboxFaults = [
  'none',
  'http_500',
  'html_body',
  'malformed_xml',
  'entity_bomb',
  'oversize_body',
  'token_401_once',
  'throttle',
] as const;
export type SandboxFault = (typeof sandboxFaults)[number];

export interface SandboxUserView {
  upn: string;
  description: string;
}

export interface SandboxView {
  enabled: boolean;
  users: SandboxUserView[];
  prompts: PhonePrompt[];
  nextFault: SandboxFault;
}
