/**
 * Results that count and results that do not: assurance levels, privileged targets completed by a second
 * method or a second operator, verification tokens (expired, reused, another account or ticket), and the lock
 * after a fraud report that only an administrator clears. Through the IPC handlers of a real runtime.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { VerificationView } from '../../../contract/domain.js';
import { osOperator } from '../../../main/services/policy/operator.js';
import { ok, type TestRuntime } from '../../helpers/runtime.js';
import { ENTRA_SANDBOX_PROFILE_ID, entraSim } from '../../helpers/sandbox.js';
import { domain, finalView, lastEntry, latestEntries, policyRuntime, request, verifyOnce } from '../../helpers/policy-runtime.js';

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

/** Answers the code challenge of `view` with the code the simulated phone shows. */
async function readBack(rt: TestRuntime, view: VerificationView): Promise<VerificationView> {
  await expect.poll(() => rt.runtime.sandbox!.state().prompts.find((p) => p.code)?.code ?? null, { timeout: 5000 }).not.toBeNull();
  const code = rt.runtime.sandbox!.state().prompts.find((p) => p.code)!.code!;
  const done = finalView(rt, view.id);
  ok(await rt.call('verify:submitCode', { verificationId: view.id, code }));
  return done;
}

const PRIVILEGED = { verification: { privileged: { targets: ['push-totp@*'] } } };

describe('verification tokens', () => {
  it('an approval yields a token for its account and ticket; it is valid once, and refused when reused, for another account or ticket, or expired', async () => {
    const { rt, clock } = await start({ limits: { cooldownSeconds: 0, perTargetPerHour: 10 } });
    entraSim(rt).setUserBehaviour(`push@${domain}`, { action: 'approve', delayMs: 10 });
    const approved = await verifyOnce(rt, request('push', 'INC-20'));
    expect(approved).toMatchObject({ status: 'approved', assurance: { level: 'low', required: 'low', met: true }, token: { lifetimeSeconds: 60 } });
    const token = approved.token!.value;
    expect(token).toMatch(/^MFAV(-[0-9A-HJKMNP-TV-Z]{5}){4}$/);
    const issued = await lastEntry(rt, 'verification_token_issued');
    expect(issued).toMatchObject({ target: `push@${domain}`, ticket: 'INC-20', operator: 'test.agent', data: { fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/), assurance: 'low' } });
    expect(JSON.stringify(await latestEntries(rt, 200))).not.toContain(token.slice(5));

    const check = (input: { token: string; subject: string; ticket: string }) => rt.call('token:check', input);
    expect(ok(await check({ token, subject: `PUSH@${domain}`, ticket: 'inc-20' }))).toMatchObject({ valid: true, reason: 'valid', subject: `push@${domain}`, operator: 'test.agent', assurance: 'low' });
    expect(ok(await check({ token, subject: `push@${domain}`, ticket: 'INC-20' }))).toMatchObject({
      valid: false,
      reason: 'reused',
      message: expect.stringMatching(/^This token was already presented at \d\d:\d\d:\d\d UTC and is valid only once\. Verify the caller again/),
    });
    expect(await lastEntry(rt, 'verification_token_checked')).toMatchObject({ outcome: 'refused', reasonCode: 'reused' });

    const second = (await verifyOnce(rt, request('push', 'INC-21'))).token!.value;
    expect(ok(await check({ token: second, subject: `sms@${domain}`, ticket: 'INC-21' }))).toMatchObject({
      valid: false,
      reason: 'other_target',
      message: `This token was issued for another account, not for sms@${domain}. It is now void. Verify the caller again before going on.`,
      subject: null,
    });
    expect(ok(await check({ token: second, subject: `push@${domain}`, ticket: 'INC-21' })).reason).toBe('reused');

    const third = (await verifyOnce(rt, request('push', 'INC-22'))).token!.value;
    expect(ok(await check({ token: third, subject: `push@${domain}`, ticket: 'INC-99' }))).toMatchObject({ valid: false, reason: 'other_ticket' });

    const fourth = (await verifyOnce(rt, request('push', 'INC-23'))).token!.value;
    clock.advance(61_000);
    expect(ok(await check({ token: fourth, subject: `push@${domain}`, ticket: 'INC-23' }))).toMatchObject({
      valid: false,
      reason: 'expired',
      message: expect.stringMatching(/^This token expired at \d\d:\d\d:\d\d UTC: it was valid for 60 seconds after the approval/),
    });
    // An expired token is no longer handed to the screen either.
    expect(ok(await rt.call('verify:list', {})).every((v) => v.token === null)).toBe(true);
    expect(ok(await check({ token: 'MFAV-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ', subject: `push@${domain}`, ticket: 'INC-23' })).reason).toBe('unknown');
    expect(ok(await check({ token: 'hello', subject: `push@${domain}`, ticket: 'INC-23' })).message).toMatch(/^This is not a verification token/);
  });
});

