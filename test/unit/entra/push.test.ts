import { randomUUID } from 'node:crypto';
import { afterEach, describe, it, expect } from 'vitest';
import { isAbortError } from '../../../main/services/clock.js';
import { DENIAL_STEPS } from '../../../main/providers/entra/outcome-table.js';
import { outcomeOf, start, startRig, virtualClock, type Rig, subjectOf } from './helpers.js';

let rig: Rig;
afterEach(async () => rig?.close());

const user = (name: string): string => `${name}@${rig.sim.tenantDomain}`;

describe('push verification, sync mode', () => {
  it('approves when the user approves, with ContextId, SessionId and datacenter refs', async () => {
    rig = await startRig();
    const step = await start(rig.provider, user('push'));
    expect(outcomeOf(step)).toMatchObject({ status: 'approved', code: 'Success' });
    expect(step.refs).toMatchObject({ datacenter: 'SIM' });
    expect(step.refs.contextId).toMatch(/^[0-9a-f-]{36}$/);
    expect(step.refs.sessionId).toBeTruthy();
    const [entry] = rig.sim.transcript();
    expect(entry).toMatchObject({
      op: 'BeginTwoWayAuthentication',
      method: 'PhoneAppNotification',
      callerName: 'radius',
      outcome: 'Success',
      contextId: step.refs.contextId,
    });
  });

  it('reports a denial and a fraud report with the social-engineering next steps', async () => {
    rig = await startRig();
    rig.sim.setUserBehaviour(user('push'), { action: 'deny', delayMs: 5 });
    const denied = outcomeOf(await start(rig.provider, user('push')));
    expect(denied).toMatchObject({ status: 'denied', code: 'PhoneAppDenied', nextSteps: DENIAL_STEPS });
    rig.sim.setUserBehaviour(user('push'), { action: 'fraud', delayMs: 5 });
    const fraud = outcomeOf(await start(rig.provider, user('push')));
    expect(fraud).toMatchObject({ status: 'fraud', code: 'PhoneAppFraudReported', nextSteps: DENIAL_STEPS });
  });

  it('times out when nobody answers the push', async () => {
    rig = await startRig({ pushTimeoutMs: 200 });
    rig.sim.setUserBehaviour(user('push'), { action: 'ignore' });
    const outcome = outcomeOf(await start(rig.provider, user('push')));
    expect(outcome).toMatchObject({ status: 'timeout', code: 'PhoneAppNoResponse' });
  });

  it('waits for the agent on an interactive push and shows it as a phone prompt', async () => {
    rig = await startRig({ defaultBehaviour: 'interactive', pushTimeoutMs: 5000 });
    let changes = 0;
    const unsubscribe = rig.sim.onChange(() => (changes += 1));
    const pending = start(rig.provider, user('push-totp'));
    for (let i = 0; i < 200 && rig.sim.prompts().length === 0; i += 1) await new Promise((r) => setTimeout(r, 5));
    const [prompt] = rig.sim.prompts();
    expect(prompt).toMatchObject({ upn: user('push-totp'), kind: 'push', code: null });
    expect(rig.sim.respond('no-such-prompt', 'approve')).toBe(false);
    expect(rig.sim.respond(prompt!.id, 'approve')).toBe(true);
    expect(outcomeOf(await pending).status).toBe('approved');
    expect(rig.sim.prompts()).toHaveLength(0);
    expect(changes).toBeGreaterThanOrEqual(2);
    unsubscribe();
  });

  it('names the user problems: not found, other tenant, blocked, no methods, push not registered', async () => {
    rig = await startRig();
    const cases: [string, string][] = [
      [user('nobody'), 'UserNotFound'],
      ['someone@fabrikam.example', 'AccessDenied'],
      [user('blocked'), 'UserIsBlocked'],
      [user('no-methods'), 'NoDefaultAuthenticationMethodIsConfigured'],
      [user('sms'), 'AuthenticationMethodNotConfigured'],
    ];
    for (const [upn, code] of cases) {
      const outcome = outcomeOf(await start(rig.provider, upn));
      expect(outcome).toMatchObject({ status: 'error', code });
      expect(outcome.nextSteps).toBeTruthy();
    }
    expect(outcomeOf(await start(rig.provider, 'not a upn')).code).toBe('invalid_upn');
  });

  it('reports throttling, both from the per-user window and from the injected fault', async () => {
    rig = await startRig({ throttle: { maxBegins: 2, windowMs: 60_000 } });
    await start(rig.provider, user('push'));
    await start(rig.provider, user('push'));
    const throttled = outcomeOf(await start(rig.provider, user('push')));
    expect(throttled).toMatchObject({ status: 'error', code: 'AuthenticationThrottled' });
    rig.sim.setFault('throttle');
    expect(outcomeOf(await start(rig.provider, user('push-totp'))).code).toBe('AuthenticationThrottled');
    expect(rig.sim.nextFault()).toBe('none');
  });

  it('ends as timed out (maybe on the phone) when the HTTP call outlives the client timeout, and never retries Begin', async () => {
    rig = await startRig({ defaultBehaviour: 'interactive', pushTimeoutMs: 2000 });
    const provider = rig.providerWith({}, { options: { syncBeginTimeoutMs: 150 } });
    const outcome = outcomeOf(await start(provider, user('push')));
    expect(outcome).toMatchObject({ status: 'timeout', code: 'timeout', ambiguous: true });
    expect(outcome.nextSteps).toContain('Do not send another push');
    expect(rig.sim.counts().begins).toBe(1);
  });

  it('a stalled connector ends as TIMED OUT at the profile’s deadline (no client override), saying a push may be out', async () => {
    rig = await startRig({ defaultBehaviour: 'interactive', pushTimeoutMs: 5000 });
    rig.sim.setFault('stall');
    // The schema allows 10 s at least; the provider takes the profile as parsed, so a test may go lower.
    const provider = rig.providerWith({ mode: 'sync', deadlineMs: 400 });
    const started = Date.now();
    const outcome = outcomeOf(await start(provider, user('push')));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(outcome).toMatchObject({ status: 'timeout', ambiguous: true, title: 'Entra ID did not answer in time' });
    expect(outcome.message).toMatch(/^Entra ID did not answer within 1 seconds?\. The request may already have reached/);
    expect(rig.sim.counts().connectorRequests).toBe(1);
  });

  it('cancels a blocking push through the AbortSignal', async () => {
    rig = await startRig({ defaultBehaviour: 'interactive', pushTimeoutMs: 2000 });
    const controller = new AbortController();
    const pending = start(rig.provider, user('push'), 'push', controller.signal);
    setTimeout(() => controller.abort(), 100);
    const error = await pending.then(() => null, (e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(rig.sim.counts().begins).toBe(1);
  });
});

describe('push verification, async mode', () => {
  it('polls End at the AffinityUrl until the user approves', async () => {
    const behaviour = { action: 'approve', delayMs: 40 } as const;
    rig = await startRig({ defaultBehaviour: behaviour }, { mode: 'async' }, { clock: virtualClock() });
    const seen: Record<string, string>[] = [];
    const signal = new AbortController().signal;
    const step = await start(rig.provider, user('push'), 'push', signal, (refs) => seen.push(refs));
    expect(outcomeOf(step).status).toBe('approved');
    expect(seen[0]).toMatchObject({ datacenter: 'SIM', sessionId: step.refs.sessionId });
    const ops = rig.sim.transcript().map((e) => `${e.op}:${e.outcome}`);
    expect(ops[0]).toBe('BeginTwoWayAuthentication:Pending');
    expect(ops.at(-1)).toBe('EndTwoWayAuthentication:Success');
  });

  it('tells the agent the push went out, and how many times the app has checked since', async () => {
    rig = await startRig({ defaultBehaviour: { action: 'approve', delayMs: 100 } }, { mode: 'async', pollIntervalMs: 1000 }, { clock: virtualClock() });
    const progress: object[] = [];
    const step = await rig.provider.start({
      subject: subjectOf(user('push')),
      contextId: randomUUID(),
      mode: 'push',
      signal: new AbortController().signal,
      onProgress: (update) => progress.push(update),
    });
    expect(outcomeOf(step).status).toBe('approved');
    expect(progress[0]).toMatchObject({ delivered: true });
    expect(progress.filter((p) => 'polls' in p).map((p) => (p as { polls: number }).polls)).toEqual(
      Array.from({ length: rig.sim.counts().ends }, (_, i) => i + 1),
    );
  });

  it('reports a denial found by polling', async () => {
    const behaviour = { action: 'deny', delayMs: 10 } as const;
    rig = await startRig({ defaultBehaviour: behaviour }, { mode: 'async' }, { clock: virtualClock() });
    expect(outcomeOf(await start(rig.provider, user('push'))).status).toBe('denied');
  });

  it('stops at the deadline with a bounded number of polls', async () => {
    const settings = { mode: 'async', deadlineMs: 10_000, pollIntervalMs: 1000 } as const;
    rig = await startRig({ pushTimeoutMs: 10_000 }, settings, { clock: virtualClock() });
    rig.sim.setUserBehaviour(user('push'), { action: 'ignore' });
    const outcome = outcomeOf(await start(rig.provider, user('push')));
    expect(outcome).toMatchObject({ status: 'timeout', code: 'deadline_exceeded' });
    expect(rig.sim.counts().ends).toBeLessThanOrEqual(11);
    expect(rig.sim.counts().begins).toBe(1);
  });
});
