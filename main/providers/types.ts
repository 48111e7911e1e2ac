/**
 * The shape every identity provider shares. A provider is a module: one folder under main/providers/<kind>/
 * exporting a ProviderModule, its contract in contract/providers/<kind>.ts, and one line in the registry.
 * The verification service drives a provider through VerificationProvider only.
 */
import type {
  AuthMethodView,
  ConnectionTestView,
  EnrollmentFact,
  VerificationMode,
  VerificationStatus,
} from '../../contract/domain.js';
import type { ProviderContract } from '../../contract/providers/types.js';
import type { z } from 'zod';
import type { Clock } from '../services/clock.js';
import type { HttpClient } from '../services/http.js';
import type { Logger } from '../services/log.js';
import type { StepUpProvider } from './step-up.js';

/** A final outcome. `approved` may only be produced from an explicit, validated provider approval. */
export interface ProviderOutcome {
  status: Exclude<VerificationStatus, 'pending' | 'awaiting_code' | 'cancelled'>;
  /** Provider code (e.g. PhoneAppDenied, access_denied) or an app code (http_500, malformed_response, …). */
  code: string;
  title: string;
  /** Plain words for the agent: no HTTP, XML or protocol jargon. */
  message: string;
  nextSteps: string | null;
  /** Technical detail for the audit entry only (HTTP status, parser error, provider text); never shown as the headline. */
  detail?: string | null;
  /**
   * True when a push may already have reached the phone although no answer was read (5xx after the request
   * was sent, an unreadable answer, a transport timeout). The agent is told not to push again.
   */
  ambiguous?: boolean;
}

/** Provider reference ids worth recording (never secrets): ContextId, SessionId, a hash of auth_req_id. */
export type ProviderRefs = Record<string, string>;

/** What the agent must see or say while a verification is pending; the status panel shows it live. */
export interface ProviderProgress {
  /** Text the caller must find on their phone before approving (CIBA binding message, a number to tap). */
  bindingMessage?: string | null;
  /** The provider confirmed the push reached the user's device. */
  delivered?: boolean;
  /** Status polls sent so far. */
  polls?: number;
  /** One plain sentence about the current step. */
  note?: string | null;
}

export type StepResult =
  | { kind: 'final'; outcome: ProviderOutcome; refs: ProviderRefs }
  | {
      /** The caller must read back a code; `challenge` is opaque state handed back to submitCode. */
      kind: 'challenge';
      challenge: unknown;
      refs: ProviderRefs;
      attemptsLeft: number | null;
      message: string;
    };

/** The account being verified: as the agent typed it, and in the provider's canonical form. */
export interface Subject {
  raw: string;
  canonical: string;
}

/** The one comparison of accounts: by the provider's canonical form, never by what was typed. */
export function sameSubject(a: Subject, b: Subject): boolean {
  return a.canonical === b.canonical;
}

export interface StartRequest {
  subject: Subject;
  contextId: string;
  mode: VerificationMode;
  signal: AbortSignal;
  /** Called when the provider learns a reference id (e.g. SessionId) before the end. */
  onRefs?: (refs: ProviderRefs) => void;
  /** Called whenever there is something new for the agent to see while pending. */
  onProgress?: (progress: ProviderProgress) => void;
}

export interface SubmitCodeRequest {
  subject: Subject;
  contextId: string;
  challenge: unknown;
  code: string;
  signal: AbortSignal;
}

export type MethodsResult =
  | { ok: true; methods: AuthMethodView[] }
  | { ok: false; code: string; message: string; detail?: string | null };

export interface VerificationProvider {
  /** Registered methods of the user, phone numbers masked. Only when capabilities.methods. */
  listMethods(subject: Subject, signal: AbortSignal): Promise<MethodsResult>;
  /** Sends one push (or starts a code challenge). Never retried automatically: a retry is a second push. */
  start(request: StartRequest): Promise<StepResult>;
  /** Checks a code the caller read back. Wrong code with retries left answers another `challenge`. */
  submitCode(request: SubmitCodeRequest): Promise<StepResult>;
  /** Signs in to the provider and reports the exact reason on failure, with the fix in plain words. */
  testConnection(signal: AbortSignal): Promise<ConnectionTestView>;
  /** What the agent says to the caller while waiting. */
  script(mode: VerificationMode): string;
  /** Present exactly when the contract's capabilities.enrollment is true. */
  enrollment?: EnrollmentProvider;
}

/** A final enrollment outcome. `enrolled` may only come from an explicit, validated confirmation. */
export interface EnrollmentOutcome {
  status: 'enrolled' | 'failed' | 'expired' | 'locked_out';
  /** App or provider code: wrong_code, request_expired, account_locked, malformed_response, http_500, … */
  code: string;
  title: string;
  /** Plain words for the agent. Never contains a secret, a code or a provider body. */
  message: string;
  nextSteps: string | null;
  /** Technical detail for the audit entry (HTTP status, parser error); never a secret. */
  detail?: string | null;
}

