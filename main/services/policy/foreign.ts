/**
 * Entries another process on the same data folder (the CLI beside the desktop app) wrote after this one
 * started, which the verified indexes have not seen. Used only in the direction that refuses more: a lock
 * recorded elsewhere locks here too, and a token checked elsewhere is spent here too. An entry forged into the
 * database could only lock an account or spend a token, never lift a lock or mint a token.
 */
import type { Database } from '../db/database.js';
import { LOCK_EVENT, TOKEN_CHECKED_EVENT, UNLOCK_EVENT } from './ledger.js';
import type { TargetLock } from './limits.js';

export interface ForeignEntries {
  lock(targetCanonical: string): TargetLock | null;
  tokenUse(fingerprint: string): { at: number } | null;
}

export function foreignEntries(db: Database): ForeignEntries {
  const lastLock = db.prepare<[string, string, string], { event: string; ts: number; reason_code: string | null }>(
    'SELECT event, ts, reason_code FROM audit_log WHERE target_canonical = ? AND event IN (?, ?) ORDER BY seq DESC LIMIT 1',
  );
  const checks = db.prepare<[string, string], { ts: number }>(
    "SELECT ts FROM audit_log WHERE event = ? AND data LIKE ? ESCAPE '\\' ORDER BY seq LIMIT 1",
  );
  return {
    lock(targetCanonical) {
      const row = lastLock.get(targetCanonical, LOCK_EVENT, UNLOCK_EVENT);
      if (!row || row.event !== LOCK_EVENT) return null;
      return { at: row.ts, reason: row.reason_code === 'fraud_reported' ? 'fraud_reported' : 'repeated_denials' };
    },
    tokenUse(fingerprint) {
      // A fingerprint is hex: nothing in it needs escaping for LIKE.
      const row = checks.get(TOKEN_CHECKED_EVENT, `%"fingerprint":"${fingerprint.replace(/[^0-9a-f]/g, '')}"%`);
      return row ? { at: row.ts } : null;
    },
  };
}
