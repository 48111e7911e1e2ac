/** The suite passes for a provider written as it must be, and catches the mistakes of a naive one. */
import { describe, expect, it } from 'vitest';
import { describeConformance } from './describe.js';
import { fakeDriver } from './fake.js';
import { checks } from './suite.js';

describeConformance(fakeDriver());

describe('the conformance suite itself', () => {
  it('fails a naive provider that approves any "approved" and retries a failed push', async () => {
    const naive = fakeDriver(true);
    const failures: string[] = [];
    for (const [name, check] of Object.entries(checks)) {
      await check(naive).catch(() => failures.push(name));
    }
    expect(failures).toEqual(
      expect.arrayContaining([
        'an approval for a different subject is never approved',
        'a 5xx is an error, may hide a push on the phone, and the push is not retried',
        'an oversized body is an error that may hide a push on the phone',
        'each start sends exactly one push',
      ]),
    );
  }, 60_000);
});
