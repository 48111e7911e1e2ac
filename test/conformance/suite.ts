/**
 * The fail-closed conformance suite every provider module is run through. A driver gives the suite a
 * provider wired to a scripted server; each check arranges one answer and asserts what the agent may see.
 * Checks are plain async functions (they throw on failure), so the suite can also be shown to catch a
 * broken provider (see fake.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { StepResult, Subject, VerificationProvider } from '../../main/providers/types.js';
import { presentStatus } from '../../renderer/src/lib/status.js';
import { expectPlainText, withRig as withShared } from './shared.js';

/** What the scripted server answers to the next push. */
export type Scenario =
  | 'approve'
  | 'approve_other_subject'
  | 'deny'
  | 'unknown_state'
  | 'malformed'
  | 'http_500'
  | 'html'
  | 'oversize'
  | 'stall'
  | 'never_answer';

export interface ConformanceRig {
  provider: VerificationProvider;
  subject: Subject;
  /** Scripts the server's answer to the next verification. */
  arrange(scenario: Scenario): void;
  /** Requests that can put a push on the phone (Begin, bc-authorize), counted at the server. */
  pushRequests(): number;
  close(): Promise<void>;
}

export interface ConformanceDriver {
  name: string;
  /** Upper bound for one verification in the stall check (the provider's own deadline must end it sooner). */
  stallDeadlineMs: number;
  start(): Promise<ConformanceRig>;
}

const withRig = (driver: ConformanceDriver, run: (rig: ConformanceRig) => Promise<void>): Promise<void> => withShared(() => driver.start(), run);

function start(rig: ConformanceRig, signal = new AbortController().signal): Promise<StepResult> {
  return rig.provider.start({ subject: rig.subject, contextId: randomUUID(), mode: 'push', signal });
}

/** The final outcome's status, or the step kind when no final outcome came back. */
function statusOf(step: StepResult): string {
  return step.kind === 'final' ? step.outcome.status : step.kind;
}

/** The agent's words: plain, and a title that says more than the outcome's word. */
function expectPlainWords(step: StepResult, scenario: Scenario): void {
  if (step.kind !== 'final') return;
  const { title, message, nextSteps, status } = step.outcome;
  expectPlainText([title, message, nextSteps], scenario);
  expect(title.toLowerCase(), `${scenario}: the title repeats the word`).not.toBe(presentStatus(status).word.toLowerCase());
}

/**
 * After an answer that may hide a push already on the phone (a 5xx, an unreadable answer, no answer), the
 * outcome says so and never invites another push: the agent calls back or uses another method.
 */
function expectMaybeSent(step: StepResult, scenario: Scenario): void {
  if (step.kind !== 'final') return;
  const { message, nextSteps, ambiguous } = step.outcome;
  expect(ambiguous, `${scenario}: a push may be on the phone`).toBe(true);
  expect(message, `${scenario}: the message says the push may be out`).toMatch(/may already have reached/);
  expect(nextSteps ?? '', `${scenario}: the next step forbids a second push`).toMatch(/Do not send another push/);
  expect(nextSteps ?? '', `${scenario}: never "try again"`).not.toMatch(/try again/i);
}

/** A check: arranges a scenario, sends one push, and asserts the outcome, its words and the request count. */
function refused(scenario: Scenario, allowed: readonly string[], maybeSent = false) {
  return async (driver: ConformanceDriver): Promise<void> =>
    withRig(driver, async (rig) => {
      rig.arrange(scenario);
      const step = await start(rig);
      expect(statusOf(step), `${scenario} must never be approved`).not.toBe('approved');
      expect(allowed, `${scenario} ended as ${statusOf(step)}`).toContain(statusOf(step));
      expectPlainWords(step, scenario);
      if (maybeSent) expectMaybeSent(step, scenario);
      expect(rig.pushRequests(), `${scenario}: exactly one push request, never retried`).toBe(1);
    });
}

export const checks: Record<string, (driver: ConformanceDriver) => Promise<void>> = {
  'an explicit, validated approval of the same subject is approved, with one push request': async (driver) =>
    withRig(driver, async (rig) => {
      rig.arrange('approve');
      const step = await start(rig);
      expect(statusOf(step)).toBe('approved');
      expect(rig.pushRequests()).toBe(1);
    }),
  'an approval for a different subject is never approved': refused('approve_other_subject', ['error']),
  'a denial is a denial': refused('deny', ['denied', 'fraud']),
  'an unknown state is an error': refused('unknown_state', ['error']),
  'a malformed body is an error that may hide a push on the phone': refused('malformed', ['error'], true),
  'a 5xx is an error, may hide a push on the phone, and the push is not retried': refused('http_500', ['error'], true),
  'an HTML page is an error that may hide a push on the phone': refused('html', ['error'], true),
  'an oversized body is an error that may hide a push on the phone': refused('oversize', ['error'], true),
  'a stalled server ends as timed out within the deadline, never approved': async (driver) =>
    withRig(driver, async (rig) => {
      rig.arrange('stall');
      const started = Date.now();
      const step = await start(rig, AbortSignal.timeout(driver.stallDeadlineMs * 3));
      expect(statusOf(step)).toBe('timeout');
      expectPlainWords(step, 'stall');
      expectMaybeSent(step, 'stall');
      expect(Date.now() - started).toBeLessThan(driver.stallDeadlineMs * 2);
      expect(rig.pushRequests()).toBe(1);
    }),
  'cancel through the AbortSignal ends the wait and never approves': async (driver) =>
    withRig(driver, async (rig) => {
      rig.arrange('never_answer');
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 150);
      const result = await start(rig, controller.signal).then(
        (step) => statusOf(step),
        (error: unknown) => (error instanceof Error && error.name === 'AbortError' ? 'aborted' : 'threw'),
      );
      expect(['aborted', 'error', 'timeout']).toContain(result);
      expect(rig.pushRequests()).toBe(1);
    }),
  'each start sends exactly one push': async (driver) =>
    withRig(driver, async (rig) => {
      for (let i = 1; i <= 3; i += 1) {
        rig.arrange(i === 2 ? 'http_500' : 'approve');
        await start(rig);
        expect(rig.pushRequests()).toBe(i);
      }
    }),
};
