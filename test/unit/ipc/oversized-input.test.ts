/**
 * Oversized and hostile payloads through the real handlers: each is refused quickly, by a size limit that
 * runs before any pattern, with a short message that quotes at most a sanitised prefix of the input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entraContract } from '../../../contract/providers/entra.js';
import type { Result } from '../../../contract/domain.js';
import { channels } from '../../../contract/ipc.js';
import { describeZodError, dispatch } from '../../../main/ipc/dispatch.js';
import { ENTRA_SANDBOX_PROFILE_ID, entraSim } from '../../helpers/sandbox.js';
import { ok, startTestRuntime, withoutAudit, type TestRuntime } from '../../helpers/runtime.js';
import { fastestCpuMs } from '../../helpers/timing.js';

let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime();
});
afterAll(async () => t.close());

const KiB = 1024;
/** The account name that made the old UPN pattern backtrack quadratically: a@ then a. repeated. */
const backtracking = (length: number): string => ('a@' + 'a.'.repeat(length)).slice(0, length);

/** The answer, and the fastest of three runs (see helpers/timing.ts). Only refused payloads are timed twice more. */
async function timed(channel: string, payload: unknown): Promise<{ result: Result<unknown>; ms: number }> {
  const result = await dispatch(withoutAudit(t.runtime), channel, payload);
  const ms = result.ok ? Number.NaN : await fastestCpuMs(() => dispatch(withoutAudit(t.runtime), channel, payload), 3);
  return { result, ms };
}

const start = (subject: string) => ({ profileId: ENTRA_SANDBOX_PROFILE_ID, subject, reason: 'Password reset', ticket: 'INC-1', mode: 'push' });

describe('the quadratic account name', () => {
  it.each([64 * KiB, 256 * KiB, KiB * KiB])('a %i-character account name is refused by its size limit within 50 ms', async (length) => {
    for (const [channel, payload] of [
      ['verify:start', start(backtracking(length))],
      ['verify:methods', { profileId: ENTRA_SANDBOX_PROFILE_ID, subject: backtracking(length) }],
    ] as const) {
      const { result, ms } = await timed(channel, payload);
      expect(result).toMatchObject({ ok: false, code: 'bad_request' });
      expect(ms).toBeLessThan(50);
    }
    expect(t.runtime.handlers).toBeDefined();
  });

  it('under the contract limit, the provider’s own check stays fast on the worst input it allows', async () => {
    for (const length of [256, 257, 511, 512]) {
      const { result, ms } = await timed('verify:start', start(backtracking(length)));
      expect(result).toMatchObject({ ok: false, code: 'bad_request', message: expect.stringMatching(/^subject: /) });
      expect(ms).toBeLessThan(50);
    }
    const settings = entraContract.settingsSchema.parse({ tenant: 'contoso.com' });
    const worst = ['a@' + 'a.'.repeat(127), 'a'.repeat(128) + '@' + 'b'.repeat(63) + '.', '@'.repeat(256)];
    for (const raw of worst) {
      expect(entraContract.checkSubject(settings, raw).ok).toBe(false);
      expect(await fastestCpuMs(() => entraContract.checkSubject(settings, raw))).toBeLessThan(5);
    }
  });

  it('refuses an account name with control or invisible formatting characters (it could pass for another)', () => {
    const settings = entraContract.settingsSchema.parse({ tenant: 'contoso.com' });
    for (const raw of ['ja\u202Ene@contoso.com', 'jane@con\u200Btoso.com', 'jane\u0000@contoso.com', 'jane@contoso.com\u2066']) {
      expect(entraContract.checkSubject(settings, raw), JSON.stringify(raw)).toMatchObject({ ok: false });
    }
    expect(entraContract.checkSubject(settings, 'jäne@contoso.com')).toEqual({ ok: true, canonical: 'jäne@contoso.com' });
  });

  it('sends nothing and logs nothing for a refused account name', async () => {
    const before = ok(await t.call('audit:list', {})).length;
    const sent = entraSim(t).counts();
    const { result } = await timed('verify:start', start(backtracking(KiB * KiB)));
    expect(result.ok).toBe(false);
    expect(ok(await t.call('audit:list', {})).length).toBe(before);
    expect(entraSim(t).counts()).toEqual(sent);
    expect(await t.call('verify:list', {})).toEqual({ ok: true, value: [] });
  });
});

