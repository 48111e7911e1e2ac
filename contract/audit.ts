/**
 * The audit trail as every process sees it: the event vocabulary, one entry as shown, the query, the
 * integrity status, export formats and forwarding destinations. Types and zod schemas only.
 */
import { z } from 'zod';
import { boundedId, boundedString } from './bounds.js';

/**
 * Event types. OWASP Logging Vocabulary names where one fits; the rest are extensions in the same
 * `category_action` style (MFA requests and audit integrity have no OWASP name). Adding an event type is one
 * line here; the finer `action` (e.g. `verify.push`) says exactly what happened.
 */
export const auditEvents = [
  // OWASP Logging Vocabulary
  'sys_startup',
  'sys_shutdown',
  'sys_crash',
  /**
   * A request refused: from something other than the app's own window, by the operator's roles, or by the
   * endpoint rules (an unpinned endpoint in a packaged build).
   */
  'authz_fail',
  /** An administrator's action on the audit log itself (acknowledging an integrity break). */
  'authz_admin',
  /** An IPC payload failed the contract's schema. */
  'input_validation_fail',
  /** A verification refused by the push limits. */
  'excess_rate_limit_exceeded',
  /** The operator signed in through the organisation's OpenID provider, or a connection test signed in to a provider (or could not). */
  'authn_login_success',
  'authn_login_fail',
  /** The operator signed out, or their sign-in expired. */
  'session_expired',
  /** A provider or forwarding secret stored in, or removed from, the OS keychain. */
  'authn_token_created',
  'authn_token_delete',
  /** Profiles, app settings, forwarding destinations; retention pruning is a sensitive_delete. */
  'sensitive_create',
  'sensitive_update',
  'sensitive_delete',
  /** A lookup of an account's registered methods; an export of the audit log. */
  'sensitive_read',
  // Extensions
  /** A request that reaches an identity provider (verification, code check, methods lookup, connection test). */
  'authn_mfa_request',
  /** The provider gave an explicit approval. */
  'authn_mfa_success',
  /** A verification ended without approval (denied, fraud, timeout, cancelled, error, interrupted, …). */
  'authn_mfa_fail',
  /** First entry of a trail (or of a new key after the keychain lost the old one). */
  'sys_audit_init',
  /** Signed checkpoint that closes a key epoch. */
  'sys_audit_checkpoint',
  /** An integrity check of the trail and what it found. */
  'sys_audit_verify',
  /** The policy engine allowed or refused a request, and why (rate rules are excess_rate_limit_exceeded). */
  'policy_decision',
  /** An account locked against verifications after a fraud report or repeated denials. */
  'target_locked',
  /** An administrator cleared an account's lock. */
  'target_unlocked',
  /** A verification token was issued for an approval that counts (its SHA-256 only). */
  'verification_token_issued',
  /** A verification token was presented and accepted or refused. */
  'verification_token_checked',
  /** A second operator approved a result (or the approval was refused). */
  'verification_second_approval',
] as const;
export type AuditEvent = (typeof auditEvents)[number];

/** One audit entry as the Audit log screen shows it. Nothing in it is secret. */
export interface AuditEntryView {
  seq: number;
  /** UTC, ISO 8601 with milliseconds. */
  time: string;
  /** Monotonic clock reading (ms) of the writing process. */
  mono: number;
  epoch: number;
  event: string;
  action: string;
  outcome: string;
  reasonCode: string | null;
  operator: string;
  target: string | null;
  targetCanonical: string | null;
  profileId: string | null;
  profileName: string | null;
  provider: string | null;
  endpointHost: string | null;
  method: string | null;
  reason: string | null;
  ticket: string | null;
  /** The entry this one concludes (an outcome names its request). */
  link: number | null;
  refs: Record<string, string>;
  detail: string | null;
  /** Structured detail: a settings diff, a checkpoint, an export's range. */
  data: unknown;
  appVersion: string;
  deviceId: string;
  instance: string;
  pid: number;
  sandbox: boolean;
  /** Hex HMAC of the entry. */
  mac: string;
  /** Set when the stored row could not be read; the other fields are then placeholders. */
  damaged: string | null;
}

export interface AuditPage {
  entries: AuditEntryView[];
  /** Cursor for the next (older) page, or null at the end. */
  next: number | null;
  /** Matching entries; a lower bound when `totalExact` is false. */
  total: number;
  totalExact: boolean;
}

const iso = boundedString(40).datetime({ offset: true, message: 'must be an ISO 8601 date and time' });
const filterText = boundedString(256).trim().min(1, 'must not be empty');

