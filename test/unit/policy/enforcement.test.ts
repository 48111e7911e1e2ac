/**
 * Every rule of the policy, through the IPC handlers of a real runtime on the app's defaults (or the policy
 * a test states): each refuses with a precise message at the right field and an audit entry, and nothing
 * reaches the provider. Includes a push-bomb of 100 rapid requests, counted at the simulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ok, type TestRuntime } from '../../helpers/runtime.js';
import { ENTRA_SANDBOX_PROFILE_ID, entraSim } from '../../helpers/sandbox.js';
import { domain, finalView, lastEntry, policyRuntime, request, verifyOnce } from '../../helpers/policy-runtime.js';

let running: TestRuntime | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});
async function start(...args: Parameters<typeof policyRuntime>) {
  const made = await policyRuntime(...args);
  running = made.rt;
  return made;
}

describe('required fields', () => {
  it('a missing request type, reason or ticket, or a ticket in the wrong format, is refused at its field and recorded', async () => {
    const { rt } = await start({ verification: { ticketFormats: ['INC#######'] } });
    const sim = entraSim(rt);
    const { reasonType: _type, ...untyped } = request('push', 'INC0012345');
    const cases = [
      [untyped, 'reasonType: is required: choose what the caller is asking for', 'reason_missing'],
      [{ ...request('push', 'INC0012345'), reasonType: 'Pizza' }, expect.stringMatching(/^reasonType: must be one of the listed request types \(Password reset; /), 'reason_unlisted'],
      [request('push', 'INC0012345', { reason: '  ' }), 'reason: is required: say why the caller needs this', 'reason_missing'],
      [request('push', ''), 'ticket: is required', 'ticket_missing'],
      [request('push', 'INC-42'), 'ticket: must be INC followed by 7 digits (for example INC1234567)', 'ticket_format'],
    ] as const;
    for (const [input, message, rule] of cases) {
      expect(await rt.call('verify:start', input)).toEqual({ ok: false, code: 'bad_request', message });
      expect(await lastEntry(rt, 'policy_decision')).toMatchObject({ outcome: 'refused', reasonCode: rule, action: 'policy.verify', target: `push@${domain}` });
    }
    expect(sim.counts().begins).toBe(0);
    // The policy's rules are what the Verify form shows.
    expect(ok(await rt.call('policy:view', {}))).toMatchObject({ ticketFormats: [{ template: 'INC#######', words: 'INC followed by 7 digits', example: 'INC1234567' }], reasons: expect.arrayContaining(['Password reset']) });
    const fine = ok(await rt.call('verify:start', request('push', 'inc0012345')));
    expect(fine).toMatchObject({ reasonType: 'Password reset', reason: 'Caller locked out after leave' });
    expect(await lastEntry(rt, 'policy_decision')).toMatchObject({ outcome: 'allowed', data: { requiredAssurance: 'low' } });
  });
});

describe('push limits', () => {
  it('a cooldown follows any verification of an account: no second push until it ends, a code read-back meanwhile is fine', async () => {
    const { rt, clock } = await start(null);
    entraSim(rt).setUserBehaviour(`push-totp@${domain}`, { action: 'approve', delayMs: 10 });
    expect((await verifyOnce(rt, request('push-totp', 'INC-1'))).status).toBe('approved');
    const again = await rt.call('verify:start', request('push-totp', 'INC-2'));
    expect(again).toMatchObject({ ok: false, code: 'rate_limited', message: expect.stringMatching(/^subject: cannot get another push for (1 minute \d+ seconds|2 minutes) \(until \d\d:\d\d:\d\d UTC\)/) });
    expect(await lastEntry(rt, 'excess_rate_limit_exceeded')).toMatchObject({ outcome: 'refused', reasonCode: 'cooldown', ticket: 'INC-2', data: { cooldownSeconds: 120 } });
    const code = ok(await rt.call('verify:start', request('push-totp', 'INC-3', { mode: 'otp' })));
    ok(await rt.call('verify:cancel', { verificationId: code.id }));
    clock.advance(121_000);
    expect(ok(await rt.call('verify:start', request('push-totp', 'INC-4'))).status).toBe('pending');
  });

  it('after an ambiguous outcome (a push may be on the phone) the same account cannot be pushed until the cooldown ends', async () => {
    const { rt, clock } = await start(null);
    ok(await rt.call('sandbox:setFault', { profileId: ENTRA_SANDBOX_PROFILE_ID, fault: 'http_500' }));
    const failed = await verifyOnce(rt, request('push', 'INC-5'));
    expect(failed).toMatchObject({ status: 'error', ambiguous: true, nextSteps: expect.stringMatching(/^Do not send another push/) });
    expect(await rt.call('verify:start', request('push', 'INC-5'))).toMatchObject({ ok: false, code: 'rate_limited', message: expect.stringMatching(/^subject: cannot get another push/) });
    clock.advance(60_000);
    expect(await rt.call('verify:start', request('push', 'INC-5'))).toMatchObject({ ok: false, code: 'rate_limited' });
    clock.advance(61_000);
    expect(ok(await rt.call('verify:start', request('push', 'INC-5'))).status).toBe('pending');
    // The faulted push and this one: nothing else reached the connector.
    await expect.poll(() => entraSim(rt).counts().connectorRequests, { timeout: 5000 }).toBe(2);
  });

  it('caps an account per hour, whatever the outcomes, and an operator per hour', async () => {
    const { rt, clock } = await start({ limits: { cooldownSeconds: 0, perOperatorPerHour: 4 } });
    const sim = entraSim(rt);
    sim.setUserBehaviour(`push@${domain}`, { action: 'approve', delayMs: 10 });
    for (let i = 0; i < 3; i += 1) await verifyOnce(rt, request('push', `INC-${i}`));
    expect(await rt.call('verify:start', request('push', 'INC-9'))).toMatchObject({
      ok: false,
      code: 'rate_limited',
      message: expect.stringMatching(/^subject: was already sent 3 verifications in the last hour, the most this app allows \(3\)\. .*push-bombing/),
    });
    expect(await lastEntry(rt, 'excess_rate_limit_exceeded')).toMatchObject({ reasonCode: 'target_hourly_cap', data: { count: 3, cap: 3 } });
    sim.setUserBehaviour(`push-totp@${domain}`, { action: 'approve', delayMs: 10 });
    await verifyOnce(rt, request('push-totp', 'INC-10'));
    expect(await rt.call('verify:start', request('approves', 'INC-11'))).toEqual({
      ok: false,
      code: 'rate_limited',
      message: 'You started 4 verifications in the last hour, the most one operator may (4). Wait a while, or ask a colleague or your administrator.',
    });
    expect(await lastEntry(rt, 'excess_rate_limit_exceeded')).toMatchObject({ reasonCode: 'operator_rate', target: `approves@${domain}` });
    expect(sim.counts().begins).toBe(4);
    clock.advance(3_601_000);
    expect(ok(await rt.call('verify:start', request('push', 'INC-12'))).status).toBe('pending');
  });

  it('limits methods lookups per account and per operator', async () => {
    const { rt } = await start({ limits: { lookupsPerTargetPerHour: 2, lookupsPerOperatorPerHour: 3 } });
    const lookup = (user: string) => rt.call('verify:methods', { profileId: ENTRA_SANDBOX_PROFILE_ID, subject: `${user}@${domain}` });
    ok(await lookup('push'));
    ok(await lookup('push'));
    expect(await lookup('push')).toMatchObject({ ok: false, code: 'rate_limited', message: expect.stringMatching(/^The methods of push@sandbox\.contoso\.example were looked up 2 times in the last hour/) });
    expect(await lastEntry(rt, 'excess_rate_limit_exceeded')).toMatchObject({ action: 'policy.lookup', reasonCode: 'lookup_target_limit' });
    ok(await lookup('sms'));
    expect(await lookup('totp')).toMatchObject({ ok: false, code: 'rate_limited', message: expect.stringMatching(/^You looked up 3 accounts’ methods in the last hour/) });
    expect(entraSim(rt).counts().methodLookups).toBe(3);
  });

  it('a push-bomb of 100 rapid requests through the IPC API reaches the provider at most as often as the policy allows', async () => {
    const bomb = async (rt: TestRuntime) => {
      const answers = [];
      for (let i = 0; i < 100; i += 1) {
        answers.push(rt.call('verify:start', request('push', `BOMB-${i}`)));
        // Rapid, but spread over the verifications' lifetimes: every 5th request waits a moment.
        if (i % 5 === 4) await new Promise((resolve) => setTimeout(resolve, 15));
      }
      return Promise.all(answers);
    };
    const defaults = await start(null);
    entraSim(defaults.rt).setUserBehaviour(`push@${domain}`, { action: 'deny', delayMs: 5 });
    const first = await bomb(defaults.rt);
    // The defaults: one push, then "in progress", then the cooldown.
    expect(entraSim(defaults.rt).counts().begins).toBe(1);
    expect(first.filter((a) => a.ok)).toHaveLength(1);
    expect(new Set(first.flatMap((a) => (a.ok ? [] : [a.code])))).toEqual(new Set(['conflict', 'rate_limited']));
    await running!.close();
    // Without a cooldown the hourly cap still holds, and two denials lock the account first.
    const bare = await start({ limits: { cooldownSeconds: 0 } });
    entraSim(bare.rt).setUserBehaviour(`push@${domain}`, { action: 'deny', delayMs: 5 });
    await bomb(bare.rt);
    expect(entraSim(bare.rt).counts().begins).toBeLessThanOrEqual(2);
    expect(ok(await bare.rt.call('policy:locks', {}))).toMatchObject([{ target: `push@${domain}`, reason: 'repeated_denials' }]);
  }, 30_000);
});

describe('managed settings', () => {
  it('a setting the managed policy fixes is refused from the UI with a precise message and an audit entry', async () => {
    const { rt } = await start({ sandbox: { offered: true }, audit: { retentionDays: 400 }, providers: { userProfiles: false, allowed: ['entra'] } });
    const where = '/etc/mfa-approver/policy.json';
    expect(ok(await rt.call('policy:view', {}))).toMatchObject({ source: where, managed: ['sandbox', 'audit.retention', 'profiles'] });
    expect(await rt.call('sandbox:setEnabled', { enabled: false })).toEqual({
      ok: false,
      code: 'forbidden',
      message: `Whether the sandbox is offered is set by your organisation’s managed policy (${where}) and cannot be changed here. Ask your administrator.`,
    });
    expect(await lastEntry(rt, 'policy_decision')).toMatchObject({ outcome: 'refused', reasonCode: 'managed_setting', action: 'policy.setting', data: { setting: 'sandbox' } });
    expect(ok(await rt.call('sandbox:state', {})).enabled).toBe(true);
    expect(await rt.call('audit:setRetention', { days: 90 })).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringMatching(/^How long audit entries are kept is set by/) });
    expect(ok(await rt.call('audit:settings', {})).retentionDays).toBe(400);
    expect(await rt.call('profiles:save', { kind: 'entra', displayName: 'Contoso', settings: { tenant: 'contoso.com' } })).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringMatching(/^Adding and changing profiles is set by/) });
    expect(ok(await rt.call('profiles:list', {})).filter((p) => !p.sandbox)).toEqual([]);
  });

  it('a policy that does not offer the sandbox leaves it out entirely; one that allows only some providers refuses the others', async () => {
    const { rt } = await start({ sandbox: { offered: false }, providers: { allowed: ['ciba'] } });
    expect(ok(await rt.call('app:info', {})).sandboxOffered).toBe(false);
    expect(await rt.call('profiles:save', { kind: 'entra', displayName: 'Contoso', settings: { tenant: 'contoso.com' } })).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringMatching(/^Which providers may be used \(ciba\) is set by/) });
  });
});

describe('quick expiry', () => {
  it('a pending verification ends as TIMED OUT at the policy’s hard limit (90 s by default), never as an error', async () => {
    expect(ok(await (await start(null)).rt.call('policy:view', {})).limits.pendingSeconds).toBe(90);
    await running!.close();
    const { rt } = await start(null, { limits: { pendingMs: 300 } });
    const started = ok(await rt.call('verify:start', request('push')));
    expect(await finalView(rt, started.id)).toMatchObject({ status: 'timeout', code: 'app_deadline', ambiguous: true });
  });
});
