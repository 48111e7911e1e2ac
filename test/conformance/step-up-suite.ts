/**
 * The fail-closed conformance suite for step-up providers (a finance approver proves a second factor for
 * themselves): only an explicit, validated approval of the approver who signed in is verified; an answer
 * signed for another application or tenant, a rejection, a wrong code, an error inside a success, an
 * unreadable or missing answer, a stall and a cancel never are. Checks throw on failure, so the suite can be
 * shown to catch a naive provider (step-up-fake.test.ts).
 */
import { expect } from 'vitest';
import type { FactorResult, StepUpAuthenticator, StepUpChallenge, StepUpFactor, StepUpFailure, StepUpProvider, StepUpSession } from '../../main/providers/step-up.js';
import { expectPlainText, withRig as withShared } from './shared.js';

/** What the scripted tenant answers to the next push poll or typed code (armed after the challenge went out). */
export type StepUpScenario =
  | 'approve'
  | 'other_audience'
  | 'other_issuer'
  | 'forged_signature'
  | 'replayed_token'
  | 'deny'
  | 'unknown_state'
  | 'malformed'
  | 'http_500'
  | 'html'
  | 'oversize'
  | 'stall'
  | 'never_answer';

export interface StepUpRig {
  provider: StepUpProvider;
  /** The approver's sign-in at the provider. */
  username: string;
  password: string;
  /** The subject the provider signs for this approver: the only one a verified result may name. */
  subject: string;
  /** Scripts the answer to the next push poll or code check, and how the approver's phone answers the push. */
  arrange(scenario: StepUpScenario): void;
  /** The code the approver's authenticator app shows now. */
  code(): string;
  /** Challenges that can put a push on the phone, counted at the server. */
  pushRequests(): number;
  close(): Promise<void>;
}

export interface StepUpDriver {
  name: string;
  /** Upper bound for one push wait in the stall check (the provider's own request deadline must end it sooner). */
  stallDeadlineMs: number;
  start(): Promise<StepUpRig>;
}

const withRig = (driver: StepUpDriver, run: (rig: StepUpRig) => Promise<void>): Promise<void> => withShared(() => driver.start(), run);
const never = (): AbortSignal => new AbortController().signal;

async function challengeFor(rig: StepUpRig, factor: StepUpFactor): Promise<{ session: StepUpSession; challenge: StepUpChallenge }> {
  const signedIn = await rig.provider.signIn({ username: rig.username, password: rig.password, signal: never() });
  if (signedIn.kind !== 'mfa') throw new Error(`sign-in did not ask for a second factor: ${signedIn.failure.code}`);
  const authenticator: StepUpAuthenticator | undefined = signedIn.authenticators.find((a) => a.factor === factor);
  if (!authenticator) throw new Error(`the approver has no ${factor} authenticator`);
  const started = await rig.provider.challenge(signedIn.session, authenticator, never());
  if (started.kind !== 'challenge') throw new Error(`the ${factor} challenge did not start: ${started.failure.code}`);
  return { session: signedIn.session, challenge: started.challenge };
}

/** Sends one push, arranges the scenario, and waits for the answer. */
async function push(rig: StepUpRig, scenario: StepUpScenario, signal = AbortSignal.timeout(20_000)): Promise<FactorResult> {
  const { session, challenge } = await challengeFor(rig, 'push');
  expect(challenge.input, 'a push is answered on the phone').toBe('push');
  rig.arrange(scenario);
  return rig.provider.waitForPush(session, challenge, { signal });
}

/** The words the approver reads: plain, and a title of its own. */
function expectPlainFailure(failure: StepUpFailure, scenario: string): void {
  expectPlainText([failure.title, failure.message, failure.nextSteps], scenario);
  expect(failure.title.trim().length, `${scenario}: a title`).toBeGreaterThan(0);
}

/**
 * After a push went out and its answer was lost, the approver is told the push may still be on the phone and
 * no longer counts, and is never invited to send another one.
 */
function expectPushMayBeOut(failure: StepUpFailure, scenario: string): void {
  expect(failure.message, `${scenario}: the message says the push may still be on the phone`).toMatch(/may (already|still) be on your phone/i);
  expect(failure.nextSteps ?? '', `${scenario}: the stale push is to be rejected`).toMatch(/reject/i);
  expect(failure.nextSteps ?? '', `${scenario}: never "try again"`).not.toMatch(/try again/i);
}

