/**
 * Timing that tells cost from noise on a shared 2-core machine: the CPU time a call used (the process's user
 * plus system time, so waiting for a core or for I/O is not counted), the least of a few runs. A call that is
 * slow by construction (a backtracking pattern, a walk over every key) costs that CPU every time; a busy
 * neighbour or a garbage-collection pause does not show up in every run.
 */

/** CPU milliseconds `fn` used, the least of `runs` runs. */
export async function fastestCpuMs(fn: () => unknown, runs = 5): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i += 1) {
    const started = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}
