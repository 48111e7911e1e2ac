/** The one poller: pacing, slow_down, Retry-After, the hard deadline and cancel, on a virtual clock. */
import { describe, expect, it } from 'vitest';
import { pollUntilDone, retryAfterMs, type PollAnswer } from '../../../main/providers/shared/poller.js';
import { abortError, type Clock } from '../../../main/services/clock.js';

/** A clock whose sleeps advance virtual time at once; records every wait. */
function virtualClock(start = 1_000_000): Clock & { waits: number[] } {
  let now = start;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw abortError();
      waits.push(ms);
      now += ms;
    },
  };
}

/** Polls answering from `script` (then pending), recording the virtual time of each poll. */
function scripted<T>(clock: Clock, script: PollAnswer<T>[]) {
  const at: number[] = [];
  return {
    at,
    poll: async (): Promise<PollAnswer<T>> => {
      at.push(clock.now());
      return script.shift() ?? { kind: 'pending' };
    },
  };
}

describe('the shared poller', () => {
  it('waits the interval before each poll and stops at the final answer', async () => {
    const clock = virtualClock();
    const server = scripted(clock, [{ kind: 'pending' }, { kind: 'pending' }, { kind: 'done', value: 'approved' }]);
    const counts: number[] = [];
    const end = await pollUntilDone({ clock, signal: new AbortController().signal, intervalMs: 5000, deadlineAt: clock.now() + 60_000, poll: server.poll, onPoll: (n) => counts.push(n) });
    expect(end).toEqual({ kind: 'done', value: 'approved', polls: 3 });
    expect(clock.waits).toEqual([5000, 5000, 5000]);
    expect(counts).toEqual([1, 2, 3]);
  });

  it('slows down by 5 s on every slow_down, or to the Retry-After when that is longer, and keeps the new pace', async () => {
    const clock = virtualClock();
    const server = scripted<string>(clock, [
      { kind: 'slow_down' },
      { kind: 'pending' },
      { kind: 'slow_down', retryAfterMs: 30_000 },
      { kind: 'pending' },
      { kind: 'done', value: 'x' },
    ]);
    await pollUntilDone({ clock, signal: new AbortController().signal, intervalMs: 5000, deadlineAt: clock.now() + 300_000, poll: server.poll });
    expect(clock.waits).toEqual([5000, 10_000, 10_000, 30_000, 15_000]);
  });

  it('never polls after the deadline, and never more often than the pacing allows', async () => {
    const clock = virtualClock();
    const server = scripted<string>(clock, []);
    const started = clock.now();
    const end = await pollUntilDone({ clock, signal: new AbortController().signal, intervalMs: 5000, deadlineAt: started + 120_000, poll: server.poll });
    expect(end.kind).toBe('deadline');
    expect(server.at.length).toBe(24);
    expect(server.at.every((t) => t <= started + 120_000)).toBe(true);
    expect(clock.now()).toBe(started + 120_000);
  });

  it('refuses to poll faster than once a second whatever the server or profile asks', async () => {
    const clock = virtualClock();
    const server = scripted<string>(clock, []);
    await pollUntilDone({ clock, signal: new AbortController().signal, intervalMs: 0, deadlineAt: clock.now() + 10_000, poll: server.poll });
    expect(server.at.length).toBe(10);
  });

  it('gives up after five slow_downs in a row', async () => {
    const clock = virtualClock();
    const server = scripted<string>(clock, Array.from({ length: 10 }, () => ({ kind: 'slow_down' as const })));
    const end = await pollUntilDone({ clock, signal: new AbortController().signal, intervalMs: 5000, deadlineAt: clock.now() + 3_600_000, poll: server.poll });
    expect(end).toEqual({ kind: 'slow_down_limit', polls: 5 });
  });

  it('rejects with an AbortError on cancel and sends nothing more', async () => {
    const clock = virtualClock();
    const controller = new AbortController();
    const server = scripted<string>(clock, []);
    const poll = async (): Promise<PollAnswer<string>> => {
      if (server.at.length === 1) controller.abort();
      return server.poll();
    };
    await expect(pollUntilDone({ clock, signal: controller.signal, intervalMs: 1000, deadlineAt: clock.now() + 60_000, poll })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(server.at.length).toBe(2);
  });

  it('reads Retry-After in seconds or as a date, and ignores anything else', () => {
    const now = Date.parse('2026-11-29T12:00:00Z');
    expect(retryAfterMs('10', now)).toBe(10_000);
    expect(retryAfterMs('Sun, 29 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs('9'.repeat(10), now)).toBeNull();
  });
});
