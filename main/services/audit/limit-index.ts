/**
 * What the push limits and the lookup limits count, from the recent past of the trail: verification and
 * methods-lookup requests, the latest verification activity of each account (request or outcome), and
 * denials. Fed only by entries whose MAC and chain verified (the start-up check) and by this process's own
 * appends, keyed by sequence number so an entry fed twice counts once. Why not a SELECT COUNT: whoever can
 * edit the database file could delete a target's rows and so reset its limit; here those rows still count,
 * and the check that finds them missing stops new requests anyway.
 */
import { col, type RowValues } from './entry.js';

const VERIFY = new Set(['verify.push', 'verify.otp']);
const ACTIVITY = new Set(['verify.push', 'verify.otp', 'verify.code']);
const KEEP_MS = 24 * 60 * 60_000;

interface Fact {
  ts: number;
  target: string | null;
  operator: string;
  /** A request: a verification or a methods lookup. */
  request: 'verify' | 'lookup' | null;
  /** Any entry of a verification (its request, a code check, an outcome). */
  activity: boolean;
  denial: boolean;
}

export interface LimitIndex {
  add(values: RowValues): void;
  /** Verification requests since `since`: of the canonical target, and by the operator. */
  count(targetCanonical: string, operator: string, since: number): { forTarget: number; byOperator: number };
  /** Methods lookups since `since`, of the target and by the operator. */
  lookups(targetCanonical: string, operator: string, since: number): { forTarget: number; byOperator: number };
  /** Time of the latest verification entry of the target, or null. */
  lastActivity(targetCanonical: string): number | null;
  /** Verifications of the target that ended denied since `since`. */
  denials(targetCanonical: string, since: number): number;
}

export function createLimitIndex(now: () => number): LimitIndex {
  const facts = new Map<number, Fact>();
  const tally = (kind: 'verify' | 'lookup', target: string, operator: string, since: number) => {
    let forTarget = 0;
    let byOperator = 0;
    for (const fact of facts.values()) {
      if (fact.request !== kind || fact.ts < since) continue;
      if (fact.target === target) forTarget += 1;
      if (fact.operator === operator) byOperator += 1;
    }
    return { forTarget, byOperator };
  };
  return {
    add(values) {
      const action = values[col('action')] as string;
      const outcome = values[col('outcome')] as string;
      const ts = values[col('ts')] as number;
      if (ts < now() - KEEP_MS || (!ACTIVITY.has(action) && action !== 'verify.methods')) return;
      const started = outcome === 'started';
      facts.set(values[col('seq')] as number, {
        ts,
        target: values[col('target_canonical')] as string | null,
        operator: values[col('operator')] as string,
        request: started && VERIFY.has(action) ? 'verify' : started && action === 'verify.methods' ? 'lookup' : null,
        activity: ACTIVITY.has(action),
        denial: VERIFY.has(action) && outcome === 'denied',
      });
      if (facts.size % 256 === 0) {
        for (const [seq, fact] of facts) if (fact.ts < now() - KEEP_MS) facts.delete(seq);
      }
    },
    count: (target, operator, since) => tally('verify', target, operator, since),
    lookups: (target, operator, since) => tally('lookup', target, operator, since),
    lastActivity(target) {
      let latest: number | null = null;
      for (const fact of facts.values()) if (fact.activity && fact.target === target && (latest === null || fact.ts > latest)) latest = fact.ts;
      return latest;
    },
    denials(target, since) {
      let n = 0;
      for (const fact of facts.values()) if (fact.denial && fact.target === target && fact.ts >= since) n += 1;
      return n;
    },
  };
}
