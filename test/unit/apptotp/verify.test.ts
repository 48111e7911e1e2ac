/** Caller verification by read-back code: clock skew, replay, attempt limits and the lock-out, across restarts. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { totp } from '../../../main/services/totp.js';
import { ALEX, authenticatorRig, check, enroll, statusOf } from './helpers.js';

const signal = new AbortController().signal;
const STEP = 30_000;
const other = (code: string): string => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('app authenticator verification', () => {
  it('accepts the code of the phone clock ±1 step and refuses ±2', async () => {
    for (const [offset, expected] of [[0, 'approved'], [-STEP, 'approved'], [STEP, 'approved'], [-2 * STEP, 'challenge'], [2 * STEP, 'challenge']] as const) {
      const rig = authenticatorRig();
      const phone = await enroll(rig);
      rig.clock.advance(5 * STEP);
      expect(statusOf(await check(rig.provider, totp(phone, rig.clock.now() + offset))), `offset ${offset}`).toBe(expected);
    }
  });

  it('never accepts a code twice: not the enrollment code, not a verified code, not an older one', async () => {
    const rig = authenticatorRig();
    const phone = await enroll(rig);
    const enrollmentCode = totp(phone, rig.clock.now());
    const replay = await check(rig.provider, enrollmentCode);
    expect(statusOf(replay)).toBe('challenge');
    expect(replay.kind === 'challenge' && replay.message).toMatch(/already used/);

    rig.clock.advance(STEP);
    const fresh = totp(phone, rig.clock.now());
    expect(statusOf(await check(rig.provider, fresh))).toBe('approved');
    expect(statusOf(await check(rig.provider, fresh))).toBe('challenge');
    // After a restart too: the last accepted step is stored, not kept in memory.
    expect(statusOf(await check(rig.restart(), fresh))).toBe('challenge');
    // The previous step's code is inside the ±1 window but older than the accepted one.
    expect(statusOf(await check(rig.provider, totp(phone, rig.clock.now() - STEP)))).toBe('challenge');
    rig.clock.advance(STEP);
    expect(statusOf(await check(rig.provider, totp(phone, rig.clock.now())))).toBe('approved');
  });

  it('two checks of the same code at once: exactly one is approved', async () => {
    const rig = authenticatorRig();
    const phone = await enroll(rig);
    rig.clock.advance(STEP);
    const code = totp(phone, rig.clock.now());
    const results = await Promise.all([check(rig.provider, code), check(rig.provider, code), check(rig.provider, code)]);
    expect(results.map(statusOf).filter((s) => s === 'approved')).toHaveLength(1);
  });

  it('locks the account after the allowed wrong codes, across verifications and restarts, as a locked_out outcome', async () => {
    const rig = authenticatorRig({ maxAttempts: 3, lockoutMinutes: 15 });
    const phone = await enroll(rig);
    rig.clock.advance(STEP);
    const right = totp(phone, rig.clock.now());
    const first = await check(rig.provider, other(right));
    expect(first).toMatchObject({ kind: 'challenge', attemptsLeft: 2 });
    // A new verification does not reset the count, and neither does a restart.
    const second = await check(rig.restart(), other(right));
    expect(second).toMatchObject({ kind: 'challenge', attemptsLeft: 1 });
    const third = await check(rig.provider, other(right));
    expect(third).toMatchObject({ kind: 'final', outcome: { status: 'locked_out', code: 'too_many_wrong_codes' } });
    // Locked: even the right code is refused, and a new check does not start.
    expect(await check(rig.restart(), right)).toMatchObject({ kind: 'final', outcome: { status: 'locked_out', code: 'account_locked' } });
    rig.clock.advance(15 * 60_000);
    expect(statusOf(await check(rig.provider, totp(phone, rig.clock.now())))).toBe('approved');
  });

  it('a correct code resets the count of wrong ones', async () => {
    const rig = authenticatorRig({ maxAttempts: 3 });
    const phone = await enroll(rig);
    rig.clock.advance(STEP);
    await check(rig.provider, other(totp(phone, rig.clock.now())));
    await check(rig.provider, other(totp(phone, rig.clock.now())));
    expect(statusOf(await check(rig.provider, totp(phone, rig.clock.now())))).toBe('approved');
    rig.clock.advance(STEP);
    expect(await check(rig.provider, other(totp(phone, rig.clock.now())))).toMatchObject({ kind: 'challenge', attemptsLeft: 2 });
  });

  it('refuses an account with nothing enrolled, a push, and a challenge opened for another account', async () => {
    const rig = authenticatorRig();
    const phone = await enroll(rig);
    const sam = { raw: 'sam@example.com', canonical: 'sam@example.com' };
    expect(await check(rig.provider, '123456', sam)).toMatchObject({ kind: 'final', outcome: { status: 'error', code: 'not_enrolled' } });
    const push = await rig.provider.start({ subject: ALEX, contextId: randomUUID(), mode: 'push', signal });
    expect(push).toMatchObject({ kind: 'final', outcome: { status: 'error', code: 'not_supported' } });
    rig.clock.advance(STEP);
    const opened = await rig.provider.start({ subject: ALEX, contextId: randomUUID(), mode: 'otp', signal });
    expect(opened.kind).toBe('challenge');
    if (opened.kind !== 'challenge') return;
    const crossed = await rig.provider.submitCode({ subject: sam, contextId: randomUUID(), challenge: opened.challenge, code: totp(phone, rig.clock.now()), signal });
    expect(crossed).toMatchObject({ kind: 'final', outcome: { status: 'error', code: 'challenge_mismatch' } });
  });

  it('a damaged state row or a missing keychain entry fails closed', async () => {
    const rig = authenticatorRig();
    const phone = await enroll(rig);
    rig.clock.advance(STEP);
    rig.accounts.states.set('alex@example.com', '{"v":1,"lastStep":"x"}');
    expect(await check(rig.provider, totp(phone, rig.clock.now()))).toMatchObject({ kind: 'final', outcome: { code: 'enrollment_damaged' } });
    const again = authenticatorRig();
    const phone2 = await enroll(again);
    again.clock.advance(STEP);
    again.accounts.secrets.clear();
    expect(await check(again.provider, totp(phone2, again.clock.now()))).toMatchObject({ kind: 'final', outcome: { code: 'enrollment_damaged' } });
  });
});
