/**
 * The one IPC contract: channel → zod input schema → output type, plus the events main pushes.
 * Main validates against it, preload and the browser bridge expose it as intent methods, the renderer
 * imports its types only.
 */
import { z } from 'zod';
import { releaseInputSchema, type ReleaseDraft } from './approvals.js';
import type { ApprovalsView, LinkView, PublicKeyView, ReceiptDetailView, ReleaseView } from './approvals-view.js';
import {
  auditQuerySchema,
  exportFormats,
  forwardDestinationSchema,
  retentionDaysSchema,
  type AuditEntryView,
  type AuditPage,
  type AuditSettingsView,
  type ExportResult,
  type ForwardStatusView,
  type IntegrityView,
} from './audit.js';
import { boundedId, boundedString } from './bounds.js';
import { profileInputSchema } from './providers/index.js';
import {
  phoneActions,
  verificationDecisions,
  verificationModes,
  type AppInfo,
  type AuditRow,
  type ConnectionTestView,
  type EnrollmentView,
  type MethodsView,
  type ProfileSummary,
  type Result,
  type SecretState,
  type SandboxView,
  type VerificationView,
} from './domain.js';

const id = boundedId();
/**
 * The account being verified, as typed. Only bounded here: each provider checks and canonicalises it with its
 * own rule (contract/providers/<kind>.ts) once the profile is known.
 */
