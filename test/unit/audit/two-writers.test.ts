/**
 * Two processes on one data folder (the runbook CLI beside the desktop app): each writer takes in the
 * other's entries (checking their MACs), follows a key epoch the other closed (from the keychain), and the
 * trail they write together verifies end to end.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../main/services/db/database.js';
import { openTrail, AuditKeyMovedError, type AuditTrail } from '../../../main/services/audit/trail.js';
import { verifyDatabase } from '../../../main/services/audit/verify-db.js';
import { col } from '../../../main/services/audit/entry.js';
import { systemClock } from '../../../main/services/clock.js';
import { trailRig, type TrailRig } from './helpers.js';

let rig: TrailRig | null = null;
let second: { db: Database; trail: AuditTrail } | null = null;
afterEach(async () => {
  await second?.trail.close();
  second?.db.close();
  await rig?.close();
  rig = null;
  second = null;
});

const entry = (who: string, i: number) => ({
  event: 'authn_mfa_request' as const,
  action: 'verify.push',
  outcome: 'started',
  target: `u${i}@contoso.com`,
  targetCanonical: `u${i}@contoso.com`,
  ticket: `${who}-${i}`,
});

async function twoWriters(): Promise<{ app: AuditTrail; cli: AuditTrail }> {
  rig = await trailRig({ checkpointEvery: 1_000_000 });
  const db = openDatabase(rig.dir);
  const cli = await openTrail({
    db,
    seals: rig.seals,
    clock: systemClock,
    source: { operator: 'agent', appVersion: '0.0.0-test (cli)', deviceId: 'device-1' },
    options: { checkpoints: false },
  });
  second = { db, trail: cli };
  return { app: rig.trail, cli };
}

describe('two writers on one trail', () => {
  it('each takes in the other’s entries, and what they wrote together verifies', async () => {
    const { app, cli } = await twoWriters();
    const seenByApp: number[] = [];
    app.onAppend((seq, values) => seenByApp.push(values[col('seq')] as number));
    app.append(entry('app', 1));
    cli.append(entry('cli', 1));
    cli.append(entry('cli', 2));
    app.append(entry('app', 2));
    // The app counted the CLI's entries too (the push limits see them), in order.
    expect(seenByApp).toEqual([1, 2, 3, 4].map((n) => n + seenByApp[0]! - 1));
    const result = await verifyDatabase(rig!.db, { context: () => ({ openKey: app.openEpoch(), writerHeadSeq: app.head().seq }) });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('after the app closes a key epoch, the CLI reads the new key from the keychain and goes on', async () => {
    const { app, cli } = await twoWriters();
    cli.append(entry('cli', 1));
    await app.checkpoint('test');
    expect(() => cli.append(entry('cli', 2))).toThrow(AuditKeyMovedError);
    await cli.refresh();
    cli.append(entry('cli', 3));
    app.append(entry('app', 4));
    await cli.refresh();
    expect(cli.head().seq).toBe(app.head().seq);
    const result = await verifyDatabase(rig!.db, { context: () => ({ openKey: app.openEpoch(), writerHeadSeq: app.head().seq }) });
    expect(result.problems).toEqual([]);
  });

  it('an entry another writer did not MAC with the key is refused, not chained onto', async () => {
    const { app } = await twoWriters();
    app.append(entry('app', 1));
    const raw = rig!.raw();
    raw.exec('DROP TRIGGER audit_no_update;');
    // Someone with the file appends a copy of the last entry under the next number, with a made-up MAC.
    raw.exec("INSERT INTO audit_log SELECT seq + 1, epoch, ts, mono, instance, pid, event, action, outcome, reason_code, operator, target, target_canonical, profile_id, profile_name, provider, endpoint_host, method, reason, ticket, link, refs, detail, data, app_version, device_id, sandbox, zeroblob(32) FROM audit_log ORDER BY seq DESC LIMIT 1");
    const problems: string[] = [];
    app.onTamper((p) => problems.push(p.problem));
    expect(() => app.append(entry('app', 2))).toThrow(/does not verify/);
    expect(problems[0]).toMatch(/does not verify/);
  });
});
