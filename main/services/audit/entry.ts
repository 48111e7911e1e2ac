/**
 * One audit entry: its columns in a fixed order, how free text is cleaned before it is stored, and the
 * MAC that chains it to the entry before. The MAC input is the previous MAC followed by the JSON array of
 * the columns, so the verifier rebuilds it from a row (or an export line) without re-parsing anything.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditEvent } from '../../../contract/audit.js';
import { singleLine, wellFormed } from '../text.js';

/** Every column but `mac`, in MAC order. Never reorder: append a new format version instead. */
export const COLUMNS = [
  'seq', 'epoch', 'ts', 'mono', 'instance', 'pid', 'event', 'action', 'outcome', 'reason_code', 'operator',
  'target', 'target_canonical', 'profile_id', 'profile_name', 'provider', 'endpoint_host', 'method', 'reason',
  'ticket', 'link', 'refs', 'detail', 'data', 'app_version', 'device_id', 'sandbox',
] as const;
export type Column = (typeof COLUMNS)[number];
export type RowValues = (string | number | null)[];

/** Domain separation: a MAC made for anything else can never pass as an audit entry's. */
export const MAC_DOMAIN_TEXT = 'mfa-approver audit entry v1\n';
const MAC_DOMAIN = Buffer.from(MAC_DOMAIN_TEXT);
export const ZERO_MAC = Buffer.alloc(32);

/** What a service says happened. Everything but `event`, `action` and `outcome` is optional. */
export interface AuditInput {
  event: AuditEvent;
  /** The app's own name for it, e.g. `verify.push`, `profile.update`. */
  action: string;
  outcome: string;
  reasonCode?: string | null;
  operator?: string;
  target?: string | null;
  targetCanonical?: string | null;
  profileId?: string | null;
  profileName?: string | null;
  provider?: string | null;
  endpointHost?: string | null;
  method?: string | null;
  reason?: string | null;
  ticket?: string | null;
  /** The entry this one concludes. */
  link?: number | null;
  /** Provider reference ids (ContextId, SessionId, a hash of auth_req_id); never a token or code. */
  refs?: Record<string, string>;
  detail?: string | null;
  data?: Record<string, unknown> | null;
  sandbox?: boolean;
}

/** Where an entry comes from: fixed for a running app. */
export interface EntrySource {
  operator: string;
  instance: string;
  pid: number;
  appVersion: string;
  deviceId: string;
}

/** Keys whose values are dropped whatever a caller passes (second line of defence, as in the app log). */
const forbiddenKey = /secret|token|password|passcode|otp|code_value|assertion|authorization|cookie|body|private/i;
const MAX_DATA = 32_000;

/** Single line, well-formed UTF-16, bounded; null stays null. */
export function cleanText(value: string | null | undefined, max: number): string | null {
  if (value == null) return null;
  return singleLine(wellFormed(value), max);
}

function cleanRefs(refs: Record<string, string> | undefined): string {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(refs ?? {}).slice(0, 20)) {
    const name = key.replace(/[^\w.-]/g, '_').slice(0, 40);
    out[name] = forbiddenKey.test(name) ? '[redacted]' : (cleanText(String(value), 200) ?? '');
  }
  return canonicalize(out) ?? '{}';
}

function scrub(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return wellFormed(value).slice(0, 2000);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean' || value === null) return value;
  if (depth > 6) return '[too deep]';
  if (Array.isArray(value)) return value.slice(0, 200).map((v) => scrub(v, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>).slice(0, 200)) {
      if (v === undefined) continue;
      out[wellFormed(key).slice(0, 80)] = forbiddenKey.test(key) && typeof v === 'string' ? '[redacted]' : scrub(v, depth + 1);
    }
    return out;
  }
  return null;
}

/** RFC 8785 canonical JSON of structured detail, bounded; null when there is none. */
export function cleanData(data: Record<string, unknown> | null | undefined): string | null {
  if (data == null) return null;
  const text = canonicalize(scrub(data, 0)) ?? null;
  if (text === null || text.length <= MAX_DATA) return text;
  return canonicalize({ truncated: true, length: text.length }) ?? null;
}

/** The column values of a new entry (without `mac`), cleaned and bounded. */
export function buildRow(
  input: AuditInput,
  source: EntrySource,
  place: { seq: number; epoch: number; ts: number; mono: number },
): RowValues {
  return [
    place.seq,
    place.epoch,
    place.ts,
    place.mono,
    source.instance,
    source.pid,
    input.event,
    cleanText(input.action, 64) ?? '',
    cleanText(input.outcome, 40) ?? '',
    cleanText(input.reasonCode, 100),
    cleanText(input.operator ?? source.operator, 200) ?? '',
    cleanText(input.target, 256),
    cleanText(input.targetCanonical, 256),
    cleanText(input.profileId, 64),
    cleanText(input.profileName, 80),
    cleanText(input.provider, 40),
    cleanText(input.endpointHost, 260),
    cleanText(input.method, 40),
    cleanText(input.reason, 500),
    cleanText(input.ticket, 64),
    input.link ?? null,
    cleanRefs(input.refs),
    cleanText(input.detail, 1000),
    cleanData(input.data),
    source.appVersion,
    source.deviceId,
    input.sandbox ? 1 : 0,
  ];
}

/** HMAC-SHA-256 of an entry under its epoch key, chained to the previous entry's MAC. */
export function macOf(key: Buffer, prevMac: Buffer, values: RowValues): Buffer {
  return createHmac('sha256', key).update(MAC_DOMAIN).update(prevMac).update(JSON.stringify(values)).digest();
}

/** Constant-time MAC comparison. */
export function sameMac(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Index of a column in a row array. */
export const col = (name: Column): number => COLUMNS.indexOf(name);
