/**
 * Rows of the request log of earlier versions (plain, unprotected SQLite rows) are moved into the trail
 * once, marked as imported: the trail vouches that they have not changed since the import, not before.
 */
import type { Database } from '../db/database.js';
import { eventForOutcome, eventForRecord, eventForStart } from './events.js';
import type { AuditTrail } from './trail.js';

interface LegacyRow {
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

const PROVIDER_ACTIONS = new Set(['verify.push', 'verify.otp', 'verify.code', 'verify.methods', 'connection.test']);

/** Imports and drops the legacy table, in one transaction; returns how many rows moved. */
export function importLegacyLog(db: Database, trail: AuditTrail): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'request_log_legacy'").get();
  if (!exists) return 0;
  const rows = db.prepare<[], LegacyRow>('SELECT * FROM request_log_legacy ORDER BY started_at, rowid').all();
  db.transaction(() => {
    for (const row of rows) {
      let refs: Record<string, string> = {};
      try {
        refs = JSON.parse(row.refs) as Record<string, string>;
      } catch {
        refs = {};
      }
      const request = PROVIDER_ACTIONS.has(row.action);
      trail.append({
        event: request ? eventForStart() : eventForRecord(row.action),
        action: row.action,
        outcome: request ? 'started' : row.outcome,
        reasonCode: request ? null : row.outcome_code,
        operator: row.operator,
        target: row.target,
        targetCanonical: row.target_canonical,
        profileId: row.profile_id,
        profileName: row.profile_name,
        provider: row.provider_kind,
        reason: row.reason,
        ticket: row.ticket,
        refs,
        detail: request ? null : row.detail,
        sandbox: row.sandbox === 1,
        data: { imported: true, legacyId: row.id, startedAt: row.started_at, endedAt: row.ended_at },
      });
      if (!request) continue;
      const link = trail.head().seq;
      trail.append({
        event: eventForOutcome(row.action, row.outcome),
        action: row.action,
        outcome: row.outcome === 'pending' ? 'interrupted' : row.outcome,
        reasonCode: row.outcome_code,
        operator: row.operator,
        target: row.target,
        targetCanonical: row.target_canonical,
        profileId: row.profile_id,
        profileName: row.profile_name,
        provider: row.provider_kind,
        reason: row.reason,
        ticket: row.ticket,
        refs,
        detail: row.detail,
        sandbox: row.sandbox === 1,
        link,
        data: { imported: true, legacyId: row.id, endedAt: row.ended_at },
      });
    }
    db.exec('DROP TABLE request_log_legacy');
  })();
  return rows.length;
}