describe('error messages quote at most a short, sanitised prefix', () => {
  it('an unknown 1 MB key gets a short answer', async () => {
    const { result, ms } = await timed('verify:list', { ['k'.repeat(KiB * KiB)]: 1 });
    expect(result).toEqual({ ok: false, code: 'bad_request', message: 'request: is too large (64 KiB at most)' });
    expect(ms).toBeLessThan(50);
  });

  it('an unknown key within the size limit is named by its first 40 characters', async () => {
    const { result, ms } = await timed('verify:list', { ['k'.repeat(60 * KiB)]: 1 });
    expect(result).toEqual({ ok: false, code: 'bad_request', message: `request: unknown field “${'k'.repeat(40)}…”` });
    expect(ms).toBeLessThan(50);
  });

  it('describeZodError stays short even when handed a 1 MB key directly', () => {
    const parsed = channels['verify:list'].input.safeParse({ ['k'.repeat(KiB * KiB)]: 1, other: 2 });
    expect(parsed.success).toBe(false);
    const message = describeZodError(parsed.error!);
    expect(message).toBe(`request: unknown field “${'k'.repeat(40)}…”, “other”`);
  });

  it('names at most three unknown keys, without control or bidi characters', async () => {
    const { result } = await timed('verify:list', { 'a\u202Eb\nc': 1, two: 2, three: 3, four: 4, five: 5 });
    expect((result as { message: string }).message).toBe('request: unknown field “a?b?c”, “two”, “three” and 2 more');
  });

  it('a 1 MiB typed array is refused as a kind of value the app does not accept, not listed byte by byte', async () => {
    for (const payload of [new Uint8Array(KiB * KiB), { id: new Float64Array(KiB * KiB) }, new Map([[1, 2]]), { at: new Date() }]) {
      const { result, ms } = await timed('profiles:remove', payload);
      expect(result).toEqual({ ok: false, code: 'bad_request', message: 'request: contains a kind of value the app does not accept' });
      expect(ms).toBeLessThan(50);
    }
  });

  it('says "is required" only of a missing value, and names the type expected otherwise', async () => {
    expect((await timed('profiles:remove', {})).result).toMatchObject({ message: 'id: is required' });
    expect((await timed('profiles:remove', { id: 42 })).result).toMatchObject({ message: 'id: must be an id' });
    expect((await timed('profiles:save', [])).result).toMatchObject({ message: 'request: must be an object' });
    expect((await timed('sandbox:setEnabled', { enabled: 'yes' })).result).toMatchObject({ message: 'enabled: must be true or false' });
  });

  it('a path through hostile keys is shortened and sanitised', async () => {
    const { result } = await timed('profiles:save', { kind: 'entra', displayName: 'X', settings: { tenant: 'x'.repeat(300) } });
    expect((result as { message: string }).message).toMatch(/^settings\.tenant: is too long \(253 characters at most\)$/);
  });
});

describe('overall payload limit', () => {
  it.each([
    ['too large', { id: 'x'.repeat(65 * KiB) }, /^request: is too large/],
    // 20,000 keys is about 200 KB, three times the size limit. Counting keys walks them all (JavaScript has no
    // cheaper way), about 0.45 µs each here, so the walk stays within budget for anything near the limit.
    ['too many fields', Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i])), /^request: has too many fields/],
    ['too deep', JSON.parse('{"a":'.repeat(40) + '1' + '}'.repeat(40)) as unknown, /^request: is nested too deeply/],
  ])('%s is refused before the schema runs, within 50 ms', async (_name, payload, message) => {
    const { result, ms } = await timed('profiles:remove', payload);
    expect(result).toMatchObject({ ok: false, code: 'bad_request', message: expect.stringMatching(message) });
    expect(ms).toBeLessThan(50);
  });
});
