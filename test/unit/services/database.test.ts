import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, migrate, openDatabase } from '../../../main/services/db/database.js';
import { migrations } from '../../../main/services/db/migrations.js';
import { createProfileStore } from '../../../main/services/db/profile-store.js';
import { systemClock } from '../../../main/services/clock.js';
import { testRequestLog, type TestLog } from '../../helpers/audit.js';
import { tempDir } from '../../helpers/temp.js';

const cleanups: (() => void)[] = [];
const logs: TestLog[] = [];
afterEach(async () => {
  for (const log of logs.splice(0)) await log.close();
  cleanups.splice(0).forEach((fn) => fn());
});
async function requestLog(...args: Parameters<typeof testRequestLog>) {
  const made = await testRequestLog(...args);
  logs.push(made);
  return made;
}
function freshDir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('database', () => {
  it('creates the file in the data folder, in WAL mode, at the latest schema', () => {
    const dir = path.join(freshDir(), 'nested', 'data');
    const db = openDatabase(dir);
    expect(fs.existsSync(path.join(dir, DATABASE_FILE))).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
  });

  it('re-opening an existing database keeps its rows and does not re-run migrations', async () => {
    const dir = freshDir();
    const db = openDatabase(dir);
    const first = await requestLog(db, dir, 'alice');
    first.log.record({ action: 'profile.create' }, { outcome: 'success' });
    await first.close();
    db.close();
    const again = openDatabase(dir);
    expect((await requestLog(again, dir, 'alice', { seals: first.seals })).log.list()).toHaveLength(1);
    await logs.pop()!.close();
    again.close();
  });

  it('refuses a database written by a newer schema instead of damaging it', () => {
    const dir = freshDir();
    const raw = new Sqlite(path.join(dir, DATABASE_FILE));
    raw.pragma(`user_version = ${migrations.length + 5}`);
    expect(() => migrate(raw)).toThrow(/newer version/);
    raw.close();
  });
});

describe('request log', () => {
  it('writes a pending row before the request and completes it once with the outcome', async () => {
    const dir = freshDir();
    const db = openDatabase(dir);
    const { log } = await requestLog(db, dir, 'agent.smith');
    const id = log.begin({
      action: 'verify.push',
      target: 'jane@contoso.com',
      profileName: 'Contoso',
      providerKind: 'entra',
      reason: 'Password reset',
      ticket: 'INC-1',
      refs: { contextId: 'c-1' },
    });
    expect(log.list()[0]).toMatchObject({ id, outcome: 'pending', endedAt: null, operator: 'agent.smith' });
    log.finish(id, { outcome: 'denied', outcomeCode: 'PhoneAppDenied', refs: { sessionId: 's-1' } });
    log.finish(id, { outcome: 'approved', outcomeCode: 'Success' });
    const row = log.list()[0];
    expect(row).toMatchObject({ outcome: 'denied', outcomeCode: 'PhoneAppDenied', refs: { contextId: 'c-1', sessionId: 's-1' } });
    expect(row?.endedAt).not.toBeNull();
    db.close();
  });

  it('searches across target, ticket and outcome, treating % and _ literally', async () => {
    const dir = freshDir();
    const db = openDatabase(dir);
    const { log } = await requestLog(db, dir, 'op');
    log.record({ action: 'verify.push', target: 'jane@contoso.com', ticket: 'INC-100', reason: 'reset' }, { outcome: 'approved' });
    log.record({ action: 'verify.push', target: 'bob@contoso.com', ticket: 'INC-200', reason: 'reset' }, { outcome: 'denied' });
    expect(log.list({ search: 'jane' }).map((r) => r.target)).toEqual(['jane@contoso.com']);
    expect(log.list({ search: 'INC-200' }).map((r) => r.target)).toEqual(['bob@contoso.com']);
    expect(log.list({ search: 'denied' })).toHaveLength(1);
    expect(log.list({ search: '%' })).toHaveLength(0);
    db.close();
  });

  it('strips control characters so free text cannot forge log lines', async () => {
    const dir = freshDir();
    const db = openDatabase(dir);
    const { log } = await requestLog(db, dir, 'op');
    log.record({ action: 'verify.push', reason: 'line1\r\nFAKE,approved' }, { outcome: 'denied' });
    expect(log.list()[0]?.reason).toBe('line1  FAKE,approved');
    db.close();
  });

  it('closes rows left pending by a crash as interrupted, never as approved', async () => {
    const dir = freshDir();
    const db = openDatabase(dir);
    const crashed = await requestLog(db, dir, 'op');
    crashed.log.begin({ action: 'verify.push', target: 'x@y.com' });
    logs.pop();
    db.close();
    const again = openDatabase(dir);
    const { log } = await requestLog(again, dir, 'op', { seals: crashed.seals });
    expect(log.closeInterrupted()).toBe(1);
    expect(log.list()[0]).toMatchObject({ outcome: 'interrupted' });
    again.close();
  });
});

describe('profile store', () => {
  it('saves, updates, lists and removes profiles with validated settings', () => {
    const db = openDatabase(freshDir());
    const store = createProfileStore(db, systemClock);
    const saved = store.save({
      kind: 'entra',
      displayName: 'Contoso',
      settings: {
        tenant: 'contoso.com', cloud: 'public', connectorHost: 'strongauth', tokenVersion: 'v2',
        credential: 'secret', mode: 'sync', pollIntervalMs: 5000, deadlineMs: 90000,
      },
    });
    expect(store.list()).toHaveLength(1);
    store.save({ ...saved, displayName: 'Contoso EU' });
    expect(store.get(saved.id)?.displayName).toBe('Contoso EU');
    expect(store.remove(saved.id)).toBe(true);
    expect(store.get(saved.id)).toBeNull();
    db.close();
  });

  it('never uses a stored row whose URL was tampered to plain http on a public host, and reports it', () => {
    const db = openDatabase(freshDir());
    db.prepare(`INSERT INTO profiles VALUES ('p1','entra','Bad',?, 'x','x')`).run(
      JSON.stringify({ tenant: 'contoso.com', connectorBaseUrl: 'http://evil.example.com' }),
    );
    const store = createProfileStore(db, systemClock);
    expect(store.get('p1')).toBeNull();
    expect(store.list()).toEqual([]);
    expect(store.unreadable()).toEqual([{ id: 'p1', displayName: 'Bad', reason: 'settings do not pass the provider’s checks' }]);
    db.close();
  });
});
