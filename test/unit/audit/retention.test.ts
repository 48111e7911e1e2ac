/**
 * Retention prunes whole signed epochs after a checkpoint, records the pruning, and leaves a trail (and an
 * export of it) that still verifies from the kept anchor; nothing is pruned from a trail that does not verify.
 * And a damaged database is reported as damaged, with its path and what to do, one bad row at a time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportTrail } from '../../../main/services/audit/export.js';
import { verifyExportFile } from '../../../main/services/audit/export-verify.js';
import { openJournal } from '../../../main/services/audit/journal.js';
import { createRecorder } from '../../../main/services/audit/recorder.js';
import { pruneTrail } from '../../../main/services/audit/retention.js';
import { verifyDatabase } from '../../../main/services/audit/verify-db.js';
import { createAuditQueries } from '../../../main/services/audit/query.js';
import { DatabaseDamagedError, DATABASE_FILE, openDatabase } from '../../../main/services/db/database.js';
import { systemClock, type Clock } from '../../../main/services/clock.js';
import { tempDir } from '../../helpers/temp.js';
import { trailRig, type TrailRig } from './helpers.js';

let rig: TrailRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

const DAY = 24 * 60 * 60_000;

describe('retention', () => {
  it('prunes old epochs after a checkpoint, logs it, and the rest still verifies (database and export)', async () => {
    let now = Date.parse('2025-01-01T00:00:00Z');
    const clock: Clock = { now: () => now, sleep: systemClock.sleep };
    rig = await trailRig({ checkpointEvery: 1000 }, undefined, clock);
    const r = rig;
    const journal = openJournal(r.dir);
    const recorder = createRecorder({ trail: r.trail, journal, clock, logger: { log: () => undefined } });
    for (let i = 0; i < 30; i += 1) {
      r.trail.append({ event: 'sensitive_update', action: 'profile.update', outcome: 'success', detail: `old ${i}` });
      if (i % 10 === 9) await r.trail.checkpoint('test');
    }
    now += 400 * DAY;
    for (let i = 0; i < 5; i += 1) r.trail.append({ event: 'sensitive_update', action: 'profile.update', outcome: 'success', detail: `new ${i}` });
    const deps = {
      db: r.db, trail: r.trail, recorder, clock, logger: { log: () => undefined },
      retentionDays: () => 365, healthy: () => true, forwardedThrough: () => null,
    };
    expect(await pruneTrail({ ...deps, healthy: () => false })).toMatchObject({ pruned: 0 });
    const result = await pruneTrail(deps);
    expect(result.pruned).toBeGreaterThan(30);
    const first = r.db.prepare<[], { seq: number }>('SELECT MIN(seq) seq FROM audit_log').get()!.seq;
    expect(first).toBe(result.through! + 1);
    const checked = await verifyDatabase(r.db, { context: () => ({ openKey: r.trail.openEpoch(), writerHeadSeq: r.trail.head().seq }) });
    expect(checked.problems).toEqual([]);
    expect(checked.firstSeq).toBe(first);
    const log = r.db.prepare<[], { outcome: string; data: string }>("SELECT outcome, data FROM audit_log WHERE action = 'audit.prune' ORDER BY seq").all();
    expect(log.map((e) => e.outcome)).toEqual(['started', 'success']);
    expect(JSON.parse(log[0]!.data)).toMatchObject({ from: 1, through: result.through, retentionDays: 365 });
    const file = path.join(r.dir, 'after-prune.jsonl');
    await exportTrail({ db: r.db, trail: r.trail, recorder, appVersion: 'test' }, file, 'jsonl', 'auditor');
    expect(await verifyExportFile(file)).toMatchObject({ ok: true, firstSeq: first });
    // Removing more old entries by hand (without a recorded pruning) is caught.
    const raw = r.raw();
    raw.exec('DROP TRIGGER audit_no_delete');
    raw.prepare('DELETE FROM audit_log WHERE seq < ?').run(first + 3);
    const after = await verifyDatabase(r.db, { context: () => ({ openKey: r.trail.openEpoch() }) });
    expect(after.ok).toBe(false);
    recorder.close();
    journal.close();
  });
});

describe('a damaged database', () => {
  it('is reported as damaged with its path and what to do, not as a disk problem', () => {
    const folder = tempDir('mfa-damaged-');
    fs.writeFileSync(path.join(folder.dir, DATABASE_FILE), Buffer.alloc(8192, 0x41));
    try {
      expect(() => openDatabase(folder.dir)).toThrow(DatabaseDamagedError);
      expect(() => openDatabase(folder.dir)).toThrow(new RegExp(`The database at ${path.join(folder.dir, DATABASE_FILE).replace(/[.]/g, '\\.')} is damaged .*keep a copy of the file.*restore it from a backup`));
    } finally {
      folder.cleanup();
    }
  });

  it('one unreadable row does not fail the list', async () => {
    rig = await trailRig();
    for (let i = 0; i < 5; i += 1) rig.trail.append({ event: 'sensitive_update', action: 'profile.update', outcome: 'success', detail: `n${i}` });
    const raw = rig.raw();
    raw.exec('DROP TRIGGER audit_no_update');
    raw.prepare("UPDATE audit_log SET refs = 'not json', data = '{' WHERE seq = 3").run();
    const page = createAuditQueries(rig.db).page({ limit: 10 });
    expect(page.entries.map((e) => e.seq)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(page.entries.find((e) => e.seq === 3)).toMatchObject({ refs: {}, data: null, detail: 'n1' });
  });
});
