/**
 * Approvals through the real runtime and IPC dispatch against the simulated Auth0 tenant: a step-up approves
 * exactly the release shown, above the threshold two different approvers are needed (the same person twice
 * is refused), approvals lapse after the window, and a complete release gets a signed receipt.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../helpers/runtime.js';
import { approveWithOtp, create, nextUpdate, signIn, startApprovals, type ApprovalsRig } from './helpers.js';

describe('four eyes', () => {
  let rig: ApprovalsRig;
  beforeEach(async () => {
    rig = await startApprovals();
  });
  afterEach(async () => rig.close());

  it('above the threshold: one approval is not enough, the same person twice is refused, a second person completes it', async () => {
    const r = await create(rig);
    expect(r).toMatchObject({ requiredApprovers: 2, amount: '25000.00', status: 'open', account: 'DE89370400440532013000' });
    expect(r.shortHash).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}$/);

    const first = await approveWithOtp(rig, r, 'alice@example.com');
    expect(first.stepUp).toMatchObject({ status: 'approved', title: 'Your approval is recorded' });
    expect(first.approvals).toHaveLength(1);
    expect(first).toMatchObject({ status: 'open', receiptId: null });

    const twice = await approveWithOtp(rig, r, 'alice@example.com');
    expect(twice.stepUp).toMatchObject({ status: 'refused', message: 'You have already approved this release. A second, different person must approve it.' });
    expect(twice.approvals).toHaveLength(1);
    expect(twice.receiptId).toBeNull();

    const second = await approveWithOtp(rig, r, 'bob@example.com');
    expect(second.stepUp).toMatchObject({ status: 'approved', title: 'Release approved' });
    expect(second.status).toBe('approved');
    expect(second.approvals.map((a) => a.subject)).toEqual([rig.sim.user('alice@example.com')!.sub, rig.sim.user('bob@example.com')!.sub]);
    const receipt = ok(await rig.rt.call('approvals:receipt', { id: second.receiptId! }));
    expect(receipt.approvers.map((a) => a.factor)).toEqual(['otp', 'otp']);

    const rows = ok(await rig.rt.call('audit:list', { search: 'PAY-2026-0042', limit: 100 }));
    const actions = rows.map((row) => `${row.action}:${row.outcome}`);
    for (const expected of ['approval.release:created', 'approval.signin:mfa_required', 'approval.code:verified', 'approval.approve:approved', 'approval.refused:refused', 'approval.receipt:issued']) {
      expect(actions).toContain(expected);
    }
  });

  it('at or below the threshold one approver is enough; another currency always needs two', async () => {
    const small = await create(rig, { amount: '10000.00' });
    expect(small.requiredApprovers).toBe(1);
    const done = await approveWithOtp(rig, small, 'alice@example.com');
    expect(done.status).toBe('approved');
    expect((await create(rig, { amount: '5', currency: 'USD' })).requiredApprovers).toBe(2);
  });

  it('an approval lapses after the window; the release then needs both approvals again', async () => {
    const r = await create(rig);
    await approveWithOtp(rig, r, 'alice@example.com');
    await rig.clock.sleep(30 * 60_000 + 1000);
    const state = ok(await rig.rt.call('approvals:state', {}));
    const lapsed = state.releases.find((x) => x.id === r.id)!;
    expect(lapsed.approvals).toEqual([]);
    expect(lapsed.notice).toMatch(/^The approval by alice@example.com lapsed: the release was not complete within 30 minutes/);
    const bob = await approveWithOtp(rig, r, 'bob@example.com');
    expect(bob).toMatchObject({ status: 'open', receiptId: null });
    expect(bob.approvals).toHaveLength(1);
  });

  it('a step-up approves only the release shown: a different hash is refused before anything is sent', async () => {
    const r = await create(rig);
    const result = await rig.rt.call('approvals:signIn', { releaseId: r.id, hash: 'f'.repeat(64), username: 'alice@example.com', password: 'alice-sandbox-pass' });
    expect(result).toMatchObject({ ok: false, code: 'conflict' });
    expect(rig.sim.counts().passwordGrants).toBe(0);
  });

  it('a Guardian push approves in the background; the screen follows through events', async () => {
    const r = await create(rig, { amount: '900' });
    const signedIn = await signIn(rig, r, 'bob@example.com');
    const push = signedIn.stepUp!.authenticators.find((a) => a.factor === 'push')!;
    const waiting = ok(await rig.rt.call('approvals:challenge', { stepUpId: signedIn.stepUp!.id, authenticatorId: push.id }));
    expect(waiting.stepUp?.status).toBe('awaiting_push');
    const done = nextUpdate(rig, (v) => v.id === r.id && v.stepUp?.status === 'approved');
    const prompt = rig.rt.runtime.sandbox!.state().prompts.find((p) => p.kind === 'push')!;
    expect(rig.rt.runtime.sandbox!.respond(prompt.id, 'approve')).toBe(true);
    expect((await done).status).toBe('approved');
  });

  it('a rejected push approves nothing, and a cancelled sign-in stops polling', async () => {
    const r = await create(rig);
    const signedIn = await signIn(rig, r, 'bob@example.com');
    const push = signedIn.stepUp!.authenticators.find((a) => a.factor === 'push')!;
    await rig.rt.call('approvals:challenge', { stepUpId: signedIn.stepUp!.id, authenticatorId: push.id });
    const rejected = nextUpdate(rig, (v) => v.stepUp?.status === 'failed');
    rig.sim.reject(rig.sim.pending()[0]!.id);
    expect((await rejected).stepUp).toMatchObject({ title: 'Push rejected on the phone' });

    const again = await signIn(rig, r, 'bob@example.com');
    await rig.rt.call('approvals:challenge', { stepUpId: again.stepUp!.id, authenticatorId: push.id });
    const cancelled = ok(await rig.rt.call('approvals:cancel', { stepUpId: again.stepUp!.id }));
    expect(cancelled.stepUp?.status).toBe('cancelled');
    const polls = rig.sim.counts().oobGrants;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rig.sim.counts().oobGrants).toBe(polls);
    expect(cancelled.approvals).toEqual([]);
  });
});
