/**
 * The trail against someone who holds the database file but not the keychain: every edit, deletion,
 * reordering or truncation is found by the verifier, which names the first bad entry; and the checks that
 * do not need a key (clock, schema guard) are reported too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { verifyDatabase } from '../../../main/services/audit/verify-db.js';
import { trailRig, type TrailRig } from './helpers.js';

let rig: TrailRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

const entry = (i: number) => ({
  event: 'authn_mfa_request' as const,
  action: 'verify.push',
  outcome: 'started',
  target: `U${i}@Contoso.com`,
  targetCanonical: `u${i}@contoso.com`,
  reason: 'Password reset',
  ticket: `INC-${i}`,
  refs: { contextId: `ctx-${i}` },
});

async function filled(count: number, checkpointEvery = 10): Promise<TrailRig> {
  rig = await trailRig({ checkpointEvery });
  for (let i = 0; i < count; i += 1) {
    rig.trail.append(entry(i));
    // Let automatic checkpoints (every `checkpointEvery` entries) run as they would in the app.
    if (i % 5 === 4) await new Promise((resolve) => setImmediate(resolve));
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
  return rig;
}

const verify = (r: TrailRig) =>
  verifyDatabase(r.db, { context: () => ({ openKey: r.trail.openEpoch(), writerHeadSeq: r.trail.head().seq }) });

/** What an attacker does first: the append-only guards are only triggers. */
function unguarded(r: TrailRig) {
  const raw = r.raw();
  raw.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
  return raw;
}

