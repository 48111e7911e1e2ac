/**
 * The trail's integrity as the app acts on it. A check runs at start-up and on demand and is itself an
 * audit event. While the trail is broken (and not acknowledged by an administrator), still being checked,
 * damaged, or has entries waiting to be saved, new provider requests are refused: a request the log cannot
 * vouch for must not be sent.
 */
import type { IntegrityProblem, IntegrityState, IntegrityView } from '../../../contract/audit.js';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import type { RowValues } from './entry.js';
import type { AuditRecorder } from './recorder.js';
import type { AuditTrail } from './trail.js';
import { verifyDatabase } from './verify-db.js';
import type { VerifyResult } from './verify.js';

export interface IntegrityService {
  view(): IntegrityView;
  /** Verifies the whole trail and records the check. */
  check(trigger: 'startup' | 'manual' | 'detected'): Promise<IntegrityView>;
  /** Records an administrator's acknowledgement of the current problems; requests resume. */
  acknowledge(operator: string, note: string): IntegrityView;
  /** Throws an `audit_blocked` AppError when provider requests are not allowed, saying why and what to do. */
  gate(): void;
  onChange(listener: () => void): () => void;
  /** Tells listeners the view changed (writes queued or landed). */
  refresh(): void;
}

export interface IntegrityDeps {
  db: Database;
  trail: AuditTrail;
  recorder: AuditRecorder;
  logger: Logger;
  databasePath: string;
  /** Problems SQLite's own check found at start-up (the file is damaged). */
  damage: string[];
  onVerified(values: RowValues): void;
  now(): number;
}

const SHOWN = 20;

export function createIntegrity(deps: IntegrityDeps): IntegrityService {
  let result: VerifyResult | null = null;
  let checking = false;
  let progress = 0;
  let checkedAt: number | null = null;
  let runtimeProblems: IntegrityProblem[] = [];
  let running: Promise<IntegrityView> | null = null;
  const listeners = new Set<() => void>();
  const changed = (): void => listeners.forEach((listener) => listener());

  // Noticed by the writer itself: refuse at once, then run a full check so the finding is recorded.
  deps.trail.onTamper((problem) => {
    runtimeProblems = [...runtimeProblems, problem];
    changed();
    void service.check('detected');
  });

  const unacknowledged = (): IntegrityProblem[] => [...(result?.unacknowledged ?? []), ...runtimeProblems];

  const state = (): IntegrityState => {
    if (deps.damage.length > 0) return 'damaged';
    if (result === null) return 'checking';
    if (unacknowledged().length > 0) return 'broken';
    if ((result.problems.length ?? 0) > 0) return 'acknowledged';
    return 'ok';
  };

  const message = (current: IntegrityState): string => {
    const pending = deps.recorder.pending();
    const first = unacknowledged()[0];
    const base =
      current === 'damaged'
        ? `The database file is damaged: ${deps.damage[0] ?? ''}. File: ${deps.databasePath}. Quit the app, keep a copy of the file, and restore it from a backup.`
        : current === 'checking'
          ? `The audit log is being checked (${Math.round(progress * 100)}%). Requests can be sent once it is done.`
          : current === 'broken'
            ? `The audit log failed its integrity check at entry ${first?.seq ?? '?'}: ${first?.problem ?? ''} New requests to identity providers are paused until an administrator reviews and acknowledges this.`
            : current === 'acknowledged'
              ? 'Integrity problems were found and acknowledged by an administrator; entries since then verify.'
              : 'Every entry verifies: MACs, chain, sequence, key epochs and signed checkpoints.';
    return pending > 0 ? `${pending} audit ${pending === 1 ? 'entry has' : 'entries have'} not been saved yet (the disk may be full); they are being retried. ${base}` : base;
  };

  const service: IntegrityService = {
    view() {
      const current = state();
      const pending = deps.recorder.pending();
      const checkpoint = deps.trail.lastCheckpoint();
      const problems = [...(result?.problems ?? []), ...runtimeProblems];
      return {
        state: current,
        message: message(current),
        requestsAllowed: (current === 'ok' || current === 'acknowledged') && pending === 0,
        checkedAt: checkedAt === null ? null : new Date(checkedAt).toISOString(),
        progress: checking ? progress : 1,
        entriesChecked: result?.entries ?? 0,
        firstBad: unacknowledged()[0] ?? problems[0] ?? null,
        problems: problems.slice(0, SHOWN),
        warnings: (result?.warnings ?? []).slice(0, SHOWN),
        headSeq: deps.trail.head().seq,
        lastCheckpoint: checkpoint ? { seq: checkpoint.seq, time: new Date(checkpoint.ts).toISOString() } : null,
        rootFingerprint: result?.rootFingerprint ?? deps.trail.rootFingerprint,
        pendingWrites: pending,
        databasePath: deps.databasePath,
      };
    },
    check(trigger) {
      if (running) return running;
      checking = true;
      progress = 0;
      changed();
      const run = verifyDatabase(deps.db, {
        onVerified: deps.onVerified,
        onProgress: (done, total) => {
          progress = total > 0 ? Math.min(1, done / total) : 1;
        },
        context: () => ({ openKey: deps.trail.openEpoch(), writerHeadSeq: deps.trail.head().seq }),
      }).then((found) => {
        result = found;
        runtimeProblems = [];
        checkedAt = deps.now();
        checking = false;
        deps.recorder.write({
          event: 'sys_audit_verify',
          action: 'audit.verify',
          outcome: found.ok ? 'success' : 'failure',
          reasonCode: trigger,
          detail: found.ok ? `${found.entries} entries verify.` : `First bad entry ${found.firstBad?.seq}: ${found.firstBad?.problem}`,
          data: {
            entries: found.entries,
            firstSeq: found.firstSeq,
            lastSeq: found.lastSeq,
            problems: found.problems.slice(0, SHOWN),
            problemCount: found.problems.length,
            unacknowledged: found.unacknowledged.length,
            warnings: found.warnings.slice(0, SHOWN),
          },
        });
        if (!found.ok) deps.logger.log('error', 'audit_integrity_failed', { firstBad: found.firstBad?.seq, problems: found.problems.length });
        running = null;
        changed();
        return service.view();
      });
      running = run;
      return run;
    },
    acknowledge(operator, note) {
      const open = unacknowledged();
      if (open.length === 0) return service.view();
      deps.recorder.write({
        event: 'authz_admin',
        action: 'audit.acknowledge',
        outcome: 'success',
        operator,
        detail: note,
        data: { headSeq: deps.trail.head().seq, problems: open.slice(0, 200), more: Math.max(0, open.length - 200) },
      });
      if (result) result = { ...result, unacknowledged: [] };
      runtimeProblems = [];
      changed();
      return service.view();
    },
    gate() {
      const view = service.view();
      if (!view.requestsAllowed) throw new AppError('audit_blocked', `Nothing was sent. ${view.message}`);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh: changed,
  };
  return service;
}
