/**
 * Methods first, enforced in main: once a lookup shows an account cannot receive a push (or give a code),
 * a verification in that mode is refused before it is logged, counted or sent. And what the agent records
 * after a denial ("did not proceed", "escalated") lands in the request log once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { VerificationView } from '../../../contract/domain.js';
import { ENTRA_SANDBOX_PROFILE_ID, entraSim } from '../../helpers/sandbox.js';
import { ok, startTestRuntime, type TestRuntime } from '../../helpers/runtime.js';

let t: TestRuntime | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const domain = 'sandbox.contoso.example';
const start = (user: string, mode: 'push' | 'otp' = 'push', ticket = 'INC-7') => ({
  profileId: ENTRA_SANDBOX_PROFILE_ID,
  subject: `${user}@${domain}`,
  reason: 'Password reset requested by phone',
  ticket,
  mode,
});
const lookup = (rt: TestRuntime, user: string) => rt.call('verify:methods', { profileId: ENTRA_SANDBOX_PROFILE_ID, subject: `${user}@${domain}` });

function finalView(rt: TestRuntime, id: string): Promise<VerificationView> {
  return new Promise((resolve) => {
    const stop = rt.runtime.events.subscribe((event, payload) => {
      const view = payload as VerificationView;
      if (event === 'verification:updated' && view.id === id && view.status !== 'pending' && view.status !== 'awaiting_code') {
        stop();
        resolve(view);
      }
    });
  });
}

describe('methods first', () => {
  it('refuses a push to an account the lookup shows has no push method, without a row, a count or a request', async () => {
    t = await startTestRuntime();
    ok(await lookup(t, 'sms'));
    const begins = entraSim(t).counts().begins;
    for (let i = 0; i < 4; i += 1) {
      const refused = await t.call('verify:start', start('sms'));
      expect(refused).toMatchObject({ ok: false, code: 'bad_request', message: expect.stringMatching(/has no method that can receive a push.*code read-back/) });
    }
    expect(entraSim(t).counts().begins).toBe(begins);
    expect(ok(await t.call('audit:list', { search: 'verify.push' }))).toEqual([]);
    // Nothing was counted: the limit of three per account still allows a code read-back now.
    const code = ok(await t.call('verify:start', start('sms', 'otp')));
    expect(code.status).toBe('pending');
    ok(await t.call('verify:cancel', { verificationId: code.id }));
  });

  it('refuses both modes for an account with phone calls only, and a code check for a push-only account', async () => {
    t = await startTestRuntime();
    ok(await lookup(t, 'voice'));
    expect(await t.call('verify:start', start('voice'))).toMatchObject({ ok: false, message: expect.stringMatching(/push or give a code.*another way/) });
    expect(await t.call('verify:start', start('voice', 'otp'))).toMatchObject({ ok: false, code: 'bad_request' });
    ok(await lookup(t, 'push'));
    expect(await t.call('verify:start', start('push', 'otp'))).toMatchObject({ ok: false, message: expect.stringMatching(/no method that gives a code/) });
    expect(ok(await t.call('audit:list', { search: 'verify.' })).map((r) => r.action)).toEqual(['verify.methods', 'verify.methods']);
  });

  it('lets the push go when the lookup shows a push method, or when no lookup was made (the provider then decides)', async () => {
    t = await startTestRuntime();
    entraSim(t).setUserBehaviour(`push@${domain}`, { action: 'deny', delayMs: 10 });
    ok(await lookup(t, 'push'));
    const pushed = ok(await t.call('verify:start', start('push')));
    expect((await finalView(t, pushed.id)).status).toBe('denied');
    const unchecked = ok(await t.call('verify:start', start('sms')));
    expect((await finalView(t, unchecked.id)).code).toBe('AuthenticationMethodNotConfigured');
  });
});

describe('what the agent records after an outcome', () => {
  it('records "did not proceed" and "escalated" once each, for a denial, next to the verification', async () => {
    t = await startTestRuntime();
    entraSim(t).setUserBehaviour(`push@${domain}`, { action: 'deny', delayMs: 10 });
    const started = ok(await t.call('verify:start', start('push', 'push', 'INC-DENIED-7')));
    expect(await t.call('verify:record', { verificationId: started.id, decision: 'do_not_proceed' })).toMatchObject({ ok: false, code: 'conflict' });
    const denied = await finalView(t, started.id);
    expect(denied.decisions).toEqual({ do_not_proceed: null, escalated: null });

    const first = ok(await t.call('verify:record', { verificationId: started.id, decision: 'do_not_proceed' }));
    expect(first.decisions.do_not_proceed).toMatch(/^\d{4}-\d\d-\d\dT/);
    const again = ok(await t.call('verify:record', { verificationId: started.id, decision: 'do_not_proceed' }));
    expect(again.decisions.do_not_proceed).toBe(first.decisions.do_not_proceed);
    const escalated = ok(await t.call('verify:record', { verificationId: started.id, decision: 'escalated' }));
    expect(escalated.decisions.escalated).not.toBeNull();

    const rows = ok(await t.call('audit:list', { search: 'INC-DENIED-7' }));
    expect(rows.map((r) => r.action).sort()).toEqual(['verify.escalated', 'verify.not_proceeded', 'verify.push']);
    expect(rows.find((r) => r.action === 'verify.not_proceeded')).toMatchObject({
      outcome: 'recorded',
      outcomeCode: 'PhoneAppDenied',
      target: `push@${domain}`,
      operator: 'test.agent',
      refs: expect.objectContaining({ contextId: started.contextId, verificationId: started.id }),
    });
  });

  it('refuses to record anything about an approval', async () => {
    t = await startTestRuntime();
    entraSim(t).setUserBehaviour(`push@${domain}`, { action: 'approve', delayMs: 10 });
    const started = ok(await t.call('verify:start', start('push')));
    const approved = await finalView(t, started.id);
    expect(approved.nextSteps).toBe(
      `You may go ahead with the reset for ticket INC-7, for push@${domain} only. Give the reset step the verification token below within 60 seconds; it is valid once. A new request needs a new verification.`,
    );
    expect(await t.call('verify:record', { verificationId: started.id, decision: 'do_not_proceed' })).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('says who cancelled, without repeating the word', async () => {
    t = await startTestRuntime();
    const started = ok(await t.call('verify:start', start('push')));
    const cancelled = ok(await t.call('verify:cancel', { verificationId: started.id }));
    expect(cancelled).toMatchObject({ status: 'cancelled', title: 'You cancelled the verification' });
  });
});
