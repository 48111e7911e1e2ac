/**
 * Locks and verification tokens as the trail records them. Like the limit index, it is fed only by entries
 * whose chain verified and by this process's own appends, so a lock cannot be lifted, nor a token minted,
 * by editing the database. Everything it reads is in the entry's `data` (the one free column the parallel
 * verifier hands over besides the routing columns).
 */
import { col, type RowValues } from '../audit/entry.js';
import type { TargetLock } from './limits.js';

export const LOCK_EVENT = 'target_locked';
export const UNLOCK_EVENT = 'target_unlocked';
export const TOKEN_ISSUED_EVENT = 'verification_token_issued';
export const TOKEN_CHECKED_EVENT = 'verification_token_checked';

/** What a token's issue entry holds (never the token: its SHA-256, as `fingerprint`). */
export interface IssuedToken {
  seq: number;
  issuedAt: number;
  expiresAt: number;
  fingerprint: string;
  target: string;
  targetCanonical: string;
  ticket: string;
  operator: string;
  profileId: string | null;
  verificationId: string;
  assurance: string;
}

export interface TokenUse {
  seq: number;
  at: number;
  outcome: string;
}

export interface PolicyLedger {
  add(values: RowValues): void;
  lock(targetCanonical: string): (TargetLock & { seq: number }) | null;
  /** When the target's last lock was cleared (denials before it no longer count), or null. */
  clearedAt(targetCanonical: string): number | null;
  locks(): { target: string; targetCanonical: string; lock: TargetLock; seq: number }[];
  token(fingerprint: string): IssuedToken | null;
  tokenUse(fingerprint: string): TokenUse | null;
}

const TOKEN_KEEP_MS = 24 * 60 * 60_000;

function dataOf(values: RowValues): Record<string, unknown> {
  const text = values[col('data')];
  if (typeof text !== 'string') return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export function createPolicyLedger(now: () => number): PolicyLedger {
  const locks = new Map<string, { seq: number; at: number; locked: boolean; reason: TargetLock['reason']; target: string }>();
  const issued = new Map<string, IssuedToken>();
  const used = new Map<string, TokenUse>();
  return {
    add(values) {
      const event = values[col('event')] as string;
      const seq = values[col('seq')] as number;
      const ts = values[col('ts')] as number;
      if (event === LOCK_EVENT || event === UNLOCK_EVENT) {
        const data = dataOf(values);
        const canonical = str(data.targetCanonical) || str(values[col('target_canonical')]);
        const known = locks.get(canonical);
        if (!canonical || (known && known.seq >= seq)) return;
        const reason = data.lockReason === 'fraud_reported' ? 'fraud_reported' : 'repeated_denials';
        locks.set(canonical, { seq, at: ts, locked: event === LOCK_EVENT, reason, target: str(data.target) || canonical });
        return;
      }
      if (ts < now() - TOKEN_KEEP_MS) return;
      if (event === TOKEN_ISSUED_EVENT) {
        const data = dataOf(values);
        const fingerprint = str(data.fingerprint);
        if (!fingerprint || typeof data.expiresAt !== 'number') return;
        issued.set(fingerprint, {
          seq,
          issuedAt: ts,
          expiresAt: data.expiresAt,
          fingerprint,
          target: str(data.target),
          targetCanonical: str(data.targetCanonical),
          ticket: str(data.ticket),
          operator: str(values[col('operator')]),
          profileId: str(data.profileId) || null,
          verificationId: str(data.verificationId),
          assurance: str(data.assurance),
        });
      } else if (event === TOKEN_CHECKED_EVENT) {
        const fingerprint = str(dataOf(values).fingerprint);
        // Why every check, accepted or refused: a token presented for the wrong account or ticket is spent too.
        if (fingerprint && !used.has(fingerprint)) used.set(fingerprint, { seq, at: ts, outcome: str(values[col('outcome')]) });
      }
    },
    lock(canonical) {
      const entry = locks.get(canonical);
      return entry?.locked ? { at: entry.at, reason: entry.reason, seq: entry.seq } : null;
    },
    clearedAt(canonical) {
      const entry = locks.get(canonical);
      return entry && !entry.locked ? entry.at : null;
    },
    locks: () =>
      [...locks.entries()]
        .filter(([, entry]) => entry.locked)
        .map(([canonical, entry]) => ({ target: entry.target, targetCanonical: canonical, lock: { at: entry.at, reason: entry.reason }, seq: entry.seq })),
    token: (fingerprint) => issued.get(fingerprint) ?? null,
    tokenUse: (fingerprint) => used.get(fingerprint) ?? null,
  };
}
