/**
 * The one poller for every polled protocol (CIBA, Auth0 MFA push, Entra async End): waits the interval
 * before each poll, honours `slow_down` (+5 s, or the server's Retry-After when longer), stops at a hard
 * deadline and on cancel, and never sends more requests than the pacing allows.
 */
import type { Clock } from '../../services/clock.js';

export type PollAnswer<T> =
  | { kind: 'pending' }
  | { kind: 'slow_down'; retryAfterMs?: number | null }
  | { kind: 'done'; value: T };

export type PollEnd<T> =
  | { kind: 'done'; value: T; polls: number }
  /** The deadline came before a final answer. */
  | { kind: 'deadline'; polls: number }
  /** The server kept answering slow_down even after the app slowed down. */
  | { kind: 'slow_down_limit'; polls: number };

export interface PollOptions<T> {
  clock: Clock;
  /** Cancel: the wait rejects with an AbortError. */
  signal: AbortSignal;
  /** Wait before the first poll and between polls. */
  intervalMs: number;
  /** Absolute time (clock.now()) after which no poll is sent. */
  deadlineAt: number;
  /** Added to the interval on every slow_down (RFC 8628 §3.5, CIBA §11). Default 5 s. */
  slowDownStepMs?: number;
  /** Upper bound of the interval, whatever the server asks. Default 60 s. */
  maxIntervalMs?: number;
  /** slow_down answers in a row that end the poll. Default 5. */
  maxSlowDowns?: number;
  /** Sends one poll. `count` starts at 1. */
  poll(count: number): Promise<PollAnswer<T>>;
  /** Called after every poll with the number sent so far. */
  onPoll?(count: number): void;
}

const DEFAULT_STEP_MS = 5_000;
const DEFAULT_MAX_INTERVAL_MS = 60_000;
const DEFAULT_MAX_SLOW_DOWNS = 5;
/** Floor of the interval: a server may not make the app hammer it, whatever it sends. */
export const MIN_POLL_INTERVAL_MS = 1_000;

/** Polls until a final answer, the deadline, or too many slow_downs. Rejects only on abort or a throwing poll. */
export async function pollUntilDone<T>(options: PollOptions<T>): Promise<PollEnd<T>> {
  const { clock, signal } = options;
  const step = options.slowDownStepMs ?? DEFAULT_STEP_MS;
  const cap = Math.max(MIN_POLL_INTERVAL_MS, options.maxIntervalMs ?? DEFAULT_MAX_INTERVAL_MS);
  const maxSlowDowns = options.maxSlowDowns ?? DEFAULT_MAX_SLOW_DOWNS;
  let interval = clamp(options.intervalMs, MIN_POLL_INTERVAL_MS, cap);
  let wait = interval;
  // Why a count bound as well as the clock: a clock that stands still must not allow endless polling.
  const maxPolls = Math.ceil(Math.max(0, options.deadlineAt - clock.now()) / MIN_POLL_INTERVAL_MS) + 1;
  let slowDowns = 0;
  for (let polls = 0; polls < maxPolls; ) {
    if (clock.now() + wait > options.deadlineAt) {
      // The next poll would come after the deadline: wait out the deadline, then stop without polling.
      const rest = options.deadlineAt - clock.now();
      if (rest > 0) await clock.sleep(rest, signal);
      return { kind: 'deadline', polls };
    }
    await clock.sleep(wait, signal);
    polls += 1;
    const answer = await options.poll(polls);
    options.onPoll?.(polls);
    if (answer.kind === 'done') return { kind: 'done', value: answer.value, polls };
    if (answer.kind === 'pending') {
      slowDowns = 0;
      wait = interval;
      continue;
    }
    slowDowns += 1;
    if (slowDowns >= maxSlowDowns) return { kind: 'slow_down_limit', polls };
    interval = clamp(interval + step, MIN_POLL_INTERVAL_MS, cap);
    wait = clamp(Math.max(interval, answer.retryAfterMs ?? 0), MIN_POLL_INTERVAL_MS, cap);
  }
  return { kind: 'deadline', polls: maxPolls };
}

/** Reads a Retry-After header (seconds, or an HTTP date) as milliseconds from `now`; null when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now: number): number | null {
  if (!value) return null;
  const text = value.trim().slice(0, 64);
  if (/^\d{1,6}$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Number.isFinite(value) ? value : min));
}
