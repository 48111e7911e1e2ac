/**
 * Domain types shared by main, preload and renderer. Types and zod schemas only: no Node, no Electron.
 */
import type { ProviderKind, SettingsOf } from './providers/index.js';
import type { Capabilities } from './providers/types.js';

/** Error codes a handler may answer with. The renderer branches on these, never on message text. */
export const errorCodes = [
  'bad_request',
  'forbidden',
  'not_found',
  'conflict',
  'keychain_unavailable',
  /** The keychain is locked: a secret may well be saved, it just cannot be read or changed until unlocked. */
  'keychain_locked',
  'secret_missing',
  /** The request log could not be written, so the request or change did not happen. */
  'audit_unavailable',
  /** The app's database could not be read or written. */
  'storage_failed',
  'provider_error',
  'rate_limited',
  /** The audit log cannot vouch for new requests (integrity broken, entries not yet saved, still checking). */
  'audit_blocked',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** Every answer across the boundary: a value or a named failure. Nothing is thrown across. */
export type Result<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

export { providerKinds, type ProviderKind, type ProfileInput } from './providers/index.js';
export { baseUrlSchema, proxyUrlSchema, isAllowedBaseUrl, isProxyUrl } from './urls.js';

/**
 * What the app knows about a profile's secret. `locked` and `unavailable` say nothing about whether one is
 * saved: a locked keychain hides its entries, so "not set" is only ever said after the keychain answered.
 */
export const secretStates = ['set', 'missing', 'locked', 'unavailable'] as const;
export type SecretState = (typeof secretStates)[number];

interface ProfileSummaryOf<K extends ProviderKind> {
  id: string;
  kind: K;
  displayName: string;
  settings: SettingsOf<K>;
  secret: SecretState;
  /** Built-in profile backed by a simulator; never a real provider. */
  sandbox: boolean;
  capabilities: Capabilities;
  updatedAt: string;
}

/** What the renderer may know about a profile: settings and the state of its secret — never the secret. */
export type ProfileSummary = { [K in ProviderKind]: ProfileSummaryOf<K> }[ProviderKind];

/** Registered authentication method as shown to the agent (phone numbers masked in main). */
export interface AuthMethodView {
  id: string;
  label: string;
  isDefault: boolean;
  detail: string | null;
  /** push: the caller approves in an app or answers a call; otp: the caller reads back a code. */
  kind: 'push' | 'otp' | 'voice';
  /**
   * A caution about this method in plain words (e.g. the provider is retiring it), or null. The form shows it
   * when every registered method of the account carries one, since the account may soon have no usable method.
   */
  notice: string | null;
}

export interface MethodsView {
  /** The account as the agent typed it. */
  subject: string;
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

/**
 * What the agent records after an outcome that is not an approval: that they did not proceed with the
 * request, and that they escalated the call to security. Each is written to the request log.
 */
export const verificationDecisions = ['do_not_proceed', 'escalated'] as const;
export type VerificationDecision = (typeof verificationDecisions)[number];

/** What the agent must see or say while a verification is pending (published by the provider). */
export interface VerificationProgress {
  /** Text the caller must find on their phone before approving (a binding message or number). */
  bindingMessage: string | null;
  /** The provider confirmed the push reached the user's device. */
  delivered: boolean;
  /** Status polls sent so far. */
  polls: number;
  note: string | null;
}

export interface VerificationView {
  id: string;
  profileId: string;
  profileName: string;
  providerKind: string;
  /** Simulated provider: the result proves nothing about a real account. */
  sandbox: boolean;
  /** The account as the agent typed it. */
  subject: string;
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
  progress: VerificationProgress;
  /** Technical detail for IT (HTTP status, provider text); shown only behind "details for IT". */
  detail: string | null;
  /** A push may have reached the phone although no answer was read: never send another one. */
  ambiguous: boolean;
  otpAttemptsLeft: number | null;
  /** When the agent recorded each decision after the outcome (ISO time), or null. */
  decisions: Record<VerificationDecision, string | null>;
  /**
   * Every audit entry of this verification is saved. False while one is waiting to be written (disk full):
   * the screen then says the outcome is not recorded yet and not to act on it.
   */
  recorded: boolean;
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
  /** The account as typed. */
  target: string | null;
  /** The account as the provider canonicalised it. */
  targetCanonical: string | null;
  /** A sandbox request: it went to a simulator, not a real provider. */
  sandbox: boolean;
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

export type KeychainState = 'available' | 'locked' | 'unavailable';

export interface AppInfo {
  name: string;
  version: string;
  shell: 'electron' | 'browser' | 'cli';
  operator: string;
  /** The sandbox (simulated providers) can be turned on in this installation. */
  sandboxOffered: boolean;
  /** Whether the OS keychain answers; the message says why not and what to do. */
  keychain: { state: KeychainState; message: string | null };
}

export interface ConnectionTestView {
  ok: boolean;
  code: string | null;
  message: string;
  fix: string | null;
}

/** A prompt as the simulated phone shows it (sandbox only). */
export interface PhonePrompt {
  id: string;
  /** The sandbox profile whose simulator raised it. */
  profileId: string;
  /** Who sent it, e.g. "Entra ID (simulated)". */
  source: string;
  subject: string;
  /**
   * otp: a code a simulated provider puts on the phone as its authenticator app would show it (the simulator
   * holds the secret); totp: an account the phone's own authenticator app added by reading a QR code on the
   * screen, showing the code it computes.
   */
  kind: 'push' | 'voice' | 'sms' | 'otp' | 'totp';
  /** Text the phone shows with the request (CIBA binding message); null when the request carries none. */
  bindingMessage: string | null;
  /** For SMS and calls: the code the sandbox "sent" to the phone; for an authenticator app: its current code. */
  code: string | null;
  /** For totp: when the code shown changes (the end of its 30-second time step). */
  validUntil?: string;
  /** The answers this prompt offers. */
  actions: PhoneAction[];
  receivedAt: string;
}

export const phoneActions = ['approve', 'deny', 'fraud', 'ignore'] as const;
export type PhoneAction = (typeof phoneActions)[number];

export interface SandboxUserView {
  subject: string;
  description: string;
}

/** A fault a simulator can inject into its next answer. */
export interface SandboxFaultView {
  id: string;
  label: string;
}

/** One simulated provider behind a sandbox profile. */
export interface SandboxBackendView {
  profileId: string;
  profileName: string;
  kind: string;
  users: SandboxUserView[];
  faults: SandboxFaultView[];
  /** Fault applied to the next answer ("none" when none). */
  nextFault: string;
}

export interface SandboxView {
  enabled: boolean;
  backends: SandboxBackendView[];
  prompts: PhonePrompt[];
}

/**
 * Authenticator enrollment. `awaiting_code` and `checking` are live; only `enrolled` means the user's app
 * holds the secret and produced a valid code.
 */
export const enrollmentStatuses = ['awaiting_code', 'checking', 'enrolled', 'failed', 'expired', 'cancelled', 'locked_out'] as const;
export type EnrollmentStatus = (typeof enrollmentStatuses)[number];

/** A fact the provider reported about the account, e.g. "Other methods: Email m***@g***.com". */
export interface EnrollmentFact {
  label: string;
  value: string;
}

export interface EnrollmentView {
  id: string;
  profileId: string;
  profileName: string;
  providerKind: string;
  /** Simulated provider or phone: the result proves nothing about a real account. */
  sandbox: boolean;
  /** The account as the agent typed it. */
  subject: string;
  reason: string;
  ticket: string;
  status: EnrollmentStatus;
  /** Machine code of the outcome (e.g. wrong_code, request_expired); null while live. */
  code: string | null;
  title: string;
  message: string;
  nextSteps: string | null;
  /** Technical detail for IT; shown only behind "details for IT". */
  detail: string | null;
  /** The QR code as an image data URL, only while awaiting the first code. Its text never crosses IPC. */
  qr: string | null;
  /** The name the authenticator app will show for the account, e.g. "Contoso:alex@contoso.com". */
  accountLabel: string | null;
  /** The agent may ask for the setup key (typed in by hand when the QR cannot be scanned). */
  setupKeyAvailable: boolean;
  /** Seconds per code (30 for Microsoft Authenticator) and digits per code (6). */
  period: number;
  digits: number;
  /** Codes that may still be tried before the enrollment ends; null when the provider does not say. */
  attemptsLeft: number | null;
  /** When an unconfirmed enrollment ends by itself. */
  expiresAt: string | null;
  facts: EnrollmentFact[];
  /** Plain sentences about the account's state reported by the provider (e.g. "The password has expired."). */
  notices: string[];
  startedAt: string;
  endedAt: string | null;
}

export const liveEnrollmentStatuses: readonly EnrollmentStatus[] = ['awaiting_code', 'checking'];
