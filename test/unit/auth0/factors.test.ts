/**
 * Each factor path of the approver's step-up against the simulated tenant: OTP, Guardian push (approve,
 * reject, expiry, slow_down, cancel), text message with its binding code, and a recovery code (the new one
 * handed on once). Only a verified answer names the approver, by the ID token's sub.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StepUpChallenge } from '../../../main/providers/step-up.js';
import { ALICE, authenticatorOf, BOB, CAROL, codeOf, mfaSession, signal, startRig, type Auth0Rig } from './helpers.js';

describe('Auth0 step-up factors', () => {
  let rig: Auth0Rig;
  beforeEach(async () => {
    rig = await startRig();
  });
  afterEach(async () => rig.close());

  async function challenge(username: string, factor: Parameters<typeof authenticatorOf>[1]) {
    const { session, authenticators } = await mfaSession(rig, username);
    const started = await rig.stepUp.challenge(session, authenticatorOf(authenticators, factor), signal());
    if (started.kind !== 'challenge') throw new Error(`challenge failed: ${JSON.stringify(started)}`);
    return { session, challenge: started.challenge as StepUpChallenge };
  }

  it('lists the approver’s active authenticators with plain labels, phone numbers masked', async () => {
    const { authenticators } = await mfaSession(rig, ALICE);
    expect(authenticators.map((a) => a.factor).sort()).toEqual(['otp', 'push', 'recovery-code', 'sms']);
    expect(authenticatorOf(authenticators, 'sms').label).toBe('Text message to XXXXXXXX8730');
    expect(authenticatorOf(authenticators, 'push').label).toBe('Guardian push to Alice’s iPhone');
  });

  it('OTP: a wrong code may be retried, the right one verifies the approver by sub; a code is never accepted twice', async () => {
    const { session, challenge: otp } = await challenge(ALICE, 'otp');
    expect(otp).toMatchObject({ factor: 'otp', input: 'code' });
    const wrong = await rig.stepUp.submitCode(session, otp, '000000', signal());
    expect(codeOf(wrong)).toBe('invalid_otp');
    expect(wrong.kind).toBe('retry');
    const code = rig.sim.otpCode(ALICE)!;
    const right = await rig.stepUp.submitCode(session, otp, code, signal());
    expect(right).toMatchObject({ kind: 'verified', factor: 'otp', approver: { subject: rig.sim.user(ALICE)!.sub, email: ALICE } });
    const again = await mfaSession(rig, ALICE);
    const otp2 = await rig.stepUp.challenge(again.session, authenticatorOf(again.authenticators, 'otp'), signal());
    if (otp2.kind !== 'challenge') throw new Error('no challenge');
    expect(codeOf(await rig.stepUp.submitCode(again.session, otp2.challenge, code, signal()))).toBe('invalid_otp');
  });

  it('OTP: a code of the wrong form is refused before it is sent, so it costs no attempt', async () => {
    const { session, challenge: otp } = await challenge(ALICE, 'otp');
    const before = rig.sim.counts().otpGrants;
    expect(codeOf(await rig.stepUp.submitCode(session, otp, '12ab56', signal()))).toBe('invalid_otp');
    expect(rig.sim.counts().otpGrants).toBe(before);
    expect(rig.sim.attemptsLeft(ALICE)).toBe(10);
  });

  it('push approved on the phone: verified, with polls paced at the interval', async () => {
    const { session, challenge: push } = await challenge(BOB, 'push');
    const [pending] = rig.sim.pending(rig.sim.user(BOB)!.sub);
    setTimeout(() => rig.sim.approve(pending!.id), 30);
    const polls: number[] = [];
    const result = await rig.stepUp.waitForPush(session, push, { signal: signal(), onPoll: (n) => polls.push(n) });
    expect(result).toMatchObject({ kind: 'verified', factor: 'push', approver: { subject: rig.sim.user(BOB)!.sub } });
    expect(rig.sim.counts().earlyPolls).toBe(0);
    expect(polls.length).toBeGreaterThan(0);
  });

  it('push rejected on the phone: push_rejected, final, never verified', async () => {
    const { session, challenge: push } = await challenge(BOB, 'push');
    rig.sim.reject(rig.sim.pending()[0]!.id);
    const result = await rig.stepUp.waitForPush(session, push, { signal: signal() });
    expect(result.kind).toBe('failed');
    expect(codeOf(result)).toBe('push_rejected');
  });

  it('push unanswered: polling stops at the 10-minute mfa_token expiry, never verified', async () => {
    // Auth0 would expire the push itself after 5 minutes; here it lives longer, so the app's own deadline shows.
    await rig.close();
    rig = await startRig({ oobLifetimeS: 3600 });
    const { session, challenge: push } = await challenge(BOB, 'push');
    const started = rig.clock.now();
    const result = await rig.stepUp.waitForPush(session, push, { signal: signal() });
    expect(codeOf(result)).toBe('expired_mfa_token');
    expect(rig.clock.now() - started).toBeLessThanOrEqual(600_000);
    // Polls every 5 s while the mfa_token lives (595 s of it left after the sign-in): no more than that.
    expect(rig.sim.counts().oobGrants).toBeLessThanOrEqual(119);
    expect(rig.sim.counts().earlyPolls).toBe(0);
  });

  it('push expired at Auth0 (5 minutes): push_expired, never verified', async () => {
    const { session, challenge: push } = await challenge(BOB, 'push');
    rig.sim.expire(rig.sim.pending()[0]!.id);
    expect(codeOf(await rig.stepUp.waitForPush(session, push, { signal: signal() }))).toBe('push_expired');
  });

  it('push slow_down: the app waits 5 s longer each time, and never polls early', async () => {
    const { session, challenge: push } = await challenge(BOB, 'push');
    rig.sim.forceSlowDown(2);
    const id = rig.sim.pending()[0]!.id;
    const times: number[] = [];
    const result = await rig.stepUp.waitForPush(session, push, {
      signal: signal(),
      onPoll: (n) => {
        times.push(rig.clock.now());
        if (n === 3) rig.sim.approve(id);
      },
    });
    expect(result.kind).toBe('verified');
    const gaps = times.slice(1).map((t, i) => Math.round((t - times[i]!) / 1000));
    expect(gaps.slice(0, 2)).toEqual([10, 15]);
    expect(rig.sim.counts()).toMatchObject({ slowDowns: 2, earlyPolls: 0 });
  });

  it('push cancel: the wait rejects with AbortError and no further poll is sent', async () => {
    const { session, challenge: push } = await challenge(BOB, 'push');
    const controller = new AbortController();
    const waiting = rig.stepUp.waitForPush(session, push, { signal: controller.signal, onPoll: (n) => n === 2 && controller.abort() });
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(rig.sim.counts().oobGrants).toBe(2);
  });

  it.each(['http_500', 'malformed_json', 'html_body'] as const)('push answer lost (%s): the push may still be on the phone, reject it, never "try again"', async (fault) => {
    const { session, challenge: push } = await challenge(BOB, 'push');
    rig.sim.setFault(fault);
    const result = await rig.stepUp.waitForPush(session, push, { signal: signal() });
    expect(result.kind).toBe('failed');
    if (result.kind !== 'failed') return;
    expect(result.failure.message).toContain('Your push may still be on your phone; it no longer counts.');
    expect(result.failure.nextSteps).toMatch(/^Reject that push if it shows on your phone\./);
    expect(result.failure.nextSteps).not.toMatch(/try again/i);
    expect(rig.sim.counts().challenges).toBe(1);
  });

  it.each(['challenge_http_500', 'challenge_malformed'] as const)('the push went out but its challenge answer was lost (%s): never "try again"', async (fault) => {
    const { session, authenticators } = await mfaSession(rig, BOB);
    rig.sim.setFault(fault);
    const result = await rig.stepUp.challenge(session, authenticatorOf(authenticators, 'push'), signal());
    expect(result.kind).toBe('failed');
    if (result.kind !== 'failed') return;
    expect(result.failure.message).toContain('Your push may still be on your phone; it no longer counts.');
    expect(result.failure.nextSteps).toMatch(/^Reject that push if it shows on your phone\./);
    expect(result.failure.nextSteps).not.toMatch(/try again/i);
    // The simulator rang the phone before the answer was lost.
    expect(rig.sim.counts().challenges).toBe(1);
    expect(rig.sim.pending().length).toBe(1);
  });

  it('text message: the binding code texted to the phone verifies; a wrong one may be retried', async () => {
    const { session, challenge: sms } = await challenge(CAROL, 'sms');
    expect(sms).toMatchObject({ factor: 'sms', input: 'binding' });
    const texted = rig.sim.lastMessage(CAROL)!.bindingCode!;
    const wrongCode = texted === '123456' ? '654321' : '123456';
    const wrong = await rig.stepUp.submitCode(session, sms, wrongCode, signal());
    expect(wrong.kind).toBe('retry');
    expect(codeOf(wrong)).toBe('invalid_binding_code');
    expect(await rig.stepUp.submitCode(session, sms, texted, signal())).toMatchObject({ kind: 'verified', factor: 'sms', approver: { subject: rig.sim.user(CAROL)!.sub } });
  });

  it('recovery code: verifies once, hands on the new code, and the old one no longer works', async () => {
    const old = rig.sim.user(CAROL)!.authenticators.find((a) => a.factor === 'recovery-code')!.code!;
    const { session, challenge: recovery } = await challenge(CAROL, 'recovery-code');
    expect(rig.sim.counts().challenges).toBe(0);
    const result = await rig.stepUp.submitCode(session, recovery, old.toLowerCase().replace(/(.{4})/g, '$1 '), signal());
    if (result.kind !== 'verified') throw new Error(JSON.stringify(result));
    expect(result.newRecoveryCode).toMatch(/^[A-Z0-9]{24}$/);
    expect(result.newRecoveryCode).not.toBe(old);
    const again = await challenge(CAROL, 'recovery-code');
    expect(codeOf(await rig.stepUp.submitCode(again.session, again.challenge, old, signal()))).toBe('invalid_recovery_code');
    expect((await rig.stepUp.submitCode(again.session, again.challenge, result.newRecoveryCode!, signal())).kind).toBe('verified');
  });

  it('a forgotten session is refused without sending anything', async () => {
    const { session, challenge: otp } = await challenge(ALICE, 'otp');
    rig.stepUp.forget(session);
    const before = rig.sim.counts().token;
    expect(codeOf(await rig.stepUp.submitCode(session, otp, rig.sim.otpCode(ALICE)!, signal()))).toBe('invalid_mfa_token');
    expect(rig.sim.counts().token).toBe(before);
  });

  it('a session of one profile is refused by another profile’s provider', async () => {
    const { session, challenge: otp } = await challenge(ALICE, 'otp');
    const other = rig.stepUpWith();
    expect(codeOf(await other.submitCode(session, otp, rig.sim.otpCode(ALICE)!, signal()))).toBe('invalid_mfa_token');
  });
});
