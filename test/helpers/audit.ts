/**
 * The request log on its real parts (trail, journal, recorder) over a real SQLite file, for tests that used
 * to build it directly. Keys in memory: these tests are about the log, not the keychain.
 */
import { memorySealStore, type SealStore } from '../../main/services/audit/keys.js';
import { openJournal } from '../../main/services/audit/journal.js';
import { createLimitIndex, type LimitIndex } from '../../main/services/audit/limit-index.js';
import { createPolicyLedger, type PolicyLedger } from '../../main/services/policy/ledger.js';
import { createRecorder } from '../../main/services/audit/recorder.js';
import { openTrail, type AuditTrail } from '../../main/services/audit/trail.js';
import { systemClock } from '../../main/services/clock.js';
import type { Database } from '../../main/services/db/database.js';
import { createRequestLog, type RequestLog } from '../../main/services/db/request-log.js';
import type { Logger } from '../../main/services/log.js';

export interface TestLog {
  log: RequestLog;
  trail: AuditTrail;
  limits: LimitIndex;
  ledger: PolicyLedger;
  seals: SealStore;
  /** Stops retry timers and seals the trail (call before closing the database). */
  close(): Promise<void>;
}

export async function testRequestLog(
  db: Database,
  dir: string,
  operator: string,
  options: { seals?: SealStore; logger?: Logger; retryMs?: number } = {},
): Promise<TestLog> {
  const seals = options.seals ?? memorySealStore();
  const logger = options.logger ?? { log: () => undefined };
  const trail = await openTrail({ db, seals, clock: systemClock, source: { operator, appVersion: '0.0.0-test', deviceId: 'device-test' } });
  const journal = openJournal(dir);
  const limits = createLimitIndex(() => Date.now());
  const ledger = createPolicyLedger(() => Date.now());
  trail.onAppend((_seq, values) => {
    limits.add(values);
    ledger.add(values);
  });
  const recorder = createRecorder({ trail, journal, clock: systemClock, logger, ...(options.retryMs ? { retryMs: options.retryMs } : {}) });
  const log = createRequestLog({ db, trail, recorder, limits, operator });
  let closed = false;
  return {
    log,
    trail,
    limits,
    ledger,
    seals,
    async close() {
      if (closed) return;
      closed = true;
      recorder.close();
      await trail.close().catch(() => undefined);
      journal.close();
    },
  };
}
