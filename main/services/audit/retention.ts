/**
 * Retention: entries older than the configured number of days are removed, whole signed key epochs at a
 * time, and only after a fresh checkpoint. The pruning is itself an audit entry naming what went and the
 * checkpoint the trail now starts from (its signed payload stays in audit_anchors), so the verifier can
 * still check everything that is left. Nothing is pruned while the trail is broken (it is evidence), nor
 * what a forwarding destination has not received yet.
 */
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../log.js';
import type { AuditRecorder } from './recorder.js';
import type { AuditTrail } from './trail.js';

const DAY_MS = 24 * 60 * 60_000;

export interface RetentionDeps {
  db: Database;
  trail: AuditTrail;
  recorder: AuditRecorder;
  clock: Clock;
  logger: Logger;
  retentionDays(): number | null;
  /** Whether the trail currently verifies (or its problems are acknowledged). */
  healthy(): boolean;
  /** Lowest sequence number a forwarding destination has received; null without destinations. */
  forwardedThrough(): number | null;
}

export interface PruneResult {
  pruned: number;
  through: number | null;
  reason: string;
}

/** Prunes what retention allows; safe to call at any time. */
export async function pruneTrail(deps: RetentionDeps): Promise<PruneResult> {
  const days = deps.retentionDays();
  if (days === null) return { pruned: 0, through: null, reason: 'retention keeps everything' };
  if (!deps.healthy()) return { pruned: 0, through: null, reason: 'the trail does not verify; nothing is pruned' };
  const { db, trail, recorder } = deps;
  const cutoff = deps.clock.now() - days * DAY_MS;
  const floor = db.prepare<[], { lo: number | null }>('SELECT MIN(seq) lo FROM audit_log').get()?.lo ?? null;
  if (floor === null) return { pruned: 0, through: null, reason: 'empty' };
  const oldest = db.prepare<[number, number], { seq: number }>('SELECT seq FROM audit_log WHERE seq = ? AND ts < ?').get(floor, cutoff);
  if (!oldest) return { pruned: 0, through: null, reason: 'nothing is old enough' };
  // Why a checkpoint first: everything to be removed, and the anchor kept, must be sealed by a signature.
  await trail.checkpoint('before pruning');
  const forwarded = deps.forwardedThrough();
  const anchor = db
    .prepare<[number, number, number], { seq: number; mac: Buffer }>(
      "SELECT seq, mac FROM audit_anchors WHERE ts < ? AND seq >= ? AND seq <= ? AND json_extract(data, '$.kind') = 'checkpoint' ORDER BY seq DESC LIMIT 1",
    )
    .get(cutoff, floor, forwarded ?? Number.MAX_SAFE_INTEGER);
  if (!anchor) return { pruned: 0, through: null, reason: 'no sealed epoch is old enough (or forwarding has not delivered it yet)' };
  const count = anchor.seq - floor + 1;
  const started = recorder.write({
    event: 'sensitive_delete',
    action: 'audit.prune',
    outcome: 'started',
    operator: 'retention',
    detail: `Removing entries ${floor}–${anchor.seq} (older than ${days} days).`,
    data: { from: floor, through: anchor.seq, count, anchorMac: anchor.mac.toString('hex'), retentionDays: days },
  });
  if (!started.recorded) return { pruned: 0, through: null, reason: 'the pruning could not be recorded, so nothing was removed' };
  db.transaction(() => {
    db.prepare('INSERT INTO audit_prune_marks (through_seq, at) VALUES (?, ?)').run(anchor.seq, deps.clock.now());
    db.prepare('DELETE FROM audit_log WHERE seq <= ?').run(anchor.seq);
  })();
  recorder.write({
    event: 'sensitive_delete',
    action: 'audit.prune',
    outcome: 'success',
    operator: 'retention',
    link: started.seq,
    detail: `Removed ${count} entries; the trail now starts after checkpoint ${anchor.seq}.`,
    data: { from: floor, through: anchor.seq, count },
  });
  deps.logger.log('info', 'audit_pruned', { from: floor, through: anchor.seq, count });
  return { pruned: count, through: anchor.seq, reason: 'pruned' };
}
