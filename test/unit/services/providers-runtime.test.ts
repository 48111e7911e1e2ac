/**
 * Providers as modules, through the app runtime: each provider's own subject rule at the IPC boundary, limits
 * counted on the canonical subject, the service's own deadline, and the sandbox turned on and off.
 */
import fs from 'node:fs';
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
const request = (subject: string) => ({
  profileId: ENTRA_SANDBOX_PROFILE_ID,
  subject,
  reason: 'Password reset requested by phone',
  ticket: 'INC-7',
  mode: 'push' as const,
});

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

describe('providers through the runtime', () => {
  it('checks the account with the provider’s own rule, naming the field, and sends nothing', async () => {
    t = await startTestRuntime();
    const refused = await t.call('verify:start', request('not an account'));
    expect(refused).toEqual({ ok: false, code: 'bad_request', message: 'subject: must look like name@contoso.com' });
    expect(await t.call('verify:methods', { profileId: ENTRA_SANDBOX_PROFILE_ID, subject: 'x@' })).toMatchObject({ ok: false, code: 'bad_request' });
    expect(entraSim(t).counts().connectorRequests).toBe(0);
    expect(ok(await t.call('audit:list', {}))).toEqual([]);
  });

  it('keeps both the typed and the canonical account, and counts limits on the canonical one', async () => {
    t = await startTestRuntime();
    entraSim(t).setUserBehaviour(`push@${domain}`, { action: 'deny', delayMs: 10 });
    for (const typed of [`Push@${domain}`, `PUSH@${domain.toUpperCase()}`, ` push@${domain} `]) {
      const started = ok(await t.call('verify:start', request(typed)));
      await finalView(t, started.id);
    }
    const rows = ok(await t.call('audit:list', { search: 'verify.push' }));
    expect(rows.map((r) => r.target).sort()).toEqual([`PUSH@${domain.toUpperCase()}`, `Push@${domain}`, `push@${domain}`].sort());
    expect(new Set(rows.map((r) => r.targetCanonical))).toEqual(new Set([`push@${domain}`]));
    expect(rows.every((r) => r.sandbox)).toBe(true);
    expect(await t.call('verify:start', request(`pUsH@${domain}`))).toMatchObject({ ok: false, code: 'rate_limited' });
  });

  it('ends a verification the provider never finishes at the service’s own deadline, as timed out', async () => {
    t = await startTestRuntime({ limits: { pendingMs: 400 } });
    const started = ok(await t.call('verify:start', request(`push@${domain}`)));
    const done = await finalView(t, started.id);
    expect(done).toMatchObject({ status: 'timeout', code: 'app_deadline', ambiguous: true });
    expect(done.nextSteps).toMatch(/Do not send another push/);
    expect(ok(await t.call('audit:list', { search: 'verify.push' }))[0]).toMatchObject({ outcome: 'timeout', outcomeCode: 'app_deadline' });
  });

  it('offers the sandbox only when on; turning it on is remembered and logged, and its profiles come and go', async () => {
    const first = await startTestRuntime({ keepData: true, sandbox: { defaultOn: false } });
    t = first;
    expect(ok(await first.call('profiles:list', {})).some((p) => p.sandbox)).toBe(false);
    expect(ok(await first.call('sandbox:state', {}))).toMatchObject({ enabled: false, backends: [] });
    expect(await first.call('verify:start', request(`push@${domain}`))).toMatchObject({ ok: false, code: 'not_found' });
    expect(ok(await first.call('app:info', {})).sandboxOffered).toBe(true);

    const on = ok(await first.call('sandbox:setEnabled', { enabled: true }));
    expect(on.enabled).toBe(true);
    expect(on.backends.map((b) => b.profileId)).toContain(ENTRA_SANDBOX_PROFILE_ID);
    expect(ok(await first.call('profiles:list', {})).filter((p) => p.sandbox).map((p) => p.id)).toContain(ENTRA_SANDBOX_PROFILE_ID);
    expect(ok(await first.call('audit:list', { search: 'sandbox.enable' }))).toHaveLength(1);
    await first.close();

    t = await startTestRuntime({ dataDir: first.dataDir, sandbox: { defaultOn: false } });
    expect(ok(await t.call('sandbox:state', {})).enabled).toBe(true);
    ok(await t.call('sandbox:setEnabled', { enabled: false }));
    expect(ok(await t.call('profiles:list', {})).some((p) => p.sandbox)).toBe(false);
    await t.close();
    t = null;
    fs.rmSync(first.dataDir, { recursive: true, force: true });
  });

  it('every simulated provider offers "Normal" first, and the armed fault is always one it offers', async () => {
    t = await startTestRuntime();
    const state = ok(await t.call('sandbox:state', {}));
    expect(state.backends.length).toBeGreaterThanOrEqual(2);
    for (const backend of state.backends) {
      // The app's own authenticator runs in-process: nothing to fault, and nothing armed.
      if (backend.faults.length === 0) {
        expect(backend.nextFault, backend.profileName).toBe('none');
        continue;
      }
      expect(backend.faults[0], backend.profileName).toEqual({ id: 'none', label: 'Normal' });
      expect(backend.faults.map((f) => f.id), backend.profileName).toContain(backend.nextFault);
    }
  });

  it('refuses the sandbox where it is not offered', async () => {
    t = await startTestRuntime({ sandbox: { offered: false } });
    expect(ok(await t.call('app:info', {})).sandboxOffered).toBe(false);
    expect(await t.call('sandbox:setEnabled', { enabled: true })).toMatchObject({ ok: false, code: 'forbidden' });
  });
});
