/**
 * The verification service over the real Entra client and the sandbox simulator on loopback: outcomes,
 * audit rows written before sending, push-bombing limits, cancel, and code-entry expiry.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { VerificationView } from '../../../contract/domain.js';
import { ENTRA_SANDBOX_PROFILE_ID as SANDBOX_PROFILE_ID, entraSim } from '../../helpers/sandbox.js';
import { ok, startTestRuntime, type TestRuntime } from '../../helpers/runtime.js';

let t: TestRuntime | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function runtime(options: Parameters<typeof startTestRuntime>[0] = {}): Promise<TestRuntime> {
  t = await startTestRuntime(options);
  return t;
}

const domain = 'sandbox.contoso.example';
const request = (user: string, ticket = 'INC-42') => ({
  profileId: SANDBOX_PROFILE_ID,
  subject: `${user}@${domain}`,
  reason: 'Password reset requested by phone',
  ticket,
  mode: 'push' as const,
});

/** Resolves with the first update of `id` that is final (bounded by the test timeout). */
function finalView(rt: TestRuntime, id: string): Promise<VerificationView> {
  return new Promise((resolve) => {
    const stop = rt.runtime.events.subscribe((event, payload) => {
      if (event !== 'verification:updated') return;
      const view = payload as VerificationView;
      if (view.id === id && view.status !== 'pending' && view.status !== 'awaiting_code') {
        stop();
        resolve(view);
      }
    });
  });
}