export const subjectSchema = boundedString(512).trim().min(1, 'is required');
const reason = boundedString(500).trim().min(3, 'is required (at least 3 characters)');
const ticket = boundedString(64)
  .trim()
  .min(1, 'is required')
  .regex(/^[\w./#:-]+$/, 'may contain letters, digits and . / # : - _ only');
const secret = boundedString(16_384)
  .min(1, 'is required')
  .refine((value) => value.trim() !== '', 'must not be blank');
/** A user's password, typed by the agent for providers that sign the user in first; sent once, never stored. */
const userPassword = boundedString(256).min(1, 'must not be empty');
/** An authenticator code: Microsoft Authenticator shows 6 digits. */
const authenticatorCode = boundedString(32).trim().regex(/^[0-9]{6}$/, 'must be 6 digits');
/** An otpauth:// URI the simulated phone read from a QR code on screen (sandbox only). */
const scannedUri = boundedString(1024).regex(/^otpauth:\/\//, 'must be an otpauth:// address');
const faultId = boundedString(40).regex(/^[a-z0-9_]+$/, 'must be a fault name');
const mode = z.enum(verificationModes, 'must be push or code read-back');
const stepUpId = z.object({ stepUpId: id }).strict();
/** The approver's password: bounded, sent once to the provider, never stored, logged or returned. */
const password = boundedString(256).min(1, 'is required');
/** What an approver types: an app or texted code (digits) or a recovery code (letters and digits). */
const approverCode = boundedString(64).trim().regex(/^[A-Za-z0-9 -]{4,64}$/, 'must be the digits of the code, or the recovery code');

export const channels = {
  'app:info': { input: z.object({}).strict(), output: {} as AppInfo },

  'profiles:list': { input: z.object({}).strict(), output: {} as ProfileSummary[] },
  'profiles:save': { input: profileInputSchema, output: {} as ProfileSummary },
  'profiles:remove': { input: z.object({ id }).strict(), output: {} as { removed: true } },
  /** Write-only: the secret goes in, only its state ever comes back. */
  'profiles:setSecret': {
    input: z.object({ id, secret }).strict(),
    output: {} as { secret: SecretState },
  },
  'profiles:deleteSecret': { input: z.object({ id }).strict(), output: {} as { secret: SecretState } },
  'profiles:testConnection': { input: z.object({ id }).strict(), output: {} as ConnectionTestView },

  'verify:methods': {
    input: z.object({ profileId: id, subject: subjectSchema }).strict(),
    output: {} as MethodsView,
  },
  'verify:start': {
    input: z
      .object({ profileId: id, subject: subjectSchema, reason, ticket, mode })
      .strict(),
    output: {} as VerificationView,
  },
  'verify:submitCode': {
    input: z
      .object({ verificationId: id, code: boundedString(32).trim().regex(/^[0-9]{6,8}$/, 'must be 6 to 8 digits') })
      .strict(),
    output: {} as VerificationView,
  },
  'verify:cancel': { input: z.object({ verificationId: id }).strict(), output: {} as VerificationView },
  /** Records what the agent did after an outcome that is not an approval (written to the request log). */
  'verify:record': {
    input: z
      .object({ verificationId: id, decision: z.enum(verificationDecisions, 'must be do_not_proceed or escalated') })
      .strict(),
    output: {} as VerificationView,
  },
  'verify:list': { input: z.object({}).strict(), output: {} as VerificationView[] },

  'enroll:start': {
    input: z.object({ profileId: id, subject: subjectSchema, reason, ticket, userPassword: userPassword.optional() }).strict(),
    output: {} as EnrollmentView,
  },
  /** Only on the agent's explicit request; every reveal is recorded in the audit log. */
  'enroll:setupKey': { input: z.object({ enrollmentId: id }).strict(), output: {} as { setupKey: string } },
  'enroll:confirm': { input: z.object({ enrollmentId: id, code: authenticatorCode }).strict(), output: {} as EnrollmentView },
  'enroll:cancel': { input: z.object({ enrollmentId: id }).strict(), output: {} as EnrollmentView },
  'enroll:list': { input: z.object({}).strict(), output: {} as EnrollmentView[] },

  'audit:list': {
    input: z
      .object({
        search: boundedString(200).trim().optional(),
        limit: z.number('must be a number').int('must be a whole number').min(1, 'must be at least 1').max(500, 'must be at most 500').optional(),
      })
      .strict(),
    output: {} as AuditRow[],
  },

  /** The trail itself: pages of entries (filters, word search, cursor), one entry with its linked ones. */
  'audit:query': { input: auditQuerySchema, output: {} as AuditPage },
  'audit:entry': {
    input: z.object({ seq: z.number().int().min(1) }).strict(),
    output: {} as { entry: AuditEntryView; related: AuditEntryView[] },
  },
  'audit:integrity': { input: z.object({}).strict(), output: {} as IntegrityView },
  /** Runs the verifier over every entry now (recorded as an audit event). */
  'audit:verify': { input: z.object({}).strict(), output: {} as IntegrityView },
  /** An administrator acknowledges the current integrity problems, with a note; provider requests resume. */
  'audit:acknowledge': {
    input: z.object({ note: boundedString(500).trim().min(10, 'must say what was checked (at least 10 characters)') }).strict(),
    output: {} as IntegrityView,
  },
  /** Exports the whole trail, sealed by a fresh signed checkpoint; main chooses the file. */
  'audit:export': { input: z.object({ format: z.enum(exportFormats) }).strict(), output: {} as ExportResult | null },
  'audit:settings': { input: z.object({}).strict(), output: {} as AuditSettingsView },
  'audit:setRetention': { input: z.object({ days: retentionDaysSchema }).strict(), output: {} as AuditSettingsView },
  'audit:forwarding': { input: z.object({}).strict(), output: {} as ForwardStatusView[] },
  'audit:saveDestination': { input: forwardDestinationSchema, output: {} as ForwardStatusView },
  'audit:removeDestination': { input: z.object({ id }).strict(), output: {} as { removed: true } },
  /** Write-only, as for profiles: the HEC token or webhook bearer token goes to the keychain. */
  'audit:setDestinationSecret': { input: z.object({ id, secret }).strict(), output: {} as { secretSet: boolean } },
  /** Opens the app log's folder in the OS file manager (desktop app only). */
  'app:openLogFolder': { input: z.object({}).strict(), output: {} as { opened: boolean; path: string } },

  'sandbox:state': { input: z.object({}).strict(), output: {} as SandboxView },
  /** Starts or stops the simulated providers (and their built-in profiles). */
  'sandbox:setEnabled': { input: z.object({ enabled: z.boolean('must be true or false') }).strict(), output: {} as SandboxView },
  'sandbox:respond': {
    input: z.object({ promptId: id, action: z.enum(phoneActions, 'must be approve, deny, fraud or ignore') }).strict(),
    output: {} as SandboxView,
  },
  'sandbox:setFault': { input: z.object({ profileId: id, fault: faultId }).strict(), output: {} as SandboxView },
  /** The simulated phone's authenticator app adds the account a QR code on screen holds (read by a QR decoder). */
  'sandbox:scan': { input: z.object({ uri: scannedUri }).strict(), output: {} as SandboxView },

  'approvals:state': { input: z.object({}).strict(), output: {} as ApprovalsView },
  /** A release to approve: checked, put in canonical form and hashed by main. */
  'approvals:create': { input: releaseInputSchema, output: {} as ReleaseView },
  'approvals:discard': { input: z.object({ releaseId: id }).strict(), output: {} as ReleaseView },
  /** First factor. `hash` is the hash the approver saw; the step-up approves that transaction and no other. */
  'approvals:signIn': {
    input: z
      .object({ releaseId: id, hash: boundedString(64).regex(/^[0-9a-f]{64}$/, 'must be the release hash'), username: boundedString(512).trim().min(1, 'is required'), password })
      .strict(),
    output: {} as ReleaseView,
  },
  'approvals:challenge': { input: z.object({ stepUpId: id, authenticatorId: boundedString(200).min(1, 'is required') }).strict(), output: {} as ReleaseView },
  'approvals:submitCode': { input: z.object({ stepUpId: id, code: approverCode }).strict(), output: {} as ReleaseView },
  'approvals:cancel': { input: stepUpId, output: {} as ReleaseView },
  'approvals:enroll': {
    input: z.discriminatedUnion('kind', [
      z.object({ stepUpId: id, kind: z.literal('otp') }).strict(),
      z.object({ stepUpId: id, kind: z.literal('push') }).strict(),
      z.object({ stepUpId: id, kind: z.literal('sms'), phoneNumber: boundedString(20).trim().regex(/^\+[1-9]\d{6,14}$/, 'must be in international form, such as +4915112345678') }).strict(),
    ]),
    output: {} as ReleaseView,
  },
  /** The OTP setup key as text, only on request while an OTP enrollment waits for its first code. */
  'approvals:setupKey': { input: stepUpId, output: {} as { setupKey: string } },
  /** A new recovery code, answered exactly once. */
  'approvals:takeRecoveryCode': { input: stepUpId, output: {} as { recoveryCode: string } },
  'approvals:ackRecoveryCode': { input: stepUpId, output: {} as ReleaseView },
  /** Signs the receipt again after the keychain refused it the first time. */
  'approvals:signReceipt': { input: z.object({ releaseId: id }).strict(), output: {} as ReleaseView },
  'approvals:receipt': { input: z.object({ id }).strict(), output: {} as ReceiptDetailView },
  'approvals:exportReceipt': { input: z.object({ id }).strict(), output: {} as { path: string | null } },
  'approvals:publicKey': { input: z.object({}).strict(), output: {} as PublicKeyView },
  'approvals:exportPublicKey': { input: z.object({}).strict(), output: {} as { path: string | null } },
  /**
   * A deep link typed or received by the page (the browser shell has no OS protocol handler). Only bounded
   * here; main's strict parser reads it and it only ever pre-fills the form.
   */
  'approvals:openLink': { input: z.object({ url: boundedString(4096) }).strict(), output: {} as LinkView },
  /** A link that arrived before the screen was listening (the app was started by it). */
  'approvals:takeLink': { input: z.object({}).strict(), output: {} as { draft: ReleaseDraft | null } },
} as const;

export type Channel = keyof typeof channels;
export type ChannelInput<C extends Channel> = z.input<(typeof channels)[C]['input']>;
export type ChannelParsed<C extends Channel> = z.output<(typeof channels)[C]['input']>;
export type ChannelOutput<C extends Channel> = (typeof channels)[C]['output'];

/** Events main pushes to the renderer. */
export interface EventPayloads {
  'verification:updated': VerificationView;
  'enrollment:updated': EnrollmentView;
  'sandbox:changed': SandboxView;
  'audit:changed': { at: string };
  'audit:integrity': IntegrityView;
  'approvals:updated': ReleaseView;
  'approvals:link': LinkView;
}
export type EventName = keyof EventPayloads;
export const eventNames: readonly EventName[] = ['verification:updated', 'enrollment:updated', 'sandbox:changed', 'audit:changed', 'audit:integrity', 'approvals:updated', 'approvals:link'];

export const channelNames = Object.keys(channels) as Channel[];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(channels, value);
}

export type { Result };
