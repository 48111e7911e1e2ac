/**
 * The Audit log screen's queries: pages of entries, newest first, by cursor (never OFFSET), with filters
 * on indexed columns and word search through the FTS index. Each row is read on its own, so one damaged
 * row is shown as damaged instead of failing the page.
 */
import type { AuditEntryView, AuditPage, AuditQuery } from '../../../contract/audit.js';
import type { Database } from '../db/database.js';

/** A row that cannot be read is not claimed to be a sandbox row. */
const UNREADABLE_SANDBOX_FLAG = false;

const COUNT_CAP = 10_000;

interface EntryRow {
  seq: number;
  epoch: number;
  ts: number;
  mono: number;
  instance: string;
  pid: number;
  event: string;
  action: string;
  outcome: string;
  reason_code: string | null;
  operator: string;
  target: string | null;
  target_canonical: string | null;
  profile_id: string | null;
  profile_name: string | null;
  provider: string | null;
  endpoint_host: string | null;
  method: string | null;
  reason: string | null;
  ticket: string | null;
  link: number | null;
  refs: string;
  detail: string | null;
  data: string | null;
  app_version: string;
  device_id: string;
  sandbox: number;
  mac: Buffer;
}

/** FTS5 query: every word must appear as a word or the start of one. Quotes make each word a literal. */
export function ftsQuery(search: string): string | null {
  const words = search.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.slice(0, 12) ?? [];
  return words.length === 0 ? null : words.map((word) => `"${word}"*`).join(' AND ');
}

function where(query: AuditQuery): { sql: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  const add = (sql: string, ...values: (string | number)[]): void => {
    parts.push(sql);
    params.push(...values);
  };
  if (query.from) add('ts >= ?', Date.parse(query.from));
  if (query.to) add('ts <= ?', Date.parse(query.to));
  if (query.operator) add('operator = ?', query.operator);
  if (query.target) add('(target_canonical = ? OR target_canonical = ?)', query.target.trim(), query.target.trim().toLowerCase());
  if (query.provider) add('provider = ?', query.provider);
  if (query.event) add('event = ?', query.event);
  if (query.outcome) add('outcome = ?', query.outcome);
  const fts = query.search ? ftsQuery(query.search) : null;
  if (fts) add('seq IN (SELECT rowid FROM audit_fts WHERE audit_fts MATCH ?)', fts);
  return { sql: parts.length > 0 ? parts.join(' AND ') : '1', params };
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** An entry row as the screen shows it. */
export function toEntryView(row: EntryRow): AuditEntryView {
  return {
    seq: row.seq,
    time: new Date(row.ts).toISOString(),
    mono: row.mono,
    epoch: row.epoch,
    event: row.event,
    action: row.action,
    outcome: row.outcome,
    reasonCode: row.reason_code,
    operator: row.operator,
    target: row.target,
    targetCanonical: row.target_canonical,
    profileId: row.profile_id,
    profileName: row.profile_name,
    provider: row.provider,
    endpointHost: row.endpoint_host,
    method: row.method,
    reason: row.reason,
    ticket: row.ticket,
    link: row.link,
    refs: parseJson<Record<string, string>>(row.refs, {}),
    detail: row.detail,
    data: parseJson<unknown>(row.data, null),
    appVersion: row.app_version,
    deviceId: row.device_id,
    instance: row.instance,
    pid: row.pid,
    sandbox: row.sandbox === 1,
    mac: Buffer.isBuffer(row.mac) ? row.mac.toString('hex') : '',
    damaged: null,
  };
}

function damaged(seq: number, why: string): AuditEntryView {
  return {
    seq, time: '', mono: 0, epoch: 0, event: 'damaged', action: 'damaged', outcome: 'error', reasonCode: null, operator: '',
    target: null, targetCanonical: null, profileId: null, profileName: null, provider: null, endpointHost: null, method: null,
    reason: null, ticket: null, link: null, refs: {}, detail: null, data: null, appVersion: '', deviceId: '', instance: '',
    pid: 0, sandbox: UNREADABLE_SANDBOX_FLAG, mac: '', damaged: `Entry ${seq} could not be read (${why.slice(0, 200)}).`,
  };
}

export interface AuditQueries {
  page(query: AuditQuery): AuditPage;
  /** One entry and the entries linked to it (its request, its outcome). */
  entry(seq: number): { entry: AuditEntryView; related: AuditEntryView[] } | null;
}

export function createAuditQueries(db: Database): AuditQueries {
  const one = db.prepare<[number], EntryRow>('SELECT * FROM audit_log WHERE seq = ?');
  const read = (seq: number): AuditEntryView | null => {
    try {
      const row = one.get(seq);
      return row ? toEntryView(row) : null;
    } catch (error) {
      return damaged(seq, error instanceof Error ? error.message : String(error));
    }
  };
  return {
    page(query) {
      const limit = query.limit ?? 100;
      const filter = where(query);
      const cursor = query.before ? ' AND seq < ?' : '';
      const params = query.before ? [...filter.params, query.before] : filter.params;
      const seqs = db
        .prepare<(string | number)[], { seq: number }>(`SELECT seq FROM audit_log WHERE ${filter.sql}${cursor} ORDER BY seq DESC LIMIT ?`)
        .all(...params, limit + 1)
        .map((row) => row.seq);
      const more = seqs.length > limit;
      const shown = seqs.slice(0, limit);
      const entries = shown.flatMap((seq) => read(seq) ?? []);
      let total: number;
      let totalExact = true;
      if (filter.sql === '1') {
        const bounds = db.prepare<[], { lo: number | null; hi: number | null }>('SELECT MIN(seq) lo, MAX(seq) hi FROM audit_log').get();
        total = bounds?.lo != null && bounds.hi != null ? bounds.hi - bounds.lo + 1 : 0;
      } else {
        total = db
          .prepare<(string | number)[], { n: number }>(`SELECT COUNT(*) n FROM (SELECT 1 FROM audit_log WHERE ${filter.sql} LIMIT ${COUNT_CAP + 1})`)
          .get(...filter.params)!.n;
        if (total > COUNT_CAP) {
          total = COUNT_CAP;
          totalExact = false;
        }
      }
      return { entries, next: more ? (shown[shown.length - 1] ?? null) : null, total, totalExact };
    },
    entry(seq) {
      const entry = read(seq);
      if (!entry) return null;
      const linked = db.prepare<[number], { seq: number }>('SELECT seq FROM audit_log WHERE link = ? ORDER BY seq').all(seq).map((r) => r.seq);
      const related = [...(entry.link ? [entry.link] : []), ...linked].flatMap((s) => read(s) ?? []);
      return { entry, related };
    },
  };
}
