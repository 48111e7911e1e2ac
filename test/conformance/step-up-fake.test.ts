/**
 * The step-up checks catch the usual mistakes: a provider that takes any success status as an approval
 * (without checking the signed answer), resends a push after a server error, and waits on a stalled tenant
 * for as long as it is let.
 */
import { describe, expect, it } from 'vitest';
import type { FactorResult, StepUpChallenge, StepUpFailure, StepUpProvider, VerifiedApprover } from '../../main/providers/step-up.js';
import { abortError } from '../../main/services/clock.js';
import { stepUpChecks, type StepUpDriver, type StepUpScenario } from './step-up-suite.js';

const SUBJECT = 'auth0|naive-approver';
const CODE = '246810';

/** The scripted tenant's answer to a poll or code check: a status and a body. */
function answerTo(scenario: StepUpScenario, signal: AbortSignal): Promise<{ status: number; body: string }> {
  const ok = (claims: object) => Promise.resolve({ status: 200, body: JSON.stringify({ sub: SUBJECT, ...claims }) });
  switch (scenario) {
    case 'approve':
      return ok({ aud: 'this-app' });
    case 'other_audience':
      return ok({ aud: 'another-app' });
    case 'other_issuer':
      return ok({ iss: 'https://another-tenant.example.com/' });
    case 'forged_signature':
    case 'replayed_token':
      return ok({ note: scenario });
    case 'deny':
      return Promise.resolve({ status: 403, body: '{"error":"invalid_grant"}' });
    case 'unknown_state':
      return ok({ error: 'access_denied' });
    case 'malformed':
      return Promise.resolve({ status: 200, body: '{"sub":"au' });
    case 'http_500':
      return Promise.resolve({ status: 500, body: '<h1>oops</h1>' });
    case 'html':
      return Promise.resolve({ status: 200, body: '<!doctype html><title>Log in</title>' });
    case 'oversize':
      return ok({ pad: 'x'.repeat(2_000_000) });
    case 'never_answer':
      return Promise.resolve({ status: 400, body: '{"error":"authorization_pending"}' });
    case 'stall':
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(abortError()), { once: true }));
  }
}

const failure = (code: string): StepUpFailure => ({ code, title: 'Not approved', message: 'Not approved.', nextSteps: 'Try again.', detail: null });

/** The naive provider: any 200 approves, a 5xx resends the push once, no deadline of its own. */
function naiveDriver(): StepUpDriver {
  return {
    name: 'naive step-up provider (must fail)',
    stallDeadlineMs: 300,
    start() {
      let scenario: StepUpScenario = 'approve';
      let pushes = 0;
      const verified = (challenge: StepUpChallenge, body: string): FactorResult => {
        let sub = SUBJECT;
        try {
          sub = (JSON.parse(body) as { sub?: string }).sub ?? SUBJECT;
        } catch {
          // Naive: an unreadable 200 still counts.
        }
        return { kind: 'verified', approver: { subject: sub, issuer: 'naive', email: null, detail: '' } as unknown as VerifiedApprover, factor: challenge.factor, newRecoveryCode: null };
      };
      const provider: StepUpProvider = {
        policy: { threshold: 1, currency: 'EUR', windowMinutes: 30 },
        signIn: () =>
          Promise.resolve({
            kind: 'mfa',
            session: { expiresAt: Date.now() + 600_000 },
            authenticators: [
              { id: 'push', factor: 'push', label: 'Push' },
              { id: 'otp', factor: 'otp', label: 'App' },
            ],
          }),
        challenge: (_session, authenticator) => {
          if (authenticator.factor === 'push') pushes += 1;
          return Promise.resolve({ kind: 'challenge', challenge: { factor: authenticator.factor, input: authenticator.factor === 'push' ? 'push' : 'code' } });
        },
        submitCode: (_session, challenge, code) => Promise.resolve(code === CODE ? verified(challenge, '{}') : { kind: 'retry', failure: failure('invalid_otp') }),
        async waitForPush(_session, challenge, wait) {
          let resent = false;
          for (let polls = 1; polls <= 20; polls += 1) {
            const answer = await answerTo(scenario, wait.signal);
            wait.onPoll?.(polls);
            if (wait.signal.aborted) throw abortError();
            if (answer.status === 200) return verified(challenge, answer.body);
            if (answer.status >= 500 && !resent) {
              resent = true;
              pushes += 1;
              continue;
            }
            if (answer.status === 403) return { kind: 'failed', failure: failure('push_rejected') };
          }
          return { kind: 'failed', failure: failure('timeout') };
        },
        enroll: () => Promise.resolve({ kind: 'failed', failure: failure('not_supported') }),
        forget: () => undefined,
        testConnection: () => Promise.resolve({ ok: true, code: null, message: 'ok', fix: null }),
      };
      return Promise.resolve({
        provider,
        username: 'naive@example.com',
        password: 'x',
        subject: SUBJECT,
        arrange: (next) => void (scenario = next),
        code: () => CODE,
        pushRequests: () => pushes,
        close: () => Promise.resolve(),
      });
    },
  };
}

describe('the step-up conformance checks themselves', () => {
  it('fail a naive provider that approves any success status, resends a push and waits forever', async () => {
    const failures: string[] = [];
    for (const [name, check] of Object.entries(stepUpChecks)) await check(naiveDriver()).catch(() => failures.push(name));
    expect(failures).toEqual(
      expect.arrayContaining([
        'an answer signed for another application is never approved',
        'a success status carrying an error is an error',
        'an HTML page is an error, and the push may still be on the phone',
        'a 5xx is an error, the push may still be on the phone, and it is not retried',
        'a stalled tenant ends as timed out within the deadline, never approved',
        'each challenge sends exactly one push',
      ]),
    );
    // The approval paths themselves pass: the suite fails the naive provider for its mistakes, not for everything.
    expect(failures).not.toContain('an approved push is verified, names the approver who signed in, with one push');
  }, 30_000);
});