describe('audit trail integrity', () => {
  it('a trail as written verifies: MACs, chain, gapless sequence, epochs closed by signed checkpoints', async () => {
    const r = await filled(45);
    const result = await verify(r);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.lastCheckpoint).not.toBeNull();
    expect(result.entries).toBe(r.trail.head().seq);
    expect(result.rootFingerprint).toBe(r.trail.rootFingerprint);
  });

  it('refuses updates and deletions from inside the app (the guard triggers)', async () => {
    const r = await filled(3);
    const raw = r.raw();
    expect(() => raw.prepare("UPDATE audit_log SET outcome = 'approved' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/pruning/);
  });

  it('an edited entry is named, in a closed epoch (published key) and in the open one', async () => {
    const r = await filled(25);
    const raw = unguarded(r);
    raw.prepare("UPDATE audit_log SET target_canonical = 'someone-else@contoso.com' WHERE seq = 4").run();
    const open = r.trail.head().seq;
    raw.prepare("UPDATE audit_log SET reason = 'nothing to see' WHERE seq = ?").run(open);
    const result = await verify(r);
    expect(result.ok).toBe(false);
    expect(result.firstBad).toEqual({ seq: 4, problem: 'Entry 4 was changed after it was written (its MAC does not match).' });
    expect(result.problems.map((p) => p.seq)).toContain(open);
    expect(result.warnings.map((w) => w.problem).join(' ')).toMatch(/append-only guard audit_no_update was removed/);
  });

  it('checking the MACs in worker threads finds exactly what one thread finds', async () => {
    const r = await filled(60);
    const raw = unguarded(r);
    raw.prepare("UPDATE audit_log SET ticket = 'INC-X' WHERE seq IN (3, 33)").run();
    raw.prepare('DELETE FROM audit_log WHERE seq = 20').run();
    raw.prepare("UPDATE audit_log SET outcome = 'approved' WHERE seq = ?").run(r.trail.head().seq - 1);
    const context = () => ({ openKey: r.trail.openEpoch(), writerHeadSeq: r.trail.head().seq });
    const alone = await verifyDatabase(r.db, { context, workers: 1 });
    const spread = await verifyDatabase(r.db, { context, workers: 2 });
    expect(alone.problems.map((p) => p.seq)).toEqual([3, 20, 21, 33, r.trail.head().seq - 1]);
    expect(spread.problems).toEqual(alone.problems);
    expect(spread.entries).toBe(alone.entries);
  });

  it('a deleted entry is named as missing', async () => {
    const r = await filled(25);
    unguarded(r).prepare('DELETE FROM audit_log WHERE seq IN (7, 8)').run();
    const result = await verify(r);
    expect(result.firstBad).toEqual({ seq: 7, problem: 'Entries 7–8 are missing.' });
  });

  it('reordered entries (swapped sequence numbers) are found', async () => {
    const r = await filled(25);
    const raw = unguarded(r);
    raw.exec('UPDATE audit_log SET seq = -5 WHERE seq = 5; UPDATE audit_log SET seq = 5 WHERE seq = 6; UPDATE audit_log SET seq = 6 WHERE seq = -5;');
    const result = await verify(r);
    expect(result.ok).toBe(false);
    expect(result.firstBad?.seq).toBe(5);
  });

  it('a truncated tail is found against the key epoch the keychain has reached, and against the writer', async () => {
    const r = await filled(45);
    const head = r.trail.head().seq;
    const lastCheckpoint = r.trail.lastCheckpoint()!.seq;
    // Cut everything from two epochs back: a clean cut, right after an earlier checkpoint.
    const cut = r.raw().prepare<[number], { seq: number }>(
      "SELECT seq FROM audit_log WHERE event = 'sys_audit_checkpoint' AND seq < ? ORDER BY seq DESC LIMIT 1",
    ).get(lastCheckpoint)!.seq;
    unguarded(r).prepare('DELETE FROM audit_log WHERE seq > ?').run(cut);
    const afterRestart = await verifyDatabase(r.db, { context: () => ({ openKey: r.trail.openEpoch() }) });
    expect(afterRestart.firstBad?.seq).toBe(cut + 1);
    expect(afterRestart.firstBad?.problem).toMatch(/key has moved on to epoch .*: entries at the end were removed/);
    const running = await verify(r);
    expect(running.problems.map((p) => p.problem).join(' ')).toMatch(new RegExp(`Entries ${cut + 1}–${head} were written but are no longer`));
  });

  it('a checkpoint seen elsewhere catches a trail cut back or rewritten by someone who also holds the keys', async () => {
    const r = await filled(25);
    const seen = r.raw().prepare<[], { data: string }>("SELECT data FROM audit_log WHERE event = 'sys_audit_checkpoint' ORDER BY seq DESC LIMIT 1").get()!;
    const checkpoint = JSON.parse(seen.data) as { seq: number; head: string };
    const known = [{ seq: checkpoint.seq, head: checkpoint.head }];
    const intact = await verifyDatabase(r.db, { context: () => ({ openKey: r.trail.openEpoch(), knownCheckpoints: known }) });
    expect(intact.problems).toEqual([]);
    const wrongHead = [{ seq: checkpoint.seq, head: '0'.repeat(64) }];
    expect((await verifyDatabase(r.db, { context: () => ({ openKey: r.trail.openEpoch(), knownCheckpoints: wrongHead }) })).firstBad?.problem).toMatch(/rewritten/);
    const later = [{ seq: r.trail.head().seq + 50, head: checkpoint.head }];
    expect((await verifyDatabase(r.db, { context: () => ({ openKey: r.trail.openEpoch(), knownCheckpoints: later }) })).firstBad?.problem).toMatch(/entries were removed from the end/);
  });

  it('a fresh chain written over the old one without the key does not verify', async () => {
    const r = await filled(12);
    const raw = unguarded(r);
    // Re-MAC attempt without the key: copy a valid MAC onto another entry.
    const mac = raw.prepare<[], { mac: Buffer }>('SELECT mac FROM audit_log WHERE seq = 3').get()!.mac;
    raw.prepare('UPDATE audit_log SET mac = ? WHERE seq = 2').run(mac);
    const result = await verify(r);
    expect(result.firstBad?.seq).toBe(2);
  });

  it('the writer notices entries that vanish while it runs and keeps the gap for the verifier', async () => {
    const r = await filled(12);
    const problems: string[] = [];
    r.trail.onTamper((p) => problems.push(p.problem));
    const head = r.trail.head().seq;
    unguarded(r).prepare('DELETE FROM audit_log WHERE seq = ?').run(head);
    const next = r.trail.append(entry(99));
    expect(next).toBe(head + 1);
    expect(problems[0]).toMatch(new RegExp(`Entries ${head}–${head} disappeared`));
    expect((await verify(r)).firstBad).toEqual({ seq: head, problem: `Entry ${head} is missing.` });
  });

  it('a checkpoint interrupted by a crash is completed or dropped at the next start, and the trail still verifies', async () => {
    const r = await filled(8, 1000);
    const seals = r.seals;
    const saved = seals.save.bind(seals);
    let saves = 0;
    // Crash after the pending keys were saved and the checkpoint committed, before the final save.
    seals.save = async (state) => {
      saves += 1;
      if (saves === 2) throw new Error('killed');
      return saved(state);
    };
    await expect(r.trail.checkpoint('test')).rejects.toThrow('killed');
    seals.save = saved;
    rig = await r.reopen();
    rig.trail.append(entry(100));
    const result = await verify(rig);
    expect(result.problems).toEqual([]);
  });

  it('a keychain that lost the key starts a new key, and the entries it can no longer check are reported', async () => {
    const r = await filled(14, 10);
    // The app is killed with entries in the open epoch, and the keychain entry is gone at the next start.
    (r.seals as unknown as { clear(): void }).clear();
    r.db.close();
    rig = await trailRig({}, { dir: r.dir, seals: r.seals });
    const result = await verify(rig);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.problem).join(' ')).toMatch(/cannot be verified: their key was lost/);
  });
});
