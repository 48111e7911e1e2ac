/**
 * The request log as services use it (begin → finish, record, list, limits), on top of the append-only
 * audit trail: `begin` appends the request's entry (committed before anything is sent), `finish` appends a
 * new entry linked to it, never an update. Holds no secrets, tokens, codes or raw bodies: the typed entry
 * fields below are the only way in.
 */
import type { AuditEvent } from '../../../contract/audit.js';
import type { AuditRow } from '../../../contract/domain.js';
import type { AuditInput } from '../audit/entry.js';
import { eventForOutcome, eventForRecord, eventForStart, isChangeAction } from '../audit/events.js';
import type { LimitIndex } from '../audit/limit-index.js';
import type { AuditRecorder } from '../audit/recorder.js';
import type { AuditTrail } from '../audit/trail.js';
import type { Database } from './database.js';

/** A row that cannot be read is not claimed to be a sandbox row. */
const UNREADABLE_SANDBOX_FLAG = false;

export interface LogEntryStart {
  action: string;
  /** The account as the agent typed it. */
  target?: string | null;
  /** The account as the provider canonicalised it; limits and searches compare this form. */
  targetCanonical?: string | null;
  /** The request went to a simulator, not a real provider. */
  sandbox?: boolean;
  profileId?: string | null;
  profileName?: string | null;
  providerKind?: string | null;
  /** Host of the provider endpoint the request goes to. */
  endpointHost?: string | null;
  /** push, otp, sms, voice, … */
  method?: string | null;
  reason?: string | null;
  ticket?: string | null;
  refs?: Record<string, string>;
  /** Overrides the event type the action maps to (audit/events.ts). */
  event?: AuditEvent;
  data?: Record<string, unknown> | null;
}

export interface LogEntryEnd {
  outcome: string;
  outcomeCode?: string | null;
  detail?: string | null;
  refs?: Record<string, string>;
  data?: Record<string, unknown> | null;
}

export interface RequestLog {
  /** Records the start of a request before it is sent; returns its id. Throws (nothing may be sent) when it cannot. */
  begin(entry: LogEntryStart): string;
  /**
   * Records the outcome as a new entry linked to the request, once; a second call is ignored so a late
   * provider answer cannot add another. False when the entry could not be written yet (it is retried).
   */
  /**
   * `strict`: append now or throw, never queue for a later retry. For configuration changes, which are undone
   * when their entry cannot be completed (a queued "success" landing after the undo would be false).
   */
  finish(id: string, end: LogEntryEnd, options?: { strict?: boolean }): boolean;
  /** One entry for an instantaneous action (configuration changes). */
  record(entry: LogEntryStart, end: LogEntryEnd): string;
  /** Requests and changes, newest first, each with its outcome folded in. */
  list(query?: { search?: string; limit?: number }): AuditRow[];
  /** Verifications (push or code) started since `sinceIso`: by this operator, and of the canonical target. */
  recentVerifications(targetCanonical: string, sinceIso: string): { forTarget: number; byOperator: number };
  /** Closes requests left open by this runtime's earlier runs or by processes that are gone; returns how many. */
  closeInterrupted(): number;
  /** Called when a finish that could not be written at first has landed. */
  onRecorded(listener: (id: string) => void): () => void;
  /** Appends any event (policy decisions, enrollment steps…); queued and retried like an outcome. */
  append(input: AuditInput): boolean;
  /**
   * Appends the decision that lets a request go ahead: only while provider requests are allowed, and now or
   * not at all (never queued), so no request goes out on a decision the log does not hold. Throws otherwise.
   */
  decide(input: AuditInput): void;
}

export interface RequestLogDeps {
  db: Database;
  trail: AuditTrail;
  recorder: AuditRecorder;
  limits: LimitIndex;
  /** The operator now (a sign-in can change who it is while the app runs). */
  operator: string | (() => string);
  /** Throws an AppError when provider requests are not allowed (integrity broken, writes failing). */
  gate?: () => void;
  /** Whether a process is still running (closeInterrupted leaves live processes' requests alone). */
  isAlive?: (pid: number) => boolean;
}

interface ListRow {
  seq: number;
  ts: number;
  operator: string;
  action: string;
  target: string | null;
  target_canonical: string | null;
  sandbox: number;
  profile_id: string | null;
  profile_name: string | null;
  provider: string | null;
  reason: string | null;
  ticket: string | null;
  outcome: string;
  reason_code: string | null;
  detail: string | null;
  refs: string;
  o_ts: number | null;
  o_outcome: string | null;
  o_code: string | null;
  o_detail: string | null;
  o_refs: string | null;
}

