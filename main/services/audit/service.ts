/**
 * The audit service: assembles the trail, its journal and retrying recorder, the push-limit index, the
 * integrity checker and the request log, in the order that keeps start-up safe: keys and trail first,
 * legacy rows imported, left-over journal entries replayed, interrupted requests closed, then the check.
 */
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { createRequestLog, processAlive, type RequestLog } from '../db/request-log.js';
import type { Logger } from '../log.js';
import type { SecretStore } from '../secrets.js';
import { createIntegrity, type IntegrityService } from './integrity.js';
import { openJournal, type Journal } from './journal.js';
import { keychainSealStore, type SealStore } from './keys.js';
import { importLegacyLog } from './legacy.js';
import { createPolicyLedger, type PolicyLedger } from '../policy/ledger.js';
import { createLimitIndex, type LimitIndex } from './limit-index.js';
import { createAuditQueries, type AuditQueries } from './query.js';
import { createRecorder, type AuditRecorder } from './recorder.js';
import { openTrail, type AuditTrail, type TrailOptions } from './trail.js';

export interface AuditDeps {
  db: Database;
  dataDir: string;
  databasePath: string;
  secrets: SecretStore;
  clock: Clock;
  logger: Logger;
  /** Who the app's own entries (start, checkpoints) name: the OS account. */
  operator: string;
  /** The operator of each request and change, when it can change while the app runs (sign-in). */
  operatorNow?: () => string;
  appVersion: string;
  deviceId: string;
  /** Problems SQLite's own check found when the database was opened. */
  damage?: string[];
  trail?: TrailOptions;
  /** First retry delay for writes the database refused. */
  retryMs?: number;
  /** How long start-up waits for the first integrity check before going on (it then finishes in the background). */
  startupCheckWaitMs?: number;
  /** Tests replace the keychain store. */
  seals?: SealStore;
  isAlive?: (pid: number) => boolean;
}

export interface AuditService {
  db: Database;
  trail: AuditTrail;
  recorder: AuditRecorder;
  integrity: IntegrityService;
  log: RequestLog;
  queries: AuditQueries;
  journal: Journal;
  /** Counts for the push and lookup limits (verified entries and this process's own). */
  limits: LimitIndex;
  /** Locks and verification tokens (verified entries and this process's own). */
  ledger: PolicyLedger;
  /** Requests left open by an earlier run and now closed as interrupted. */
  interrupted: number;
  close(): Promise<void>;
}

/** A journal that keeps nothing, when the real one cannot be opened (the recorder still retries from memory). */
const noJournal = (path: string): Journal => ({ path, save: () => false, read: () => [], close: () => undefined });

export async function openAudit(deps: AuditDeps): Promise<AuditService> {
  const { db, clock, logger } = deps;
  const trail = await openTrail({
    db,
    seals: deps.seals ?? keychainSealStore(deps.secrets),
    clock,
    source: { operator: deps.operator, appVersion: deps.appVersion, deviceId: deps.deviceId },
    ...(deps.trail ? { options: deps.trail } : {}),
  });
  let journal: Journal;
  try {
    journal = openJournal(deps.dataDir);
  } catch (error) {
    logger.log('error', 'audit_journal_unavailable', { error: error instanceof Error ? error.message : 'unknown' });
    journal = noJournal(deps.dataDir);
  }
  const limits = createLimitIndex(() => clock.now());
  const ledger = createPolicyLedger(() => clock.now());
  trail.onAppend((_seq, values) => {
    limits.add(values);
    ledger.add(values);
  });
  const closeMark = db.prepare('DELETE FROM audit_open WHERE seq = ?');
  let onRecorderChange = (): void => undefined;
  const recorder = createRecorder({
    trail,
    journal,
    clock,
    logger,
    ...(deps.retryMs !== undefined ? { retryMs: deps.retryMs } : {}),
    onChange: () => onRecorderChange(),
    inTransactionFor: (key) => (key === undefined ? undefined : () => void closeMark.run(Number(key))),
    beforeRetry: () => trail.refresh(),
  });
  const integrity = createIntegrity({
    db,
    trail,
    recorder,
    logger,
    databasePath: deps.databasePath,
    damage: deps.damage ?? [],
    onVerified: (values) => {
      limits.add(values);
      ledger.add(values);
    },
    now: () => clock.now(),
  });
  onRecorderChange = () => integrity.refresh();
  const log = createRequestLog({
    db,
    trail,
    recorder,
    limits,
    operator: deps.operatorNow ?? deps.operator,
    gate: () => integrity.gate(),
    ...(deps.isAlive ? { isAlive: deps.isAlive } : { isAlive: processAlive }),
  });

  const imported = importLegacyLog(db, trail);
  if (imported > 0) logger.log('info', 'audit_legacy_imported', { rows: imported });
  const hasOutcome = db.prepare<[number], { seq: number }>('SELECT seq FROM audit_log WHERE link = ? LIMIT 1');
  const hasJournalId = db.prepare<[number, string], { seq: number }>(
    "SELECT seq FROM audit_log WHERE ts >= ? AND data LIKE ? ESCAPE '\\' LIMIT 1",
  );
  const replayed = recorder.replay((record) =>
    record.key !== undefined
      ? hasOutcome.get(Number(record.key)) !== undefined
      : hasJournalId.get(record.occurredAt, `%"journalId":"${record.id}"%`) !== undefined,
  );
  if (replayed > 0) logger.log('warn', 'audit_journal_replayed', { entries: replayed });
  const interrupted = log.closeInterrupted();

  const first = integrity.check('startup');
  const waited = new AbortController();
  await Promise.race([first, clock.sleep(deps.startupCheckWaitMs ?? 1500, waited.signal).catch(() => undefined)]);
  waited.abort();

  return {
    db,
    trail,
    recorder,
    integrity,
    log,
    queries: createAuditQueries(db),
    journal,
    limits,
    ledger,
    interrupted,
    async close() {
      await first.catch(() => undefined);
      recorder.flush();
      recorder.close();
      await trail.close();
      journal.close();
    },
  };
}
