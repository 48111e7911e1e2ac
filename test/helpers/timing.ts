/**
 * Timing that tells cost from noise: the fastest of a few runs. A call that is slow by construction (a
 * backtracking pattern, a walk over every key) is slow every time; a garbage-collection pause or a busy
 * neighbour on a shared 2-core machine slows one run, not all of them.
 */
import { performance } from 'node:perf_hooks';

/** The fastest of `runs` runs of `fn`, in milliseconds. */
export async function fastestMs(fn: () => unknown, runs = 5): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await fn();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}
