/**
 * When the request log cannot be written (a real SQLite refusal: the connection turned read-only), an
 * approver's password is never sent without its audit row, and the sign-in does not stay waiting.
 */
import { afterEach, expect, it } from 'vitest';
import { releaseInputSchema } from '../../../contract/approvals.js';
import { auth0Contract } from '../../../contract/providers/auth0.js';
import { auth0Module } from '../../../main/providers/auth0/module.js';
import { createApprovalsService } from '../../../main/services/approvals/service.js';
import { createReceiptStore } from '../../../main/services/approvals/receipts/store.js';
import { openDatabase, type Database } from '../../../main/services/db/database.js';
import { AppError } from '../../../main/services/errors.js';
import { createEventBus } from '../../../main/services/events.js';
import { createHttpClient } from '../../../main/services/http.js';
import { createKeytarStore } from '../../../main/services/keytar-store.js';
import { silentLogger } from '../../../main/services/log.js';
import { simulatorSettings } from '../../../simulators/auth0/settings.js';
import { startAuth0Simulator, type Auth0Simulator } from '../../../simulators/auth0/simulator.js';
import { testRequestLog, type TestLog } from '../../helpers/audit.js';
import { tempDir } from '../../helpers/temp.js';
import { virtualClock } from '../ciba/helpers.js';
import { release } from './helpers.js';

const folder = tempDir('mfa-approvals-audit-');
let sim: Auth0Simulator | null = null;
let db: Database | null = null;
let made: TestLog | null = null;
const http = createHttpClient();
afterEach(async () => {
  await made?.close();
  db?.close();
  await sim?.close();
  http.close();
  folder.cleanup();
});

it('refuses to sign an approver in when the audit row cannot be written first', async () => {
  const clock = virtualClock();
  sim = await startAuth0Simulator({ clock });
  db = openDatabase(folder.dir);
  made = await testRequestLog(db, folder.dir, 'agent');
  const settings = auth0Contract.settingsSchema.parse(simulatorSettings(sim));
  const deps = { http, clock, logger: silentLogger, readSecret: () => Promise.resolve(sim!.clientSecret) };
  const profile = { id: release().profileId, kind: 'auth0' as const, displayName: 'Payments', settings, updatedAt: '2026-01-01T00:00:00.000Z' };
  const service = createApprovalsService({
    log: made.log,
    events: createEventBus(),
    clock,
    logger: silentLogger,
    secrets: createKeytarStore('MFA Approver approvals audit test'),
    receipts: createReceiptStore(db),
    resolve: () => ({ profile, provider: auth0Module.create(settings, deps), stepUp: auth0Module.stepUp!(settings, deps), sandbox: true, capabilities: auth0Contract.capabilities(settings), checkSubject: (raw) => auth0Contract.checkSubject(settings, raw) }),
    saveFile: () => Promise.resolve(null),
    onAuditChange: () => undefined,
  });
  const created = service.create(releaseInputSchema.parse(release()));
  db.pragma('query_only = ON');
  const signIn = service.signIn({ releaseId: created.id, hash: created.hash, username: 'alice@example.com', password: sim.user('alice@example.com')!.password });
  await expect(signIn).rejects.toThrow(AppError);
  await expect(signIn).rejects.toThrow(/nothing was sent/);
  expect(sim.counts().passwordGrants).toBe(0);
  const after = service.state().releases[0]!;
  expect(after.stepUp).toMatchObject({ status: 'failed', title: 'Sign-in stopped' });
  expect(after.approvals).toEqual([]);
  service.close();
});
