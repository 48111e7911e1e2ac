/**
 * Every error the reference names (providers.md §1) reaches the approver as one precise message, produced by
 * the simulated tenant over HTTP: wrong password, invalid OTP, invalid binding code, rejected push, expired
 * mfa_token, too many attempts, unsupported challenge type, association required, slow_down and blocked
 * user; and the app's own refusals. None of them is ever a verified approver.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuth0StepUp } from '../../../main/providers/auth0/step-up.js';
import type { FactorResult, StepUpFailure } from '../../../main/providers/step-up.js';
import { silentLogger } from '../../../main/services/log.js';
import { KeychainLockedError } from '../../../main/services/secrets.js';
import { ALICE, authenticatorOf, BOB, CAROL, ERIN, MALLORY, mfaSession, signal, signIn, startRig, type Auth0Rig } from './helpers.js';

/** The words the approver sees, per error (title — message). */
const WORDS: Record<string, [string, string]> = {
  wrong_password: ['Wrong user name or password', 'Auth0 did not accept this user name and password. Nothing was approved.'],
  invalid_otp: ['Code not accepted', 'The one-time code was wrong, too old, or already used.'],
  invalid_binding_code: ['Code not accepted', 'The code does not match the one Auth0 sent to your phone.'],
  push_rejected: ['Push rejected on the phone', 'The sign-in request was rejected in Guardian on your phone. Nothing was approved.'],
  expired_mfa_token: ['Sign-in expired', 'Auth0 accepts a second factor for 10 minutes after the password; that time has passed. Nothing was approved.'],
  too_many_attempts: ['Too many wrong codes', 'Auth0 refuses further codes for this account for now. Nothing was approved.'],
  unsupported_challenge_type: ['Factor not available', 'Auth0 does not offer this factor to this application, or you are not enrolled in it.'],
  association_required: ['Enrollment needed', 'You have no second factor enrolled in Auth0 yet.'],
  slow_down: ['Auth0 kept asking the app to wait', 'Auth0 asked the app again and again to check less often, so the app stopped waiting for your push answer. Nothing was approved.'],
  blocked_user: ['Account blocked', 'Auth0 has blocked this account, so it cannot approve releases. Nothing was approved.'],
};

function expectWords(failure: StepUpFailure | undefined, code: string): void {
  expect(failure?.code).toBe(code);
  expect([failure?.title, failure?.message]).toEqual(WORDS[code]);
  // The next step is always named, and Auth0's own text stays in the audit detail.
  expect(failure?.nextSteps).toBeTruthy();
}

const failureOf = (result: { kind: string } & Partial<{ failure: StepUpFailure }>): StepUpFailure | undefined => result.failure;

