/**
 * Verification starts of the recent past, for the push limits. Fed only by entries whose MAC and chain
 * verified (the start-up check) and by this process's own appends. Why not a SELECT COUNT: whoever can edit
 * the database file could delete a target's rows and so reset its limit; here those rows still count, and
 * the check that finds them missing stops new requests anyway.
 */
import { col, type RowValues } from './entry.js';

const COUNTED = new Set(['verify.push', 'verify.otp']);
const KEEP_MS = 24 * 60 * 60_000;

export interface LimitIndex {
  add(values: RowValues): void;
  count(targetCanonical: string, operator: string, since: number): { forTarget: number; byOperator: number };
}

export function createLimitIndex(now: () => number): LimitIndex {
  const starts = new Map<number, { ts: number; target: string | null; operator: string }>();
  return {
    add(values) {
      if (!COUNTED.has(values[col('action')] as string) || values[col('outcome')] !== 'started') return;
      const ts = values[col('ts')] as number;
      if (ts < now() - KEEP_MS) return;
      starts.set(values[col('seq')] as number, {
        ts,
        target: values[col('target_canonical')] as string | null,
        operator: values[col('operator')] as string,
      });
      if (starts.size % 256 === 0) {
        for (const [seq, start] of starts) if (start.ts < now() - KEEP_MS) starts.delete(seq);
      }
    },
    count(targetCanonical, operator, since) {
      let forTarget = 0;
      let byOperator = 0;
      for (const start of starts.values()) {
        if (start.ts < since) continue;
        if (start.target === targetCanonical) forTarget += 1;
        if (start.operator === operator) byOperator += 1;
      }
      return { forTarget, byOperator };
    },
  };
}
