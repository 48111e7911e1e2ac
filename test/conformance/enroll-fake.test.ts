/**
 * The enrollment checks catch the usual mistakes: a provider that takes any six digits as the first code,
 * ignores its own cancel and lifetime, and prints the setup key where the agent reads it.
 */
import { describe, expect, it } from 'vitest';
import type { EnrollmentProvider } from '../../main/providers/types.js';
import { qrPngDataUrl } from '../../main/services/qr.js';
import { keyUri, newSecret, toBase32 } from '../../main/services/totp.js';
import { manualClock } from '../helpers/accounts.js';
import { enrollChecks, type EnrollDriver } from './enroll-suite.js';

/** The naive provider: a QR and a session that enrolls on any six digits, cancelled, expired or not. */
function naiveDriver(): EnrollDriver {
  return {
    name: 'naive enrollment provider (must fail)',
    stallDeadlineMs: 300,
    start() {
      const clock = manualClock();
      let enrolled = false;
      const enrollment: EnrollmentProvider = {
        async start(request) {
          const secret = newSecret();
          const qr = await qrPngDataUrl(keyUri('Naive', request.subject.raw, secret));
          const display = { qr, accountLabel: request.subject.raw, expiresAt: clock.now() + 300_000, facts: [], notices: [`Setup key: ${toBase32(secret)}`], attemptsLeft: null };
          const session = {
            setupKey: () => toBase32(secret),
            confirm: (code: string) => {
              enrolled ||= /^\d{6}$/.test(code);
              const outcome = { status: enrolled ? ('enrolled' as const) : ('failed' as const), code: 'x', title: 'Enrollment', message: 'Done.', nextSteps: null };
              return Promise.resolve({ kind: 'final' as const, outcome });
            },
            cancel: () => Promise.resolve(),
          };
          return { kind: 'ready', display, session, refs: {} };
        },
      };
      return Promise.resolve({
        enrollment,
        subject: { raw: 'alex@example.com', canonical: 'alex@example.com' },
        userPassword: null,
        now: () => clock.now(),
        advance: (ms) => clock.advance(ms),
        isEnrolled: () => Promise.resolve(enrolled),
        close: () => Promise.resolve(),
      });
    },
  };
}

describe('the enrollment conformance checks themselves', () => {
  it('fail a naive provider that enrolls on any six digits, ignores cancel and expiry, and shows the secret', async () => {
    const failures: string[] = [];
    for (const [name, check] of Object.entries(enrollChecks)) await check(naiveDriver()).catch(() => failures.push(name));
    expect(failures).toEqual(
      expect.arrayContaining([
        'a start shows a QR a phone can use, and enrolls nothing before a code',
        'a wrong code is refused and enrolls nothing',
        'a cancelled enrollment cannot be confirmed, not even with the right code',
        'an expired enrollment cannot be confirmed, not even with the right code',
      ]),
    );
    // Its happy path passes: it is failed for its mistakes, not for everything.
    expect(failures).not.toContain('the right code from the QR enrolls, and no secret or code is in the outcome');
  }, 30_000);
});