describe('privileged targets', () => {
  it('a bare push to a privileged account is not APPROVED: it says what more is needed and issues no token', async () => {
    const { rt } = await start(PRIVILEGED);
    entraSim(rt).setUserBehaviour(`push-totp@${domain}`, { action: 'approve', delayMs: 10 });
    const view = await verifyOnce(rt, request('push-totp', 'INC-30'));
    expect(view).toMatchObject({
      status: 'insufficient',
      code: 'assurance_below_required',
      token: null,
      assurance: { level: 'low', required: 'high', met: false, privileged: 'listed', secondMethodModes: ['otp'], secondApproval: null },
    });
    expect(view.assurance!.needs).toMatch(/^This account needs HIGH assurance \(it is on your organisation’s list of privileged accounts\); this approval reached LOW\. To complete it, verify the caller with a second method \(code read-back\) within 5 minutes/);
    expect(view.nextSteps).toBe(view.assurance!.needs);
    const outcome = (await latestEntries(rt)).find((e) => e.action === 'verify.push' && e.link !== null);
    expect(outcome).toMatchObject({ event: 'authn_mfa_fail', outcome: 'insufficient', reasonCode: 'assurance_below_required', data: { assurance: 'low', requiredAssurance: 'high', met: false } });
    expect(await lastEntry(rt, 'verification_token_issued')).toBeUndefined();
  });

  it('a second method (code read-back) within the window combines with the push into HIGH, and only then is there a token', async () => {
    const { rt } = await start(PRIVILEGED);
    entraSim(rt).setUserBehaviour(`push-totp@${domain}`, { action: 'approve', delayMs: 10 });
    const first = await verifyOnce(rt, request('push-totp', 'INC-31'));
    // The second method must be another method, for the same ticket: anything else is refused and recorded.
    expect(await rt.call('verify:start', request('push-totp', 'INC-31', { secondMethodOf: first.id }))).toMatchObject({ ok: false, code: 'conflict', message: expect.stringMatching(/must be a different one/) });
    expect(await rt.call('verify:start', request('push-totp', 'INC-32', { mode: 'otp', secondMethodOf: first.id }))).toMatchObject({ ok: false, message: expect.stringMatching(/same ticket \(INC-31\)/) });
    expect(await lastEntry(rt, 'policy_decision')).toMatchObject({ outcome: 'refused', reasonCode: 'second_method' });
    const second = ok(await rt.call('verify:start', request('push-totp', 'INC-31', { mode: 'otp', secondMethodOf: first.id })));
    expect(second.secondMethodOf).toBe(first.id);
    await finalView(rt, second.id, (v) => v.status === 'awaiting_code');
    const done = await readBack(rt, second);
    expect(done).toMatchObject({ status: 'approved', assurance: { level: 'high', met: true, combinedWith: first.id }, token: { lifetimeSeconds: 60 } });
    expect(done.assurance!.basis).toMatch(/^two methods: a push the account holder approved .*, then a code the caller read back$/);
    // Each approval completes once.
    expect(await rt.call('verify:start', request('push-totp', 'INC-31', { mode: 'otp', secondMethodOf: first.id }))).toMatchObject({ ok: false, message: expect.stringMatching(/already sent for this approval/) });
  });

  it('a second method after the window is not combined', async () => {
    const { rt, clock } = await start(PRIVILEGED);
    entraSim(rt).setUserBehaviour(`push-totp@${domain}`, { action: 'approve', delayMs: 10 });
    const first = await verifyOnce(rt, request('push-totp', 'INC-33'));
    clock.advance(301_000);
    expect(await rt.call('verify:start', request('push-totp', 'INC-33', { mode: 'otp', secondMethodOf: first.id }))).toMatchObject({
      ok: false,
      message: 'The second method had to follow within 5 minutes of the approval, and that time has passed. Start a new verification.',
    });
  });

  it('a second operator’s approval raises the result to HIGH: signed in through the seam, or named at the desk where the policy accepts it', async () => {
    const signedIn = await start(PRIVILEGED, { secondOperator: async () => ({ operator: 'sam.lead', roles: ['helpdesk'], via: 'sign-in' }) });
    entraSim(signedIn.rt).setUserBehaviour(`push-totp@${domain}`, { action: 'approve', delayMs: 10 });
    const first = await verifyOnce(signedIn.rt, request('push-totp', 'INC-34'));
    expect(first.assurance!.secondApproval).toBe('sign-in');
    const approved = ok(await signedIn.rt.call('verify:secondApproval', { verificationId: first.id }));
    expect(approved).toMatchObject({ status: 'approved', assurance: { level: 'high', met: true, approvedBy: { operator: 'sam.lead', via: 'sign-in' } }, token: { lifetimeSeconds: 60 } });
    expect(await lastEntry(signedIn.rt, 'verification_second_approval')).toMatchObject({ outcome: 'approved', reasonCode: 'sign-in', data: { approver: 'sam.lead' } });
    await running!.close();

    const attested = await start({ verification: { ...PRIVILEGED.verification, secondApproval: 'attested', approvers: ['sam.lead', 'test.agent'] } });
    entraSim(attested.rt).setUserBehaviour(`push-totp@${domain}`, { action: 'approve', delayMs: 10 });
    const view = await verifyOnce(attested.rt, request('push-totp', 'INC-35'));
    const approve = (approver?: string) => attested.rt.call('verify:secondApproval', approver ? { verificationId: view.id, approver } : { verificationId: view.id });
    expect(await approve()).toMatchObject({ ok: false, message: 'approver: is required: the second operator types their user name.' });
    expect(await approve('Test.Agent')).toMatchObject({ ok: false, code: 'forbidden', message: 'approver: must be a different operator from the one who sent the verification.' });
    expect(await approve('mallory')).toMatchObject({ ok: false, message: 'approver: mallory is not on your organisation’s list of second approvers.' });
    expect(await lastEntry(attested.rt, 'verification_second_approval')).toMatchObject({ outcome: 'refused', reasonCode: 'not_an_approver' });
    expect(ok(await approve('sam.lead'))).toMatchObject({ status: 'approved', assurance: { approvedBy: { operator: 'sam.lead', via: 'attested' } } });
  });

  it('without operator sign-in the default policy offers no second operator’s approval, and says so', async () => {
    const { rt } = await start(PRIVILEGED);
    entraSim(rt).setUserBehaviour(`push-totp@${domain}`, { action: 'approve', delayMs: 10 });
    const view = await verifyOnce(rt, request('push-totp', 'INC-36'));
    expect(await rt.call('verify:secondApproval', { verificationId: view.id, approver: 'sam' })).toMatchObject({
      ok: false,
      code: 'forbidden',
      message: expect.stringMatching(/needs operator sign-in, which is not set up on this computer/),
    });
  });

  it('groups the provider cannot check make every account need the privileged level, and the policy says why', async () => {
    const { rt } = await start({ verification: { privileged: { groups: ['Domain Admins'], minimumAssurance: 'medium' } } });
    entraSim(rt).setUserBehaviour(`push@${domain}`, { action: 'approve', delayMs: 10 });
    ok(await rt.call('verify:methods', { profileId: ENTRA_SANDBOX_PROFILE_ID, subject: `push@${domain}` }));
    const view = await verifyOnce(rt, request('push', 'INC-37'));
    expect(view).toMatchObject({ status: 'insufficient', assurance: { privileged: 'groups_unchecked', required: 'medium' } });
    expect(view.assurance!.needs).toMatch(/names privileged groups, which this provider cannot check/);
    // The lookup showed push@ has no code method: no second method is offered, only what is possible is said.
    expect(view.assurance!.needs).toMatch(/Neither a second method nor a second operator’s approval is available here/);
  });
});

