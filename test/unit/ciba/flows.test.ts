/** Push verification against the Auth0-style simulator: approve, deny, expiry, pacing, cancel, progress. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALICE, approveOnPhone, bindingOf, outcomeOf, startRig, verify, type CibaRig } from './helpers.js';

describe('CIBA push against the Auth0-style simulator', () => {
  let rig: CibaRig;
  beforeEach(async () => {
    rig = await startRig();
  });
  afterEach(async () => {
    await rig.close();
  });

  it('approves when the phone approves, after showing the binding code the phone also shows', async () => {
    const onPhone: (string | null)[] = [];
    const run = await verify(rig.provider, ALICE, {
      onProgress: (p) => {
        if (p.bindingMessage) onPhone.push(rig.sim.pending(ALICE).find((r) => r.bindingMessage === p.bindingMessage)?.bindingMessage ?? null);
        approveOnPhone(rig.sim, ALICE)(p);
      },
    });
    const outcome = outcomeOf(run.step);
    expect(outcome.status).toBe('approved');
    expect(bindingOf(run)).toMatch(/^MFA-\d{4}$/);
    expect(onPhone).toEqual([bindingOf(run)]);
    // Refs: a hash prefix of auth_req_id only, published as soon as it is known.
    expect(run.step.refs.authReq).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(run.refs[0]?.authReq).toBe(run.step.refs.authReq);
    expect(JSON.stringify(run)).not.toMatch(/access_token|eyJ/);
    expect(rig.sim.counts()).toMatchObject({ bcAuthorize: 1, token: 1, earlyPolls: 0 });
  });

  it('approves through the HTTP device hooks, which list the pending request with its binding message', async () => {
    const base = rig.sim.issuer.replace(/\/$/, '');
    let listed: { bindingMessage: string | null; id: string }[] = [];
    let approving: Promise<unknown> = Promise.resolve();
    const run = await verify(rig.provider, ALICE, {
      onProgress: (p) => {
        if (!p.bindingMessage) return;
        approving = (async () => {
          const answer = await fetch(`${base}/__sim/ciba/pending?sub=${encodeURIComponent(ALICE)}`);
          listed = ((await answer.json()) as { pending: typeof listed }).pending;
          await fetch(`${base}/__sim/ciba/${listed[0]!.id}/approve`, { method: 'POST' });
        })();
      },
    });
    await approving;
    expect(listed.map((r) => r.bindingMessage)).toEqual([bindingOf(run)]);
    expect(outcomeOf(run.step).status).toBe('approved');
  });

  it('counts 1 + polls requests per verification, each poll no sooner than the interval', async () => {
    let binding: string | null = null;
    const run = await verify(rig.provider, ALICE, {
      onProgress: (p) => {
        if (p.bindingMessage) binding = p.bindingMessage;
        if (p.polls === 3) approveOnPhone(rig.sim, ALICE)({ bindingMessage: binding });
      },
    });
    expect(outcomeOf(run.step).status).toBe('approved');
    expect(rig.sim.counts()).toMatchObject({ bcAuthorize: 1, token: 4, earlyPolls: 0, slowDowns: 0 });
    expect(run.progress.filter((p) => p.polls !== undefined).map((p) => p.polls)).toEqual([1, 2, 3, 4]);
    // Four polls at the simulator's 5 s interval: 20 s of (virtual) waiting.
    expect(rig.clock.advanced()).toBe(20_000);
  });

  it('denies with the account holder’s answer (access_denied), never approving', async () => {
    const run = await verify(rig.provider, ALICE, {
      onProgress: (p) => {
        const request = p.bindingMessage ? rig.sim.pending(ALICE)[0] : undefined;
        if (request) rig.sim.reject(request.id);
      },
    });
    const outcome = outcomeOf(run.step);
    expect(outcome).toMatchObject({ status: 'denied', code: 'access_denied' });
    expect(outcome.ambiguous).toBeFalsy();
    expect(outcome.message).toContain('account holder');
    expect(outcome.message).not.toMatch(/caller/i);
    expect(outcome.detail).toContain('access_denied');
  });

  it('reads an expired request as Auth0 does (access_denied), or as expired_token where the server says so', async () => {
    const expireFirst = (p: { bindingMessage?: string | null }): void => {
      const request = p.bindingMessage ? rig.sim.pending(ALICE)[0] : undefined;
      if (request) rig.sim.expire(request.id);
    };
    const auth0 = outcomeOf((await verify(rig.provider, ALICE, { onProgress: expireFirst })).step);
    expect(auth0).toMatchObject({ status: 'denied', code: 'access_denied' });
    rig.sim.configure({ expiryError: 'expired_token' });
    const standard = outcomeOf((await verify(rig.provider, ALICE, { onProgress: expireFirst })).step);
    expect(standard).toMatchObject({ status: 'timeout', code: 'expired_token' });
  });

  it('stops at the deadline, min(expires_in, requested expiry), without polling past it', async () => {
    rig.sim.configure({ maxExpiryS: 20 });
    const run = await verify(rig.provider, ALICE);
    expect(outcomeOf(run.step)).toMatchObject({ status: 'timeout', code: 'deadline_exceeded' });
    // Polls at 5, 10 and 15 s; one at 20 s would come after the deadline (real time moves on too), so none is sent.
    expect(rig.sim.counts()).toMatchObject({ token: 3, earlyPolls: 0 });
    expect(rig.clock.advanced()).toBeLessThanOrEqual(20_000);

    rig.sim.configure({ maxExpiryS: 300 });
    rig.sim.resetCounts();
    const short = await verify(rig.providerWith({ requestedExpiry: 30 }), ALICE);
    expect(outcomeOf(short.step)).toMatchObject({ status: 'timeout', code: 'deadline_exceeded' });
    expect(rig.sim.counts().token).toBe(5);
  });

  it('honours slow_down: +5 s each time and the Retry-After when longer, so no poll comes early', async () => {
    rig.sim.forceSlowDown(2);
    rig.sim.configure({ retryAfterExtraS: 10 });
    const run = await verify(rig.provider, ALICE, { onProgress: approveOnPhone(rig.sim, ALICE) });
    expect(outcomeOf(run.step).status).toBe('approved');
    // Poll 1 at 5 s: slow_down (Retry-After 20); poll 2 at 25 s: slow_down (Retry-After 25); poll 3 at 50 s.
    expect(rig.sim.counts()).toMatchObject({ token: 3, slowDowns: 2, earlyPolls: 0 });
    expect(rig.clock.advanced()).toBe(50_000);
  });

  it('gives up after repeated slow_down, saying a push may be out', async () => {
    // A request lifetime long enough for five ever slower polls (the 60 s default would end it first).
    await rig.close();
    rig = await startRig({}, { requestedExpiry: 120 });
    rig.sim.forceSlowDown(100);
    const run = await verify(rig.provider, ALICE);
    expect(outcomeOf(run.step)).toMatchObject({ status: 'error', code: 'slow_down_limit', ambiguous: true });
    expect(rig.sim.counts()).toMatchObject({ token: 5, earlyPolls: 0 });
  });

  it('reads invalid_grant (request used or unknown) as a final error', async () => {
    const run = await verify(rig.provider, ALICE, {
      onProgress: (p) => {
        const request = p.bindingMessage ? rig.sim.pending(ALICE)[0] : undefined;
        if (request) rig.sim.forget(request.id);
      },
    });
    expect(outcomeOf(run.step)).toMatchObject({ status: 'error', code: 'invalid_grant' });
  });

  it('cancels between polls: no request after the cancel', async () => {
    const controller = new AbortController();
    const run = await verify(rig.provider, ALICE, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.polls === 2) controller.abort();
      },
    });
    expect(outcomeOf(run.step)).toMatchObject({ status: 'error', code: 'cancelled' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rig.sim.counts()).toMatchObject({ bcAuthorize: 1, token: 2 });
  });

  it('cancels a poll in flight', async () => {
    const controller = new AbortController();
    const run = await verify(rig.provider, ALICE, {
      signal: controller.signal,
      onProgress: (p) => {
        if (!p.bindingMessage) return;
        rig.sim.setFault('stall');
        setTimeout(() => controller.abort(), 100);
      },
    });
    expect(outcomeOf(run.step)).toMatchObject({ status: 'error', code: 'cancelled' });
    expect(rig.sim.counts()).toMatchObject({ bcAuthorize: 1, token: 1 });
  });

  it('discovers once and fetches the signing keys once for several verifications; a rotated key refetches them once', async () => {
    for (let i = 0; i < 2; i += 1) {
      expect(outcomeOf((await verify(rig.provider, ALICE, { onProgress: approveOnPhone(rig.sim, ALICE) })).step).status).toBe('approved');
    }
    expect(rig.sim.counts()).toMatchObject({ discovery: 1, jwks: 1 });
    rig.sim.rotateKey();
    expect(outcomeOf((await verify(rig.provider, ALICE, { onProgress: approveOnPhone(rig.sim, ALICE) })).step).status).toBe('approved');
    expect(rig.sim.counts()).toMatchObject({ discovery: 1, jwks: 2 });
  });

  it('uses hand-entered endpoints without discovery', async () => {
    const base = rig.sim.issuer.replace(/\/$/, '');
    const provider = rig.providerWith({
      endpointMode: 'manual',
      backchannelEndpoint: `${base}/bc-authorize`,
      tokenEndpoint: `${base}/oauth/token`,
      jwksUri: `${base}/.well-known/jwks.json`,
    });
    expect(outcomeOf((await verify(provider, ALICE, { onProgress: approveOnPhone(rig.sim, ALICE) })).step).status).toBe('approved');
    expect(rig.sim.counts().discovery).toBe(0);
  });

  it('sends no binding message when the profile says none (the simulator, like Auth0, then refuses)', async () => {
    const run = await verify(rig.providerWith({ bindingMessage: 'none' }), ALICE);
    expect(bindingOf(run)).toBeNull();
    expect(outcomeOf(run.step)).toMatchObject({ status: 'error', code: 'invalid_request', title: 'Code refused' });
    expect(outcomeOf(run.step).message).toContain('Nothing was sent');
  });
});