describe('Auth0 step-up errors, each in plain words', () => {
  let rig: Auth0Rig;
  beforeEach(async () => {
    rig = await startRig();
  });
  afterEach(async () => rig.close());

  async function challengeOf(username: string, factor: Parameters<typeof authenticatorOf>[1]) {
    const { session, authenticators } = await mfaSession(rig, username);
    const started = await rig.stepUp.challenge(session, authenticatorOf(authenticators, factor), signal());
    if (started.kind !== 'challenge') throw new Error(JSON.stringify(started));
    return { session, challenge: started.challenge };
  }

  it('wrong password', async () => {
    const result = await signIn(rig, ALICE, 'not-her-password');
    expect(result.kind).toBe('failed');
    expectWords(failureOf(result), 'wrong_password');
    expect(failureOf(result)?.detail).toBe('HTTP 403 invalid_grant: Wrong email or password.');
  });

  it('invalid OTP', async () => {
    const { session, challenge } = await challengeOf(ALICE, 'otp');
    expectWords(failureOf(await rig.stepUp.submitCode(session, challenge, '000001', signal())), 'invalid_otp');
  });

  it('invalid binding code', async () => {
    const { session, challenge } = await challengeOf(CAROL, 'sms');
    const texted = rig.sim.lastMessage(CAROL)!.bindingCode!;
    expectWords(failureOf(await rig.stepUp.submitCode(session, challenge, texted === '111111' ? '222222' : '111111', signal())), 'invalid_binding_code');
  });

  it('rejected push', async () => {
    const { session, challenge } = await challengeOf(BOB, 'push');
    rig.sim.reject(rig.sim.pending()[0]!.id);
    expectWords(failureOf(await rig.stepUp.waitForPush(session, challenge, { signal: signal() })), 'push_rejected');
  });

  it('expired mfa_token: as Auth0 answers it, and refused by the app itself once 10 minutes have passed', async () => {
    const { session, authenticators } = await mfaSession(rig, ALICE);
    rig.sim.expireMfaTokens();
    const atAuth0 = await rig.stepUp.challenge(session, authenticatorOf(authenticators, 'otp'), signal());
    expectWords(failureOf(atAuth0), 'expired_mfa_token');
    expect(failureOf(atAuth0)?.detail).toContain('mfa_token is expired');
    const fresh = await mfaSession(rig, ALICE);
    await rig.clock.sleep(600_000);
    const before = rig.sim.counts().challenges;
    expectWords(failureOf(await rig.stepUp.challenge(fresh.session, authenticatorOf(fresh.authenticators, 'otp'), signal())), 'expired_mfa_token');
    expect(rig.sim.counts().challenges).toBe(before);
  });

  it('too many attempts: 10 wrong codes empty the bucket, even the right code is then refused; one attempt returns after 6 minutes', async () => {
    const { session, challenge } = await challengeOf(ALICE, 'otp');
    for (let i = 0; i < 10; i += 1) expect((await rig.stepUp.submitCode(session, challenge, String(100000 + i), signal())).kind).toBe('retry');
    const refused = await rig.stepUp.submitCode(session, challenge, rig.sim.otpCode(ALICE)!, signal());
    expect(refused.kind).toBe('failed');
    expectWords(failureOf(refused), 'too_many_attempts');
    await rig.clock.sleep(360_000);
    expect(rig.sim.attemptsLeft(ALICE)).toBe(1);
    const next = await challengeOf(ALICE, 'otp');
    expect((await rig.stepUp.submitCode(next.session, next.challenge, rig.sim.otpCode(ALICE)!, signal())).kind).toBe('verified');
  });

  it('too many attempts at sign-in (brute-force protection) has its own words', async () => {
    for (let i = 0; i < 10; i += 1) await signIn(rig, ALICE, `wrong-${i}`);
    const result = await signIn(rig, ALICE);
    expect(failureOf(result)).toMatchObject({ code: 'too_many_attempts', title: 'Too many failed sign-ins' });
  });

  it('unsupported challenge type: the approver may choose another factor', async () => {
    rig.sim.configure({ enabledChallengeTypes: ['otp'] });
    const { session, authenticators } = await mfaSession(rig, BOB);
    const result = await rig.stepUp.challenge(session, authenticatorOf(authenticators, 'push'), signal());
    expect(result.kind).toBe('unavailable');
    expectWords(failureOf(result), 'unsupported_challenge_type');
  });

  it('association required: an approver with nothing enrolled is sent to enrollment', async () => {
    const { session, authenticators } = await mfaSession(rig, ERIN);
    expect(authenticators).toEqual([]);
    const result = await rig.stepUp.challenge(session, { id: 'push|dev_none', factor: 'push', label: 'Guardian push' }, signal());
    expect(result.kind).toBe('enroll');
    expectWords(failureOf(result), 'association_required');
  });

  it('slow_down answered again and again', async () => {
    const { session, challenge } = await challengeOf(BOB, 'push');
    rig.sim.forceSlowDown(5);
    const result: FactorResult = await rig.stepUp.waitForPush(session, challenge, { signal: signal() });
    expectWords(failureOf(result), 'slow_down');
    expect(rig.sim.counts()).toMatchObject({ oobGrants: 5, earlyPolls: 0 });
  });

  it('blocked user', async () => {
    const result = await signIn(rig, MALLORY);
    expectWords(failureOf(result), 'blocked_user');
    expect(failureOf(result)?.detail).toBe('HTTP 401 unauthorized: user is blocked');
  });

  it('a tenant that does not require MFA: refused, a password alone approves nothing', async () => {
    rig.sim.configure({ mfaPolicy: 'never' });
    expect(failureOf(await signIn(rig, ALICE))).toMatchObject({ code: 'mfa_not_required', title: 'No second factor was asked for' });
  });

  it('wrong client secret, and no secret saved', async () => {
    expect(failureOf(await signIn(rig, ALICE, undefined, rig.stepUpWith({}, { secret: 'not-the-secret' })))).toMatchObject({ code: 'invalid_client' });
    const before = rig.sim.counts().token;
    expect(failureOf(await signIn(rig, ALICE, undefined, rig.stepUpWith({}, { secret: null })))).toMatchObject({ code: 'secret_missing' });
    expect(rig.sim.counts().token).toBe(before);
  });

  it('a locked keychain is not a missing secret: said so, nothing sent', async () => {
    const locked = createAuth0StepUp(rig.settings, { http: rig.http, clock: rig.clock, logger: silentLogger, readSecret: () => Promise.reject(new KeychainLockedError()) });
    expect(failureOf(await signIn(rig, ALICE, undefined, locked))).toMatchObject({ code: 'keychain_locked', title: 'Keychain locked' });
    expect(await locked.testConnection(signal())).toMatchObject({ ok: false, code: 'keychain_locked' });
    expect(rig.sim.counts().token).toBe(0);
  });

  it.each([
    ['http_500', 'http_500'],
    ['html_body', 'malformed_response'],
    ['malformed_json', 'malformed_response'],
    ['oversize_body', 'malformed_response'],
    ['error_with_200', 'malformed_response'],
    ['id_token_wrong_aud', 'id_token_invalid'],
    ['id_token_wrong_iss', 'id_token_invalid'],
    ['id_token_bad_signature', 'id_token_invalid'],
    ['id_token_missing', 'malformed_response'],
    ['id_token_old', 'id_token_invalid'],
  ] as const)('an answer with %s is never a verified approver (%s)', async (fault, code) => {
    const { session, challenge } = await challengeOf(ALICE, 'otp');
    rig.sim.setFault(fault);
    const result = await rig.stepUp.submitCode(session, challenge, rig.sim.otpCode(ALICE)!, signal());
    expect(result.kind).toBe('failed');
    expect(failureOf(result)?.code).toBe(code);
  });

  it('a stalled tenant ends as a timeout within the request deadline', async () => {
    const quick = rig.stepUpWith({}, { tuning: { requestTimeoutMs: 300 } });
    const { session, authenticators } = await mfaSession(rig, ALICE, quick);
    const started = await quick.challenge(session, authenticatorOf(authenticators, 'otp'), signal());
    if (started.kind !== 'challenge') throw new Error(JSON.stringify(started));
    rig.sim.setFault('stall');
    const at = Date.now();
    const result = await quick.submitCode(session, started.challenge, rig.sim.otpCode(ALICE)!, AbortSignal.timeout(5000));
    expect(failureOf(result)?.code).toBe('timeout');
    expect(Date.now() - at).toBeLessThan(2000);
  });
});
