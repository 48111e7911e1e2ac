/**
 * The transaction's canonical form and hash: RFC 8785 JSON Canonicalization Scheme (keys sorted by UTF-16
 * code units, ECMAScript string and number serialisation, no whitespace), then SHA-256 over its UTF-8 bytes.
 * The short form people compare is the first 40 bits of the hash in Base32 (RFC 4648), as XXXX-XXXX.
 */
import { createHash } from 'node:crypto';
import { toBase32 } from '../totp.js';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** RFC 8785 canonical JSON. Numbers must be finite (JSON.stringify writes them the way §3.2.2.3 requires). */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('canonical JSON has no representation for a non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  // Default string order in JS compares UTF-16 code units, which is what RFC 8785 §3.2.3 asks for.
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key]!)}`).join(',')}}`;
}

/** The fields of a transaction as they are hashed (and carried in a receipt). */
export interface CanonicalTransaction {
  [key: string]: Json;
  v: 1;
  reference: string;
  amount: string;
  currency: string;
  beneficiary: string;
  account: { type: 'iban' | 'account'; value: string };
  purpose: string;
}

export interface TransactionHash {
  canonical: string;
  /** SHA-256, lower-case hex. */
  hash: string;
  short: string;
}

export const CANONICALIZATION = 'RFC 8785 JCS, SHA-256';

export function hashTransaction(transaction: CanonicalTransaction): TransactionHash {
  const canonical = canonicalJson(transaction);
  const digest = createHash('sha256').update(canonical, 'utf8').digest();
  const short = toBase32(digest.subarray(0, 5));
  return { canonical, hash: digest.toString('hex'), short: `${short.slice(0, 4)}-${short.slice(4, 8)}` };
}