describe('lock on fraud', () => {
  it('a fraud report locks the account; nothing more is sent until an administrator clears it, each step recorded prominently', async () => {
    const { rt, clock } = await start(null);
    const started = ok(await rt.call('verify:start', request('push', 'INC-40')));
    await expect.poll(() => rt.runtime.sandbox!.state().prompts.length, { timeout: 5000 }).toBe(1);
    rt.runtime.sandbox!.respond(rt.runtime.sandbox!.state().prompts[0]!.id, 'fraud');
    const fraud = await finalView(rt, started.id);
    expect(fraud).toMatchObject({ status: 'fraud', nextSteps: expect.stringMatching(/This account is now locked against further verifications from this app until an administrator clears the lock\.$/) });
    expect(await lastEntry(rt, 'target_locked')).toMatchObject({ outcome: 'locked', reasonCode: 'fraud_reported', target: `push@${domain}`, ticket: 'INC-40' });
    clock.advance(600_000);
    for (const mode of ['push', 'otp'] as const) {
      expect(await rt.call('verify:start', request('push', 'INC-41', { mode }))).toMatchObject({
        ok: false,
        code: 'forbidden',
        message: expect.stringMatching(/^subject: is locked against verifications from this app since .* because the account holder reported a request as fraud\. An administrator must clear the lock/),
      });
    }
    expect(await lastEntry(rt, 'policy_decision')).toMatchObject({ outcome: 'refused', reasonCode: 'target_locked' });
    expect(ok(await rt.call('policy:locks', {}))).toMatchObject([{ target: `push@${domain}`, targetCanonical: `push@${domain}`, reason: 'fraud_reported' }]);
    expect(await rt.call('policy:clearLock', { targetCanonical: `nobody@${domain}`, note: 'Nothing to clear here at all.' })).toMatchObject({ ok: false, code: 'not_found' });
    ok(await rt.call('policy:clearLock', { targetCanonical: `push@${domain}`, note: 'Called the account holder back on the number on file.' }));
    expect(await lastEntry(rt, 'target_unlocked')).toMatchObject({ outcome: 'unlocked', operator: 'test.agent', data: { clearedBy: 'test.agent' } });
    expect(ok(await rt.call('verify:start', request('push', 'INC-42'))).status).toBe('pending');
  });

  it('repeated denials lock the account too; only an administrator clears a lock, and a refusal is recorded', async () => {
    const { rt } = await start({ limits: { cooldownSeconds: 0 } }, { operatorContext: () => ({ ...osOperator('test.agent'), roles: ['helpdesk'] }) });
    entraSim(rt).setUserBehaviour(`push@${domain}`, { action: 'deny', delayMs: 10 });
    expect((await verifyOnce(rt, request('push', 'INC-43'))).nextSteps).not.toMatch(/locked/);
    expect((await verifyOnce(rt, request('push', 'INC-44'))).nextSteps).toMatch(/now locked/);
    expect(await lastEntry(rt, 'target_locked')).toMatchObject({ reasonCode: 'repeated_denials', detail: expect.stringMatching(/^The account holder denied 2 requests within 24 hours\./) });
    expect(await rt.call('policy:clearLock', { targetCanonical: `push@${domain}`, note: 'I am not an administrator though.' })).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringMatching(/^Only an administrator may clear a lock/) });
    expect(await lastEntry(rt, 'authz_fail')).toMatchObject({ action: 'target.unlock', reasonCode: 'not_admin' });
    expect(ok(await rt.call('policy:locks', {}))).toHaveLength(1);
  });

  it('a lock survives a restart: it is read back from the verified trail', async () => {
    const first = await start(null, { keepData: true });
    const started = ok(await first.rt.call('verify:start', request('push', 'INC-45')));
    await expect.poll(() => first.rt.runtime.sandbox!.state().prompts.length, { timeout: 5000 }).toBe(1);
    first.rt.runtime.sandbox!.respond(first.rt.runtime.sandbox!.state().prompts[0]!.id, 'fraud');
    await finalView(first.rt, started.id);
    await first.rt.close();
    const again = await start(null, { dataDir: first.rt.dataDir, secrets: first.rt.secrets });
    expect(ok(await again.rt.call('policy:locks', {}))).toMatchObject([{ reason: 'fraud_reported' }]);
    expect(await again.rt.call('verify:start', request('push', 'INC-46', { mode: 'otp' }))).toMatchObject({ ok: false, code: 'forbidden' });
  });
});