export const auditQuerySchema = z
  .object({
    from: iso.optional(),
    to: iso.optional(),
    operator: filterText.optional(),
    /** Matches the account as typed or as canonicalised. */
    target: filterText.optional(),
    provider: boundedString(40).trim().min(1).optional(),
    event: z.enum(auditEvents).optional(),
    outcome: boundedString(40).trim().min(1).optional(),
    /** Free text over reason, ticket and target (every word must appear, as a word or a word's start). */
    search: boundedString(200).trim().optional(),
    /** Entries with a lower sequence number than this (the previous page's `next`). */
    before: z.number().int().min(1).optional(),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .strict();
export type AuditQuery = z.output<typeof auditQuerySchema>;

export type IntegrityState = 'checking' | 'ok' | 'broken' | 'acknowledged' | 'damaged';

export interface IntegrityProblem {
  /** The first entry the problem concerns. */
  seq: number;
  problem: string;
}

/** What the verifier last found, and whether provider requests are allowed. */
export interface IntegrityView {
  state: IntegrityState;
  /** One or two plain sentences for the screen. */
  message: string;
  /** Provider requests are refused while this is false. */
  requestsAllowed: boolean;
  checkedAt: string | null;
  /** Share of entries checked so far while `checking` (0–1). */
  progress: number;
  entriesChecked: number;
  firstBad: IntegrityProblem | null;
  /** The first few problems and clock warnings (a clock step back is flagged, not a break). */
  problems: IntegrityProblem[];
  warnings: IntegrityProblem[];
  headSeq: number;
  lastCheckpoint: { seq: number; time: string } | null;
  /** SHA-256 of the trail's first signing key: compare it with the one recorded when the app was installed. */
  rootFingerprint: string | null;
  /** Audit writes that failed and are being retried. */
  pendingWrites: number;
  databasePath: string;
}

export const exportFormats = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export interface ExportResult {
  path: string;
  format: ExportFormat;
  entries: number;
  bytes: number;
  sha256: string;
  /** The signed checkpoint the export ends with. */
  checkpointSeq: number;
}

/** An export file or the database, checked offline by the same verifier. */
export interface VerifyReport {
  ok: boolean;
  entries: number;
  firstSeq: number | null;
  lastSeq: number | null;
  firstBad: IntegrityProblem | null;
  problems: IntegrityProblem[];
  warnings: IntegrityProblem[];
  rootFingerprint: string | null;
  lastCheckpoint: { seq: number; time: string } | null;
}

// Forwarding ---------------------------------------------------------------------------------------------

export const forwardKinds = ['syslog-tls', 'webhook', 'splunk-hec'] as const;
export type ForwardKind = (typeof forwardKinds)[number];

const hostSchema = boundedString(253)
  .trim()
  .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:]+\]$/, 'must be a host name or IP address');
const pemSchema = boundedString(20_000)
  .trim()
  .regex(/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/, 'must be one or more PEM certificates');
const httpsUrl = boundedString(300)
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && !url.username && !url.password && !url.search && !url.hash;
    } catch {
      return false;
    }
  }, 'must be an https:// address without a user name or query');

const common = {
  id: boundedId().optional(),
  name: boundedString(80).trim().min(1, 'is required'),
  enabled: z.boolean(),
  /** Extra trusted CA certificates (an internal CA or the receiver's self-signed certificate). */
  caPem: pemSchema.optional(),
};

export const forwardDestinationSchema = z.discriminatedUnion('kind', [
  z
    .object({
      ...common,
      kind: z.literal('syslog-tls'),
      host: hostSchema,
      port: z.number().int().min(1).max(65_535),
      /** TLS server name when it differs from the host (e.g. connecting by IP). */
      serverName: hostSchema.optional(),
    })
    .strict(),
  z.object({ ...common, kind: z.literal('webhook'), url: httpsUrl }).strict(),
  z.object({ ...common, kind: z.literal('splunk-hec'), url: httpsUrl }).strict(),
]);
export type ForwardDestinationInput = z.input<typeof forwardDestinationSchema>;
export type ForwardDestination = z.output<typeof forwardDestinationSchema> & { id: string };

export interface ForwardStatusView {
  destination: ForwardDestination;
  /** Fixed by the managed policy: it cannot be changed or removed here (its token can still be set). */
  managed: boolean;
  secretSet: boolean;
  /** Entries not yet delivered. */
  backlog: number;
  deliveredSeq: number;
  lastError: string | null;
  lastDeliveryAt: string | null;
  nextAttemptAt: string | null;
}

export interface AuditSettingsView {
  /** Entries older than this are pruned (whole signed epochs); null keeps everything. */
  retentionDays: number | null;
  logFolder: string;
  /** The folder can be opened from the app (the desktop app; the browser shell shows the path only). */
  canOpenFolders: boolean;
}

/** PCI DSS 10.5.1 asks for at least a year; fewer than 90 days is refused outright. */
export const retentionDaysSchema = z.number().int().min(90, 'must be at least 90 days').max(36_500).nullable();
