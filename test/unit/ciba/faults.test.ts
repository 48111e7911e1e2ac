/**
 * Faulty answers from the Auth0-style simulator are never approved: transport and body faults at initiate
 * and while polling, a 200 that carries an error, and token answers whose ID token must not be trusted.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CibaFault } from '../../../simulators/ciba/simulator.js';
import { ALICE, approveOnPhone, outcomeOf, startRig, verify, type CibaRig } from './helpers.js';

describe('CIBA faults (Auth0-style simulator)', () => {
  let rig: CibaRig;
  beforeEach(async () => {
    rig = await startRig();
  });
  afterEach(async () => {
    await rig.close();
  });

  const shortTimeout = { tuning: { requestTimeoutMs: 400 } };

  const bodyFaults: [CibaFault, string][] = [
    ['http_500', 'http_500'],
    ['html_body', 'malformed_response'],
    ['malformed_json', 'malformed_response'],
    ['oversize_body', 'response_too_large'],
    ['stall', 'timeout'],
  ];

  it.each(bodyFaults)('initiate answered with %s: not approved, and the agent is told a push may be out', async (fault, code) => {
    rig.sim.setFault(fault);
    const run = await verify(rig.providerWith({}, shortTimeout), ALICE);
    const outcome = outcomeOf(run.step);
    expect(outcome.status).not.toBe('approved');
    expect(outcome).toMatchObject({ code, ambiguous: true });
    // The simulator did put the request on the phone before answering badly.
    expect(rig.sim.pending(ALICE)).toHaveLength(1);
    expect(rig.sim.counts()).toMatchObject({ bcAuthorize: 1, token: 0 });
  });

  it.each(bodyFaults)('a poll answered with %s after approval: not approved, ambiguous, no further poll', async (fault, code) => {
    const approve = approveOnPhone(rig.sim, ALICE);
    const run = await verify(rig.providerWith({}, shortTimeout), ALICE, {
      onProgress: (p) => {
        if (!p.bindingMessage) return;
        approve(p);
        rig.sim.setFault(fault);
      },
    });
    const outcome = outcomeOf(run.step);
    expect(outcome.status).not.toBe('approved');
    expect(outcome).toMatchObject({ code, ambiguous: true });
    expect(rig.sim.counts()).toMatchObject({ bcAuthorize: 1, token: 1 });
  });

  const tokenFaults: [CibaFault, string][] = [
    ['error_with_200', 'malformed_response'],
    ['id_token_wrong_sub', 'subject_mismatch'],
    ['id_token_wrong_aud', 'id_token_invalid'],
    ['id_token_bad_signature', 'id_token_invalid'],
    ['id_token_missing', 'id_token_missing'],
  ];

  it.each(tokenFaults)('an approved request answered with %s is not approved (%s)', async (fault, code) => {
    rig.sim.setFault(fault);
    const run = await verify(rig.provider, ALICE, { onProgress: approveOnPhone(rig.sim, ALICE) });
    const outcome = outcomeOf(run.step);
    expect(outcome.status).toBe('error');
    expect(outcome.code).toBe(code);
    expect(outcome.nextSteps).toMatch(/^Do not (proceed|send another push)/);
    expect(rig.sim.counts()).toMatchObject({ bcAuthorize: 1, token: 1 });
  });

  it('a different email address in the ID token is a subject mismatch; an ID token without email fails closed', async () => {
    const email = rig.providerWith({ loginHintFormat: 'email', scope: 'openid email' });
    rig.sim.setFault('id_token_wrong_sub');
    const wrong = outcomeOf((await verify(email, 'alice@example.com', { onProgress: approveOnPhone(rig.sim, 'auth0|65f1a2b3c4d5e6f7a8b9c0d1') })).step);
    expect(wrong).toMatchObject({ status: 'error', code: 'subject_mismatch' });
    const noEmailScope = rig.providerWith({ loginHintFormat: 'email', scope: 'openid' });
    const missing = outcomeOf((await verify(noEmailScope, 'alice@example.com', { onProgress: approveOnPhone(rig.sim, ALICE) })).step);
    expect(missing).toMatchObject({ status: 'error', code: 'email_claim_missing' });
  });

  it('the signing keys cannot be fetched: not approved', async () => {
    const base = rig.sim.issuer.replace(/\/$/, '');
    const provider = rig.providerWith({
      endpointMode: 'manual',
      backchannelEndpoint: `${base}/bc-authorize`,
      tokenEndpoint: `${base}/oauth/token`,
      jwksUri: `${base}/no-keys-here`,
    });
    const outcome = outcomeOf((await verify(provider, ALICE, { onProgress: approveOnPhone(rig.sim, ALICE) })).step);
    expect(outcome).toMatchObject({ status: 'error', code: 'jwks_unavailable' });
  });
});