/** What the agent's screen shows while the user scans and reads back the first code. */
export interface EnrollmentDisplay {
  /** The QR code as an image data URL (drawn in main, or the provider's own image after checks). */
  qr: string;
  /** The account name the authenticator app will show. */
  accountLabel: string;
  /** When this enrollment stops accepting a code (epoch ms); the service may end it sooner. */
  expiresAt: number;
  facts: EnrollmentFact[];
  notices: string[];
  /** Wrong codes accepted before the enrollment ends; null when the provider keeps its own count. */
  attemptsLeft: number | null;
}

export type EnrollmentConfirmResult =
  | { kind: 'final'; outcome: EnrollmentOutcome; refs?: ProviderRefs }
  /** Not accepted, but the user may read the next code. */
  | { kind: 'retry'; message: string; attemptsLeft: number | null; detail?: string | null };

/** One unconfirmed enrollment as the provider holds it. The secret, if the app knows it, stays in here. */
export interface EnrollmentSession {
  /** The setup key (Base32) for typing in by hand; null when the provider offers only an image. */
  setupKey(): string | null;
  /** Checks the first code from the user's app; `enrolled` is final, so is any failure but a wrong code. */
  confirm(code: string, signal: AbortSignal): Promise<EnrollmentConfirmResult>;
  /** Forgets the pending enrollment (the secret is dropped; nothing is stored). */
  cancel(): Promise<void>;
}

export type EnrollmentStart =
  | { kind: 'ready'; display: EnrollmentDisplay; session: EnrollmentSession; refs: ProviderRefs }
  | { kind: 'final'; outcome: EnrollmentOutcome; refs: ProviderRefs; facts?: EnrollmentFact[]; notices?: string[] };

export interface EnrollmentStartRequest {
  subject: Subject;
  /** The app's id for this enrollment (recorded with the provider's ids). */
  enrollmentId: string;
  /** The user's password, for providers whose EnrollmentSpec asks for it; used once, never stored. */
  userPassword: string | null;
  signal: AbortSignal;
}

/** Enrollment of an authenticator app: start → (show QR, read back the first code) → confirm, or cancel. */
export interface EnrollmentProvider {
  start(request: EnrollmentStartRequest): Promise<EnrollmentStart>;
}

/**
 * Storage a provider may keep per account under its profile: secrets in the OS keychain (one entry per
 * account), small state (JSON, never a secret) in the database. Accounts are canonical subjects.
 */
export interface AccountStore {
  getSecret(account: string): Promise<string | null>;
  setSecret(account: string, secret: string): Promise<void>;
  deleteSecret(account: string): Promise<void>;
  getState(account: string): string | null;
  setState(account: string, state: string): void;
  deleteState(account: string): void;
}

/** Everything a provider instance receives; it reaches for nothing else. */
export interface ProviderDeps {
  http: HttpClient;
  clock: Clock;
  logger: Logger;
  /**
   * Reads the profile's secret from the keychain at the moment it is needed; null only when the keychain
   * answered that none is set. Throws KeychainLockedError (it may be saved) or KeychainUnavailableError.
   */
  readSecret: () => Promise<string | null>;
  /** Per-account secrets and state of this profile (the app's own authenticator keeps enrolled accounts here). */
  accounts?: AccountStore;
}

/** A provider as the registry knows it. */
export interface ProviderModule<K extends string = string, S extends z.ZodType = z.ZodType> {
  contract: ProviderContract<K, S>;
  /**
   * Settings that decide where the secret (and the tokens it buys) are sent. Changing any of them drops the
   * stored secret. Why: otherwise anyone at the keyboard could point a saved profile at their own server and
   * have the app post the secret there.
   */
  secretRoutingKeys: readonly (keyof z.output<S> & string)[];
  /**
   * Turns what the operator pasted as the secret into what the keychain stores, or says what is wrong with it
   * (a message for the secret field). Optional: without it the secret is stored as typed.
   */
  prepareSecret?(settings: z.output<S>, raw: string): PreparedSecret;
  /** Checks settings only main can check (e.g. that a certificate parses); a "field: problem" message or null. */
  checkSettings?(settings: z.output<S>): string | null;
  /** The explicit HTTPS proxy of a profile, if its settings name one. */
  proxyUrl(settings: z.output<S>): string | undefined;
  /**
   * Where the provider's requests go (name → URL without query), for the audit log: the first one's host is
   * recorded with every request, and a settings change records all of them before and after.
   */
  endpoints?(settings: z.output<S>): Record<string, string>;
  create(settings: z.output<S>, deps: ProviderDeps): VerificationProvider;
  /**
   * Optional capability: step-up of the signed-in user (finance approvals), for modules whose contract
   * declares `stepUp`. Such a module's VerificationProvider refuses every caller verification.
   */
  stepUp?(settings: z.output<S>, deps: ProviderDeps): StepUpProvider;
}

export type PreparedSecret = { ok: true; secret: string } | { ok: false; message: string };

/** Declares a module with its types inferred (no runtime effect). */
export function defineModule<K extends string, S extends z.ZodType>(module: ProviderModule<K, S>): ProviderModule<K, S> {
  return module;
}
