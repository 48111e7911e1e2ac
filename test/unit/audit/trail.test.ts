import { afterEach, describe, expect, it } from 'vitest';
import { verifyDatabase } from '../../../main/services/audit/verify-db.js';
import { trailRig, type TrailRig } from './helpers.js';

let rig: TrailRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

const entry = (i: number) => ({ event: 'authn_mfa_request' as const, action: 'verify.push', outcome: 'started', target: `u${i}@contoso.com`, targetCanonical: `u${i}@contoso.com`, reason: 'reset', ticket: `INC-${i}` });

describe('trail smoke', () => {
  it('appends, checkpoints and verifies', async () => {
    rig = await trailRig({ checkpointEvery: 5 });
    for (let i = 0; i < 12; i += 1) rig.trail.append(entry(i));
    await rig.trail.checkpoint('test');
    rig.trail.append(entry(99));
    const result = await verifyDatabase(rig.db, { context: () => ({ openKey: rig!.trail.openEpoch(), writerHeadSeq: rig!.trail.head().seq }) });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
