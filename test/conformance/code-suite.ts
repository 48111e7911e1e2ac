/**
 * The fail-closed checks for providers that verify a caller by a read-back code: only the right, fresh code
 * of the same account approves; a replay, another account's code, a carried-over or forged challenge and a
 * malformed code never do, and none of them throws.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { StepResult, Subject, VerificationProvider } from '../../main/providers/types.js';
import { withRig as withShared } from './shared.js';

export interface CodeRig {
  provider: VerificationProvider;
  subject: Subject;
  /** A second enrolled account: its codes must never approve `subject`. */
  other: Subject;
  /** The code the account's authenticator shows now. */
  code(subject: Subject): string;
  /** Moves on to the next time step, so a fresh code exists. */
  nextStep(): void;
  close(): Promise<void>;
}

export interface CodeConformanceDriver {
  name: string;
  start(): Promise<CodeRig>;
}

const signal = (): AbortSignal => AbortSignal.timeout(10_000);
const statusOf = (step: StepResult): string => (step.kind === 'final' ? step.outcome.status : step.kind);

async function open(rig: CodeRig, subject = rig.subject): Promise<unknown> {
  const step = await rig.provider.start({ subject, contextId: randomUUID(), mode: 'otp', signal: signal() });
  expect(step.kind, 'a code check starts as a challenge').toBe('challenge');
  return step.kind === 'challenge' ? step.challenge : null;
}

async function submit(rig: CodeRig, challenge: unknown, code: string, subject = rig.subject): Promise<string> {
  const step = await rig.provider.submitCode({ subject, contextId: randomUUID(), challenge, code, signal: signal() });
  return statusOf(step);
}

const withRig = (driver: CodeConformanceDriver, run: (rig: CodeRig) => Promise<void>): Promise<void> => withShared(() => driver.start(), run);

const wrong = (code: string): string => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

export const codeChecks: Record<string, (driver: CodeConformanceDriver) => Promise<void>> = {
  'the right, fresh code of the same account approves': (driver) =>
    withRig(driver, async (rig) => {
      rig.nextStep();
      expect(await submit(rig, await open(rig), rig.code(rig.subject))).toBe('approved');
    }),
  'a wrong code is never approved': (driver) =>
    withRig(driver, async (rig) => {
      rig.nextStep();
      expect(await submit(rig, await open(rig), wrong(rig.code(rig.subject)))).not.toBe('approved');
    }),
  'the same code a second time is refused (replay)': (driver) =>
    withRig(driver, async (rig) => {
      rig.nextStep();
      const code = rig.code(rig.subject);
      expect(await submit(rig, await open(rig), code)).toBe('approved');
      expect(await submit(rig, await open(rig), code)).not.toBe('approved');
    }),
  'another account’s current code never approves this account': (driver) =>
    withRig(driver, async (rig) => {
      rig.nextStep();
      expect(await submit(rig, await open(rig), rig.code(rig.other))).not.toBe('approved');
    }),
  'a challenge opened for one account cannot approve another': (driver) =>
    withRig(driver, async (rig) => {
      rig.nextStep();
      const challenge = await open(rig, rig.subject);
      expect(await submit(rig, challenge, rig.code(rig.other), rig.other)).not.toBe('approved');
    }),
  'a forged or empty challenge is never approved': (driver) =>
    withRig(driver, async (rig) => {
      rig.nextStep();
      for (const challenge of [null, undefined, {}, 'x', 42, { account: rig.other.canonical }]) {
        expect(await submit(rig, challenge, rig.code(rig.subject)), JSON.stringify(challenge) ?? 'undefined').not.toBe('approved');
      }
    }),
  'malformed codes are refused without throwing': (driver) =>
    withRig(driver, async (rig) => {
      rig.nextStep();
      const challenge = await open(rig);
      for (const code of ['', '12345', 'abcdef', '1234567', ` ${rig.code(rig.subject)}`, '１２３４５６', '0'.repeat(10_000)]) {
        expect(await submit(rig, challenge, code)).not.toBe('approved');
      }
    }),
  'a push is refused by a code-only provider, never approved': (driver) =>
    withRig(driver, async (rig) => {
      const step = await rig.provider.start({ subject: rig.subject, contextId: randomUUID(), mode: 'push', signal: signal() });
      expect(statusOf(step)).toBe('error');
    }),
};
