/**
 * Running fast-check properties in the test run: a seed that is printed on failure (with the command that
 * replays it), a fixed number of runs scaled by FUZZ_SCALE, and a time cap so a slow, shared machine cannot
 * stretch the suite. FUZZ_SEED replays one run exactly: FUZZ_SEED=123 npx vitest run test/unit/fuzz/<file>.
 */
import fc from 'fast-check';

const scale = Number(process.env.FUZZ_SCALE ?? '') || 1;
const replaySeed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : null;

export interface FuzzReport {
  name: string;
  runs: number;
  ms: number;
  seed: number;
}

/** What each property ran; the suites print it, and the report quotes it. */
export const fuzzReports: FuzzReport[] = [];

/**
 * Checks `predicate` on `runs` values of `arbitrary` (× FUZZ_SCALE), for at most `capMs`. The first failure
 * ends the run unshrunk (bounded time); the error carries the seed, the value and how to replay it.
 */
export async function fuzz<T>(name: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<void> | void, runs: number, capMs = 20_000): Promise<FuzzReport> {
  const seed = replaySeed ?? (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0;
  const started = Date.now();
  let ran = 0;
  const property = fc.asyncProperty(arbitrary, async (value) => {
    ran += 1;
    await predicate(value);
  });
  const details = await fc.check(property, {
    seed,
    numRuns: Math.max(1, Math.round(runs * scale)),
    endOnFailure: true,
    interruptAfterTimeLimit: capMs,
    markInterruptAsFailure: false,
    includeErrorInReport: true,
  });
  const report = { name, runs: ran, ms: Date.now() - started, seed };
  fuzzReports.push(report);
  console.log(`fuzz ${name}: ${ran} cases in ${report.ms} ms (seed ${seed})`);
  if (details.failed) {
    // The counterexample can be a 256 KiB body: the report keeps its start, the seed replays all of it.
    const full = fc.defaultReportMessage(details) ?? 'property failed';
    const message = full.length > 4000 ? `${full.slice(0, 4000)}… (${full.length} characters; replay the seed for all of it)` : full;
    throw new Error(`${name} failed with seed ${seed}. Replay: FUZZ_SEED=${seed} npx vitest run <this file>\n${message}`);
  }
  return report;
}