function expectRefused(result: FactorResult, scenario: string, allowed: readonly string[] = ['failed']): StepUpFailure {
  expect(result.kind, `${scenario} must never be verified`).not.toBe('verified');
  expect(allowed, `${scenario} ended as ${result.kind}`).toContain(result.kind);
  const failure = result.kind === 'verified' ? null : result.failure;
  expectPlainFailure(failure!, scenario);
  return failure!;
}

/** A check: one push under `scenario`, never verified, plain words, one push request. */
function refusedPush(scenario: StepUpScenario, pushMayBeOut: boolean, code?: string) {
  return (driver: StepUpDriver): Promise<void> =>
    withRig(driver, async (rig) => {
      const failure = expectRefused(await push(rig, scenario), scenario);
      expect(rig.pushRequests(), `${scenario}: exactly one push, never retried`).toBe(1);
      if (code) expect(failure.code, scenario).toBe(code);
      if (pushMayBeOut) expectPushMayBeOut(failure, scenario);
    });
}

export const stepUpChecks: Record<string, (driver: StepUpDriver) => Promise<void>> = {
  'an approved push is verified, names the approver who signed in, with one push': (driver) =>
    withRig(driver, async (rig) => {
      const result = await push(rig, 'approve');
      expect(result.kind).toBe('verified');
      if (result.kind === 'verified') expect(result.approver.subject, 'the approver is the one who signed in').toBe(rig.subject);
      expect(rig.pushRequests()).toBe(1);
    }),
  'the right code is verified and names the approver who signed in': (driver) =>
    withRig(driver, async (rig) => {
      const { session, challenge } = await challengeFor(rig, 'otp');
      rig.arrange('approve');
      const result = await rig.provider.submitCode(session, challenge, rig.code(), never());
      expect(result.kind).toBe('verified');
      if (result.kind === 'verified') expect(result.approver.subject).toBe(rig.subject);
    }),
  'an answer signed for another application is never approved': refusedPush('other_audience', false),
  'an answer signed by another tenant is never approved': refusedPush('other_issuer', false),
  'an answer with a forged signature is never approved': refusedPush('forged_signature', false),
  'a replayed (old) answer is never approved': refusedPush('replayed_token', false),
  'a rejected push is a denial': refusedPush('deny', false, 'push_rejected'),
  'a wrong code is refused, and the approver may type it again': (driver) =>
    withRig(driver, async (rig) => {
      const { session, challenge } = await challengeFor(rig, 'otp');
      rig.arrange('deny');
      const right = rig.code();
      const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
      expectRefused(await rig.provider.submitCode(session, challenge, wrong, never()), 'wrong code', ['retry']);
    }),
  'a success status carrying an error is an error': refusedPush('unknown_state', false),
  'a malformed body is an error, and the push may still be on the phone': refusedPush('malformed', true),
  'a 5xx is an error, the push may still be on the phone, and it is not retried': refusedPush('http_500', true),
  'an HTML page is an error, and the push may still be on the phone': refusedPush('html', true),
  'an oversized body is an error, and the push may still be on the phone': refusedPush('oversize', true),
  'a stalled tenant ends as timed out within the deadline, never approved': (driver) =>
    withRig(driver, async (rig) => {
      const started = Date.now();
      const failure = expectRefused(await push(rig, 'stall', AbortSignal.timeout(driver.stallDeadlineMs * 3)), 'stall');
      expect(failure.code).toBe('timeout');
      expectPushMayBeOut(failure, 'stall');
      expect(Date.now() - started).toBeLessThan(driver.stallDeadlineMs * 2);
      expect(rig.pushRequests()).toBe(1);
    }),
  'cancel through the AbortSignal ends the wait and never approves': (driver) =>
    withRig(driver, async (rig) => {
      const { session, challenge } = await challengeFor(rig, 'push');
      rig.arrange('never_answer');
      const controller = new AbortController();
      const result = await rig.provider.waitForPush(session, challenge, { signal: controller.signal, onPoll: () => controller.abort() }).then(
        (r) => (r.kind === 'verified' ? 'verified' : r.failure.code),
        (error: unknown) => (error instanceof Error && error.name === 'AbortError' ? 'aborted' : 'threw'),
      );
      expect(['aborted', 'cancelled']).toContain(result);
      expect(rig.pushRequests()).toBe(1);
    }),
  'each challenge sends exactly one push': (driver) =>
    withRig(driver, async (rig) => {
      for (let i = 1; i <= 3; i += 1) {
        await push(rig, i === 2 ? 'http_500' : 'approve');
        expect(rig.pushRequests()).toBe(i);
      }
    }),
};
