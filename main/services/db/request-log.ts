/**
 * The request log: one row per request that reaches a provider or changes configuration, written before
 * the request is sent and completed with its outcome. Holds no secrets, tokens, codes or raw bodies — the
 * typed entry fields below are the only way in.
 */
import { randomUUID } from 'node:crypto';
import type { AuditRow } from '../../../contract/domain.js';
import type { Clock } from '../clock.js';
import type { Database } from './database.js';
import { singleLine } from '../text.js';

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
  reason?: string | null;
  ticket?: string | null;
  refs?: Record<string, string>;
}

export interface LogEntryEnd {
  outcome: string;
  outcomeCode?: string | null;
  detail?: string | null;
  refs?: Record<string, string>;
}

export interface RequestLog {
  /** Records the start of a request (outcome `pending`); returns the row id. */
  begin(entry: LogEntryStart): string;
  /** Completes a row once; a second call is ignored so a late provider answer cannot rewrite an outcome. */
  finish(id: string, end: LogEntryEnd): void;
  /** begin + finish for instantaneous actions (configuration changes). */
  record(entry: LogEntryStart, end: LogEntryEnd): string;
  list(query?: { search?: string; limit?: number }): AuditRow[];
  /** Verifications (push or code) started since `sinceIso`: by this operator, and of the canonical target. */
  recentVerifications(targetCanonical: string, sinceIso: string): { forTarget: number; byOperator: number };
  /** Marks rows left pending by a crash or kill as interrupted; returns how many. */
  closeInterrupted(): number;
}

interface Row {
  id: string;
  started_at: string;
  ended_at: string | null;
  operator: string;
  action: string;
  target: string | null;
  target_canonical: string | null;
  sandbox: number;
  profile_id: string | null;
  profile_name: string | null;
  provider_kind: string | null;
  reason: string | null;
  ticket: string | null;
  outcome: string;
  outcome_code: string | null;
  detail: string | null;
  refs: string;
}

const clean = (value: string | null | undefined, max = 500): string | null =>
  value == null ? null : singleLine(value, max);

export function createRequestLog(db: Database, clock: Clock, operator: string): RequestLog {
  const insert = db.prepare(`INSERT INTO request_log
    (id, started_at, operator, action, target, target_canonical, sandbox, profile_id, profile_name, provider_kind, reason, ticket, outcome, refs)
    VALUES (@id, @startedAt, @operator, @action, @target, @targetCanonical, @sandbox, @profileId, @profileName, @providerKind, @reason, @ticket, 'pending', @refs)`);
  const selectRefs = db.prepare<[string], { refs: string }>('SELECT refs FROM request_log WHERE id = ?');
  const update = db.prepare(`UPDATE request_log SET ended_at = @endedAt, outcome = @outcome,
    outcome_code = @outcomeCode, detail = @detail, refs = @refs WHERE id = @id AND ended_at IS NULL`);
  const now = (): string => new Date(clock.now()).toISOString();

  const log: RequestLog = {
    begin(entry) {
      const id = randomUUID();
      insert.run({
        id,
        startedAt: now(),
        operator: clean(operator, 200),
        action: entry.action,
        target: clean(entry.target, 256),
        targetCanonical: clean(entry.targetCanonical, 256),
        sandbox: entry.sandbox ? 1 : 0,
        profileId: entry.profileId ?? null,
        profileName: clean(entry.profileName, 80),
        providerKind: entry.providerKind ?? null,
        reason: clean(entry.reason),
        ticket: clean(entry.ticket, 64),
        refs: JSON.stringify(entry.refs ?? {}),
      });
      return id;
    },
    finish(id, end) {
      const existing = selectRefs.get(id);
      const refs = { ...(existing ? (JSON.parse(existing.refs) as Record<string, string>) : {}), ...end.refs };
      update.run({
        id,
        endedAt: now(),
        outcome: end.outcome,
        outcomeCode: clean(end.outcomeCode, 100),
        detail: clean(end.detail),
        refs: JSON.stringify(refs),
      });
    },
    record(entry, end) {
      const id = log.begin(entry);
      log.finish(id, end);
      return id;
    },
    list(query = {}) {
      const limit = Math.min(Math.max(query.limit ?? 200, 1), 500);
      const search = query.search?.trim();
      const rows = search
        ? db
            .prepare<[string, number], Row>(
              `SELECT * FROM request_log WHERE
                 (IFNULL(target,'') || ' ' || operator || ' ' || action || ' ' || outcome || ' ' || IFNULL(outcome_code,'') || ' ' ||
                  IFNULL(reason,'') || ' ' || IFNULL(ticket,'') || ' ' || IFNULL(profile_name,'') || ' ' || IFNULL(detail,'') || ' ' || refs)
                 LIKE ? ESCAPE '\\' ORDER BY started_at DESC, rowid DESC LIMIT ?`,
            )
            .all(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit)
        : db.prepare<[number], Row>('SELECT * FROM request_log ORDER BY started_at DESC, rowid DESC LIMIT ?').all(limit);
      return rows.map(toAuditRow);
    },
    recentVerifications(targetCanonical, sinceIso) {
      const row = db
        .prepare<[string, string, string], { forTarget: number; byOperator: number }>(
          `SELECT
             COALESCE(SUM(CASE WHEN target_canonical = ? THEN 1 ELSE 0 END), 0) AS forTarget,
             COALESCE(SUM(CASE WHEN operator = ? THEN 1 ELSE 0 END), 0) AS byOperator
           FROM request_log WHERE action IN ('verify.push', 'verify.otp') AND started_at >= ?`,
        )
        .get(targetCanonical, operator, sinceIso);
      return row ?? { forTarget: 0, byOperator: 0 };
    },
    closeInterrupted() {
      return db
        .prepare(
          `UPDATE request_log SET outcome = 'interrupted', ended_at = ?, detail = 'The app stopped before an answer arrived.'
           WHERE ended_at IS NULL`,
        )
        .run(now()).changes;
    },
  };
  return log;
}

function toAuditRow(row: Row): AuditRow {
  return {
    id: row.id,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    operator: row.operator,
    action: row.action,
    target: row.target,
    targetCanonical: row.target_canonical,
    sandbox: row.sandbox === 1,
    profileId: row.profile_id,
    profileName: row.profile_name,
    providerKind: row.provider_kind,
    reason: row.reason,
    ticket: row.ticket,
    outcome: row.outcome,
    outcomeCode: row.outcome_code,
    detail: row.detail,
    refs: JSON.parse(row.refs) as Record<string, string>,
  };
}
