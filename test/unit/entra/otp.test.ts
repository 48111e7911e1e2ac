import { afterEach, describe, it, expect } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { StepResult, VerificationProvider } from '../../../main/providers/types.js';
import { outcomeOf, start, startRig, type Rig, subjectOf } from './helpers.js';

let rig: Rig;
afterEach(async () => rig?.close());

const user = (name: string): string => `${name}@${rig.sim.tenantDomain}`;

function challengeOf(step: StepResult) {
  if (step.kind !== 'challenge') throw new Error(`expected a challenge, got ${JSON.stringify(step)}`);
  return step;
}

function submit(provider: VerificationProvider, upn: string, step: StepResult, code: string): Promise<StepResult> {
  const challenge = challengeOf(step).challenge;
  return provider.submitCode({ subject: subjectOf(upn), contextId: randomUUID(), challenge, code, signal: new AbortController().signal });
}

/** The code the simulated phone shows for `upn`. */
function shownCode(upn: string): string {
  const prompt = rig.sim.prompts().find((p) => p.upn === upn && p.kind === 'sms');
  if (!prompt?.code) throw new Error('no code on the simulated phone');
  return prompt.code;
}

const wrongFor = (code: string): string => (code === '000000' ? '111111' : '000000');

describe('OTP verification', () => {
  it('challenges with the Authenticator code and approves the right code', async () => {
    rig = await startRig();
    const upn = user('push-totp');
    const step = await start(rig.provider, upn, 'otp');
    const challenge = challengeOf(step);
    expect(challenge).toMatchObject({ attemptsLeft: 3, challenge: { method: 'PhoneAppOTP' } });
    expect(challenge.message).toContain('Microsoft Authenticator');
    const result = await submit(rig.provider, upn, step, shownCode(upn));
    expect(outcomeOf(result)).toMatchObject({ status: 'approved', code: 'Success' });
    expect(rig.sim.prompts()).toHaveLength(0);
    expect(rig.sim.transcript().map((e) => e.op)).toEqual([
      'GetAvailableAuthenticationMethods',
      'BeginTwoWayAuthentication',
      'EndTwoWayAuthentication',
    ]);
  });

  it('counts wrong codes down and lets the right code through afterwards', async () => {
    rig = await startRig();
    const upn = user('totp');
    let step = await start(rig.provider, upn, 'otp');
    const code = shownCode(upn);
    step = await submit(rig.provider, upn, step, wrongFor(code));
    expect(challengeOf(step).attemptsLeft).toBe(2);
    expect(challengeOf(step).message).toContain('Wrong code');
    step = await submit(rig.provider, upn, step, '12 34'); // not a code: not sent, not counted
    expect(challengeOf(step).attemptsLeft).toBe(2);
    step = await submit(rig.provider, upn, step, code);
    expect(outcomeOf(step).status).toBe('approved');
  });

  it('locks out on the wrong code after the third, as the simulator decides', async () => {
    rig = await startRig();
    const upn = user('totp');
    let step = await start(rig.provider, upn, 'otp');
    const wrong = wrongFor(shownCode(upn));
    for (const left of [2, 1, 0]) {
      step = await submit(rig.provider, upn, step, wrong);
      expect(challengeOf(step).attemptsLeft).toBe(left);
    }
    step = await submit(rig.provider, upn, step, wrong);
    expect(outcomeOf(step)).toMatchObject({ status: 'locked_out', code: 'OathCodeFailedMaxAllowedRetryReached' });
  });

  it('falls back to a text message and shows the masked number', async () => {
    rig = await startRig();
    const upn = user('sms');
    const step = await start(rig.provider, upn, 'otp');
    expect(challengeOf(step).challenge).toMatchObject({ method: 'OneWaySMS' });
    expect(challengeOf(step).message).toContain('+1 ••• ••• 0101');
    let next = await submit(rig.provider, upn, step, wrongFor(shownCode(upn)));
    expect(challengeOf(next).attemptsLeft).toBe(2);
    next = await submit(rig.provider, upn, next, shownCode(upn));
    expect(outcomeOf(next).status).toBe('approved');
  });

  it('explains when the user has no code method', async () => {
    rig = await startRig();
    const voice = outcomeOf(await start(rig.provider, user('voice'), 'otp'));
    expect(voice).toMatchObject({ status: 'error', code: 'no_otp_method' });
    expect(outcomeOf(await start(rig.provider, user('push'), 'otp')).code).toBe('no_otp_method');
    expect(outcomeOf(await start(rig.provider, user('no-methods'), 'otp')).code).toBe('no_otp_method');
    expect(outcomeOf(await start(rig.provider, user('nobody'), 'otp')).code).toBe('UserNotFound');
  });

  it('turns a push that Entra answers with "challenge" into a code step, never an approval', async () => {
    rig = await startRig({ honourMethodId: false });
    const upn = user('sms');
    const step = await start(rig.provider, upn, 'push');
    expect(challengeOf(step)).toMatchObject({ attemptsLeft: 3, challenge: { method: 'unknown' } });
    expect(outcomeOf(await submit(rig.provider, upn, step, shownCode(upn))).status).toBe('approved');
  });

  it('refuses a challenge state that was tampered with or belongs to someone else', async () => {
    rig = await startRig();
    const upn = user('totp');
    const step = await start(rig.provider, upn, 'otp');
    const code = shownCode(upn);
    const other = await submit(rig.provider, user('push-totp'), step, code);
    expect(outcomeOf(other).code).toBe('invalid_challenge');
    const signal = new AbortController().signal;
    const challenge = { sessionId: 1 };
    const forged = await rig.provider.submitCode({ subject: subjectOf(upn), contextId: randomUUID(), challenge, code, signal });
    expect(outcomeOf(forged).code).toBe('invalid_challenge');
  });

  it('answers InvalidSession once the session has expired', async () => {
    rig = await startRig({ sessionTtlMs: 50 });
    const upn = user('totp');
    const step = await start(rig.provider, upn, 'otp');
    const code = shownCode(upn);
    await new Promise((r) => setTimeout(r, 80));
    const late = outcomeOf(await submit(rig.provider, upn, step, code));
    expect(late).toMatchObject({ status: 'error', code: 'InvalidSession' });
  });
});
