/** The code checks catch the usual mistakes: a provider that accepts replays and checks codes against whatever account it is told. */
import { describe, expect, it } from 'vitest';
import type { StepResult, VerificationProvider } from '../../main/providers/types.js';
import { errorOutcome } from '../../main/providers/shared/outcomes.js';
import { newSecret, totp } from '../../main/services/totp.js';
import { codeChecks, type CodeConformanceDriver } from './code-suite.js';

/** The naive provider: a code matching the current step of the subject it is handed approves, again and again. */
function naiveDriver(): CodeConformanceDriver {
  return {
    name: 'naive code provider (must fail)',
    async start() {
      let now = 1_700_000_000_000;
      const secrets = new Map([
        ['alex', newSecret()],
        ['sam', newSecret()],
      ]);
      const final = (approved: boolean): StepResult => ({
        kind: 'final',
        outcome: approved ? { status: 'approved', code: 'ok', title: 'Verified', message: '', nextSteps: null } : errorOutcome('wrong', 'Wrong', 'Wrong code.'),
        refs: {},
      });
      const provider: VerificationProvider = {
        listMethods: async () => ({ ok: false, code: 'x', message: 'x' }),
        start: async () => ({ kind: 'challenge', challenge: {}, refs: {}, attemptsLeft: null, message: 'Read the code.' }),
        submitCode: async (request) => final(totp(secrets.get(request.subject.canonical)!, now) === request.code),
        testConnection: async () => ({ ok: true, code: null, message: 'ok', fix: null }),
        script: () => '',
      };
      return {
        provider,
        subject: { raw: 'alex', canonical: 'alex' },
        other: { raw: 'sam', canonical: 'sam' },
        code: (who) => totp(secrets.get(who.canonical)!, now),
        nextStep: () => void (now += 30_000),
        close: async () => undefined,
      };
    },
  };
}

describe('the code conformance checks themselves', () => {
  it('fail a naive provider that accepts replays, forged challenges and pushes', async () => {
    const failures: string[] = [];
    for (const [name, check] of Object.entries(codeChecks)) await check(naiveDriver()).catch(() => failures.push(name));
    expect(failures).toEqual(
      expect.arrayContaining([
        'the same code a second time is refused (replay)',
        'a challenge opened for one account cannot approve another',
        'a forged or empty challenge is never approved',
        'a push is refused by a code-only provider, never approved',
      ]),
    );
  });
});
