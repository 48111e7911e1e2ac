/**
 * When the request log cannot be written (a real SQLite refusal: the connection turned read-only), a
 * verification is never sent without its row, and a finished one still reaches the screen, with the
 * failure in the app log and no unhandled rejection.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { VerificationView } from '../../../contract/domain.js';
import { systemClock } from '../../../main/services/clock.js';
import { openDatabase, type Database } from '../../../main/services/db/database.js';
import { testRequestLog, type TestLog } from '../../helpers/audit.js';
import { createEventBus } from '../../../main/services/events.js';
import { createPolicyServices } from '../../../main/services/policy/index.js';
import { createVerificationService } from '../../../main/services/verification/service.js';
import { FLOW_TEST_POLICY } from '../../helpers/policy.js';
import { AppError } from '../../../main/services/errors.js';
import { resolvedEntra } from '../../helpers/sandbox.js';
import { startRig, type Rig } from '../entra/helpers.js';
import { tempDir } from '../../helpers/temp.js';

let rig: Rig | null = null;
let db: Database | null = null;
let made: TestLog | null = null;
const folder = tempDir('mfa-audit-fail-');
afterEach(async () => {
  await made?.close();
  made = null;
  db?.close();
  await rig?.close();
  folder.cleanup();
});

async function setup(delayMs: number) {
  rig = await startRig({ defaultBehaviour: { action: 'approve', delayMs } });
  db = openDatabase(folder.dir);
  const lines: string[] = [];
  const logger = { log: (_level: string, event: string, fields?: unknown) => void lines.push(`${event} ${JSON.stringify(fields)}`) };
  made = await testRequestLog(db, folder.dir, 'agent', { logger });
  const events = createEventBus();
  const service = createVerificationService({
    log: made.log,
    events,
    clock: systemClock,
    logger,
    resolve: () => resolvedEntra(rig!.provider),
    policy: createPolicyServices({ managed: FLOW_TEST_POLICY, source: null, location: 'test', log: made.log, limits: made.limits, ledger: made.ledger, now: () => Date.now() }),
  });
  return { service, events, lines, db };
}

const input = { profileId: 'p', subject: `push@sandbox.contoso.example`, reason: 'reset', ticket: 'INC-1', mode: 'push' as const };

describe('request log failures', () => {
  it('refuses to send when the row cannot be written first', async () => {
    const { service, db } = await setup(10);
    db.pragma('query_only = ON');
    expect(() => service.start(input)).toThrow(AppError);
    expect(() => service.start(input)).toThrow(/nothing was sent/);
    expect(rig!.sim.counts().begins).toBe(0);
  });

  it('still shows the outcome and records the failure when the completion cannot be written', async () => {
    const { service, events, lines, db } = await setup(200);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const final = new Promise<VerificationView>((resolve) =>
        events.subscribe((event, payload) => {
          const view = payload as VerificationView;
          if (event === 'verification:updated' && view.status !== 'pending') resolve(view);
        }),
      );
      service.start(input);
      db.pragma('query_only = ON');
      expect((await final).status).toBe('approved');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(lines.join('\n')).toMatch(/audit_write_failed/);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
