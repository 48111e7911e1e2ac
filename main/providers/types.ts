/**
 * The shape every identity provider shares. The verification service drives a provider through this
 * interface only; adding a provider means one folder and one registry line.
 */
import type {
  AuthMethodView,
  ConnectionTestView,
  VerificationMode,
  VerificationStatus,
} from '../../contract/domain.js';
import type { Clock } from '../services/clock.js';
import type { HttpClient } from '../services/http.js';
import type { Logger } from '../services/log.js';

/** A final outcome. `approved` may only be produced from an explicit, validated provider approval. */
export interface ProviderOutcome {
  status: Exclude<VerificationStatus, 'pending' | 'awaiting_code' | 'cancelled'>;
  /** Provider Result/Value (e.g. PhoneAppDenied) or an app code (http_500, malformed_response, …). */
  code: string;
  title: string;
  message: string;
  nextSteps: string | null;
}

/** Provider reference ids worth recording (never secrets): ContextId, SessionId, datacenter. */
export type ProviderRefs = Record<string, string>;

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

export interface StartRequest {
  upn: string;
  contextId: string;
  mode: VerificationMode;
  signal: AbortSignal;
  /** Called when the provider learns a reference id (e.g. SessionId in async mode) before the end. */
  onRefs?: (refs: ProviderRefs) => void;
}

export interface SubmitCodeRequest {
  upn: string;
  contextId: string;
  challenge: unknown;
  code: string;
  signal: AbortSignal;
}

export type MethodsResult =
  | { ok: true; methods: AuthMethodView[] }
  | { ok: false; code: string; message: string };

export interface VerificationProvider {
  /** Registered methods of the user, phone numbers masked. */
  listMethods(upn: string, signal: AbortSignal): Promise<MethodsResult>;
  /** Sends one push (or starts an OTP challenge). Never retried automatically: a retry is a second push. */
  start(request: StartRequest): Promise<StepResult>;
  /** Checks a code the caller read back. Wrong code with retries left answers another `challenge`. */
  submitCode(request: SubmitCodeRequest): Promise<StepResult>;
  /** Acquires a token and reports the exact reason on failure, with the fix in plain words. */
  testConnection(signal: AbortSignal): Promise<ConnectionTestView>;
  /** What the agent says to the caller while waiting. */
  script(mode: VerificationMode): string;
}

/** Everything a provider instance receives; it reaches for nothing else. */
export interface ProviderDeps {
  http: HttpClient;
  clock: Clock;
  logger: Logger;
  /** Reads the profile's secret from the keychain at the moment it is needed; null when none is set. */
  readSecret: () => Promise<string | null>;
}