describe('verification service', () => {
  it('logs the request before the push is sent and completes the row with the outcome', async () => {
    const rt = await runtime();
    entraSim(rt).setUserBehaviour(`push@${domain}`, { action: 'approve', delayMs: 150 });
    const started = ok(await rt.call('verify:start', request('push')));
    expect(started.status).toBe('pending');
    const pending = ok(await rt.call('audit:list', { search: 'verify.push' }));
    expect(pending[0]).toMatchObject({ outcome: 'pending', target: `push@${domain}`, ticket: 'INC-42', operator: 'test.agent' });
    expect(pending[0]?.refs.contextId).toBe(started.contextId);

    const done = await finalView(rt, started.id);
    expect(done).toMatchObject({ status: 'approved', code: 'Success' });
    const row = ok(await rt.call('audit:list', { search: 'verify.push' }))[0];
    expect(row).toMatchObject({ outcome: 'approved', outcomeCode: 'Success' });
    expect(row?.endedAt).not.toBeNull();
  });

  it('each push carries a fresh ContextId', async () => {
    const rt = await runtime();
    const sim = entraSim(rt);
    sim.setUserBehaviour(`push@${domain}`, { action: 'deny', delayMs: 10 });
    const a = ok(await rt.call('verify:start', request('push')));
    await finalView(rt, a.id);
    const b = ok(await rt.call('verify:start', request('push')));
    await finalView(rt, b.id);
    expect(a.contextId).not.toBe(b.contextId);
    const sent = sim.transcript().filter((e) => e.op === 'BeginTwoWayAuthentication').map((e) => e.contextId);
    expect(sent).toEqual([a.contextId, b.contextId]);
  });

  it('refuses a second push to someone who has one pending, and a fourth within the window', async () => {
    const rt = await runtime();
    const sim = entraSim(rt);
    sim.setUserBehaviour(`push@${domain}`, { action: 'deny', delayMs: 300 });
    const first = ok(await rt.call('verify:start', request('push')));
    expect(await rt.call('verify:start', request('push'))).toMatchObject({ ok: false, code: 'conflict' });
    await finalView(rt, first.id);
    for (let i = 0; i < 2; i += 1) {
      const next = ok(await rt.call('verify:start', request('push')));
      await finalView(rt, next.id);
    }
    const fourth = await rt.call('verify:start', request('push'));
    expect(fourth).toMatchObject({ ok: false, code: 'rate_limited', message: expect.stringMatching(/push-bombing/) });
    expect(sim.counts().connectorRequests).toBeLessThanOrEqual(3);
  });

  it('push-bombing limits survive a restart of the app', async () => {
    const first = await startTestRuntime({ keepData: true });
    entraSim(first).setUserBehaviour(`push@${domain}`, { action: 'deny', delayMs: 10 });
    for (let i = 0; i < 3; i += 1) {
      const started = ok(await first.call('verify:start', request('push')));
      await finalView(first, started.id);
    }
    await first.close();
    const again = await runtime({ dataDir: first.dataDir });
    expect(await again.call('verify:start', request('push'))).toMatchObject({ ok: false, code: 'rate_limited' });
    await again.close();
    t = null;
    fs.rmSync(first.dataDir, { recursive: true, force: true });
  });

  it('cancelling while a code is being checked logs the check as cancelled, not as an error', async () => {
    const rt = await runtime();
    const started = ok(await rt.call('verify:start', { ...request('sms'), mode: 'otp' }));
    await expect.poll(() => rt.runtime.sandbox!.state().prompts.length, { timeout: 5000 }).toBe(1);
    const sim = entraSim(rt);
    sim.configure({ latencyMs: 400 });
    const before = sim.counts().connectorRequests;
    const checking = rt.call('verify:submitCode', { verificationId: started.id, code: '123456' });
    // Cancel once the check has reached the connector (not after a fixed pause, which races under load).
    await expect.poll(() => sim.counts().connectorRequests, { timeout: 5000, interval: 5 }).toBeGreaterThan(before);
    ok(await rt.call('verify:cancel', { verificationId: started.id }));
    expect(ok(await checking).status).toBe('cancelled');
    const rows = ok(await rt.call('audit:list', { search: started.contextId }));
    expect(rows.find((r) => r.action === 'verify.code')).toMatchObject({ outcome: 'cancelled' });
    expect(rows.find((r) => r.action === 'verify.otp')).toMatchObject({ outcome: 'cancelled' });
    expect(rt.logLines.join('\n')).not.toContain('verification_failed');
  });

  it('cancel ends the wait as cancelled; a late approval does not change it', async () => {
    const rt = await runtime();
    const started = ok(await rt.call('verify:start', request('push')));
    const cancelled = ok(await rt.call('verify:cancel', { verificationId: started.id }));
    expect(cancelled.status).toBe('cancelled');
    const prompt = rt.runtime.sandbox!.state().prompts[0];
    if (prompt) rt.runtime.sandbox!.respond(prompt.id, 'approve');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const listed = ok(await rt.call('verify:list', {}));
    expect(listed[0]).toMatchObject({ id: started.id, status: 'cancelled' });
    expect(ok(await rt.call('audit:list', { search: 'verify.push' }))[0]).toMatchObject({ outcome: 'cancelled' });
  });

  it('a code challenge nobody answers ends as a timeout, not an approval', async () => {
    const rt = await runtime({ limits: { codeEntryMs: 300 } });
    const started = ok(await rt.call('verify:start', { ...request('sms'), mode: 'otp' }));
    const done = await finalView(rt, started.id);
    expect(done).toMatchObject({ status: 'timeout', code: 'code_not_entered' });
  });

  it('a code submitted to a verification that is not waiting for one is refused', async () => {
    const rt = await runtime();
    entraSim(rt).setUserBehaviour(`push@${domain}`, { action: 'approve', delayMs: 10 });
    const started = ok(await rt.call('verify:start', request('push')));
    await finalView(rt, started.id);
    expect(await rt.call('verify:submitCode', { verificationId: started.id, code: '123456' })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
  });

  it('a real profile without a secret fails with a clear error, never an approval', async () => {
    const rt = await runtime();
    const profile = ok(
      await rt.call('profiles:save', {
        kind: 'entra',
        displayName: 'No secret',
        settings: { tenant: domain, loginBaseUrl: 'http://127.0.0.1:9', connectorBaseUrl: 'http://127.0.0.1:9' },
      }),
    );
    const started = ok(await rt.call('verify:start', { ...request('push'), profileId: profile.id }));
    const done = await finalView(rt, started.id);
    expect(done.status).toBe('error');
    expect(done.message).toMatch(/secret/i);
    await rt.call('profiles:remove', { id: profile.id });
  });

  it('the sandbox profile cannot be edited, removed or given a secret', async () => {
    const rt = await runtime();
    expect(await rt.call('profiles:remove', { id: SANDBOX_PROFILE_ID })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await rt.call('profiles:setSecret', { id: SANDBOX_PROFILE_ID, secret: 'x' })).toMatchObject({ ok: false, code: 'forbidden' });
    const profiles = ok(await rt.call('profiles:list', {}));
    expect(profiles[0]).toMatchObject({ id: SANDBOX_PROFILE_ID, sandbox: true });
  });
});