/** True when a process with this id exists (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function createRequestLog(deps: RequestLogDeps): RequestLog {
  const { db, trail, recorder } = deps;
  const isAlive = deps.isAlive ?? processAlive;
  const operator = typeof deps.operator === 'string' ? () => deps.operator as string : deps.operator;
  const openMark = db.prepare('INSERT INTO audit_open (seq, instance, pid) VALUES (?, ?, ?)');
  const closeMark = db.prepare('DELETE FROM audit_open WHERE seq = ?');
  const startRow = db.prepare<[number], Record<string, unknown>>('SELECT * FROM audit_log WHERE seq = ?');
  const hasOutcome = db.prepare<[number], { seq: number }>('SELECT seq FROM audit_log WHERE link = ? LIMIT 1');
  const starts = new Map<string, AuditInput>();
  const finished = new Set<string>();
  const recordedListeners = new Set<(id: string) => void>();

  recorder.onLanded((key) => {
    if (key === undefined) return;
    for (const listener of recordedListeners) listener(key);
  });

  const toInput = (entry: LogEntryStart, event: AuditEvent, outcome: string): AuditInput => ({
    event,
    action: entry.action,
    outcome,
    operator: operator(),
    target: entry.target ?? null,
    targetCanonical: entry.targetCanonical ?? null,
    profileId: entry.profileId ?? null,
    profileName: entry.profileName ?? null,
    provider: entry.providerKind ?? null,
    endpointHost: entry.endpointHost ?? null,
    method: entry.method ?? null,
    reason: entry.reason ?? null,
    ticket: entry.ticket ?? null,
    refs: entry.refs ?? {},
    data: entry.data ?? null,
    sandbox: entry.sandbox === true,
  });

  // The request's own fields, so each outcome entry stands on its own (a SIEM sees complete events).
  const startOf = (id: string): AuditInput | null => {
    const known = starts.get(id);
    if (known) return known;
    const row = startRow.get(Number(id));
    if (!row) return null;
    return {
      event: row.event as AuditEvent,
      action: row.action as string,
      outcome: row.outcome as string,
      operator: row.operator as string,
      target: row.target as string | null,
      targetCanonical: row.target_canonical as string | null,
      profileId: row.profile_id as string | null,
      profileName: row.profile_name as string | null,
      provider: row.provider as string | null,
      endpointHost: row.endpoint_host as string | null,
      method: row.method as string | null,
      reason: row.reason as string | null,
      ticket: row.ticket as string | null,
      refs: JSON.parse(row.refs as string) as Record<string, string>,
      sandbox: row.sandbox === 1,
    };
  };

  const outcomeInput = (id: string, end: LogEntryEnd): AuditInput | null => {
    const start = startOf(id);
    if (!start) return null;
    return {
      ...start,
      event: eventForOutcome(start.action, end.outcome),
      outcome: end.outcome,
      reasonCode: end.outcomeCode ?? null,
      detail: end.detail ?? null,
      refs: { ...start.refs, ...end.refs },
      data: end.data ?? null,
      link: Number(id),
    };
  };

  const log: RequestLog = {
    begin(entry) {
      // The integrity gate holds back requests to providers; configuration changes stay possible (and logged).
      if (!isChangeAction(entry.action)) deps.gate?.();
      const input = toInput(entry, entry.event ?? eventForStart(entry.action), 'started');
      const seq = trail.append(input, (at) => void openMark.run(at, trail.source.instance, trail.source.pid));
      const id = String(seq);
      starts.set(id, input);
      return id;
    },
    finish(id, end, options = {}) {
      if (finished.has(id)) return true;
      const input = outcomeInput(id, end);
      if (!input) return true;
      const close = (seq: number): void => void closeMark.run(input.link ?? seq);
      if (options.strict) {
        // In order or not at all: entries already waiting to be saved come first.
        if (recorder.pending() > 0) throw new Error('earlier audit entries are still waiting to be saved');
        trail.append(input, close);
      } else if (!recorder.write(input, { key: id, inTransaction: close }).recorded) {
        finished.add(id);
        starts.delete(id);
        return false;
      }
      finished.add(id);
      starts.delete(id);
      return true;
    },
    record(entry, end) {
      const input: AuditInput = {
        ...toInput(entry, entry.event ?? eventForRecord(entry.action), end.outcome),
        reasonCode: end.outcomeCode ?? null,
        detail: end.detail ?? null,
        refs: { ...entry.refs, ...end.refs },
        data: end.data ?? entry.data ?? null,
      };
      const result = recorder.write(input);
      return result.recorded ? String(result.seq) : '';
    },
    list(query = {}) {
      const limit = Math.min(Math.max(query.limit ?? 200, 1), 500);
      const search = query.search?.trim();
      // An allowed policy decision precedes each request; the request's own row says it went ahead.
      const base = `SELECT s.seq, s.ts, s.operator, s.action, s.target, s.target_canonical, s.sandbox, s.profile_id, s.profile_name,
          s.provider, s.reason, s.ticket, s.outcome, s.reason_code, s.detail, s.refs,
          o.ts AS o_ts, o.outcome AS o_outcome, o.reason_code AS o_code, o.detail AS o_detail, o.refs AS o_refs
        FROM audit_log s LEFT JOIN audit_log o ON o.seq = (SELECT MIN(seq) FROM audit_log WHERE link = s.seq)
        WHERE s.link IS NULL AND s.event NOT LIKE 'sys\\_%' ESCAPE '\\' AND NOT (s.event = 'policy_decision' AND s.outcome = 'allowed')`;
      const rows = search
        ? db
            .prepare<[string, number], ListRow>(
              `${base} AND (IFNULL(s.target,'') || ' ' || s.operator || ' ' || s.action || ' ' || s.outcome || ' ' ||
                 IFNULL(o.outcome,'') || ' ' || IFNULL(s.reason_code,'') || ' ' || IFNULL(o.reason_code,'') || ' ' ||
                 IFNULL(s.reason,'') || ' ' || IFNULL(s.ticket,'') || ' ' || IFNULL(s.profile_name,'') || ' ' ||
                 IFNULL(s.detail,'') || ' ' || IFNULL(o.detail,'') || ' ' || s.refs || ' ' || IFNULL(o.refs,''))
                LIKE ? ESCAPE '\\' ORDER BY s.seq DESC LIMIT ?`,
            )
            .all(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit)
        : db.prepare<[number], ListRow>(`${base} ORDER BY s.seq DESC LIMIT ?`).all(limit);
      return rows.flatMap((row) => {
        try {
          return [toAuditRow(row)];
        } catch {
          return [damagedRow(row.seq)];
        }
      });
    },
    recentVerifications(targetCanonical, sinceIso) {
      return deps.limits.count(targetCanonical, operator(), Date.parse(sinceIso));
    },
    closeInterrupted() {
      const open = db.prepare<[], { seq: number; instance: string; pid: number }>('SELECT seq, instance, pid FROM audit_open ORDER BY seq').all();
      let closed = 0;
      for (const row of open) {
        // Why per process: a second runtime on the same folder (the CLI) must not close the app's live requests.
        if (row.instance === trail.source.instance || (row.pid !== process.pid && isAlive(row.pid))) continue;
        if (hasOutcome.get(row.seq)) {
          closeMark.run(row.seq);
          continue;
        }
        const id = String(row.seq);
        const input = outcomeInput(id, { outcome: 'interrupted', detail: 'The app stopped before an answer arrived.' });
        if (!input) continue;
        finished.add(id);
        recorder.write(input, { key: id, inTransaction: () => void closeMark.run(row.seq) });
        closed += 1;
      }
      return closed;
    },
    onRecorded(listener) {
      recordedListeners.add(listener);
      return () => recordedListeners.delete(listener);
    },
    append(input) {
      return recorder.write({ operator: operator(), ...input }).recorded;
    },
    decide(input) {
      deps.gate?.();
      // In order or not at all: entries already waiting to be saved come first.
      if (recorder.pending() > 0) throw new Error('earlier audit entries are still waiting to be saved');
      trail.append({ operator: operator(), ...input });
    },
  };
  return log;
}

function toAuditRow(row: ListRow): AuditRow {
  const paired = row.outcome === 'started';
  const refs = { ...(JSON.parse(row.refs) as Record<string, string>), ...(row.o_refs ? (JSON.parse(row.o_refs) as Record<string, string>) : {}) };
  return {
    id: String(row.seq),
    startedAt: iso(row.ts),
    endedAt: paired ? (row.o_ts === null ? null : iso(row.o_ts)) : iso(row.ts),
    operator: row.operator,
    action: row.action,
    target: row.target,
    targetCanonical: row.target_canonical,
    sandbox: row.sandbox === 1,
    profileId: row.profile_id,
    profileName: row.profile_name,
    providerKind: row.provider,
    reason: row.reason,
    ticket: row.ticket,
    outcome: paired ? (row.o_outcome ?? 'pending') : row.outcome,
    outcomeCode: paired ? row.o_code : row.reason_code,
    detail: paired ? (row.o_detail ?? row.detail) : row.detail,
    refs,
  };
}

function damagedRow(seq: number): AuditRow {
  return {
    id: String(seq),
    startedAt: '',
    endedAt: null,
    operator: '',
    action: 'damaged',
    target: null,
    targetCanonical: null,
    sandbox: UNREADABLE_SANDBOX_FLAG,
    profileId: null,
    profileName: null,
    providerKind: null,
    reason: null,
    ticket: null,
    outcome: 'error',
    outcomeCode: 'damaged_entry',
    detail: `Entry ${seq} could not be read.`,
    refs: {},
  };
}

