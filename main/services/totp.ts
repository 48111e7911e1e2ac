/**
 * RFC 4226 (HOTP) and RFC 6238 (TOTP) on Node's crypto, Base32 (RFC 4648, no padding) and the otpauth Key URI.
 * Shared by the app's own authenticator, enrollment and the simulators. Secrets never leave as text except
 * through `keyUri` and `toBase32`, which callers show only on request and never log.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type TotpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

export interface TotpParameters {
  algorithm: TotpAlgorithm;
  digits: number;
  /** Seconds per time step. */
  period: number;
}

/** What Microsoft Authenticator accepts: it ignores any other algorithm, digit count or period. */
export const AUTHENTICATOR_PARAMETERS: TotpParameters = { algorithm: 'SHA1', digits: 6, period: 30 };

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Base32 without padding. */
export function toBase32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes Base32 (case-insensitive, padding and spaces ignored); null for anything else or over 128 bytes. */
export function fromBase32(text: string): Buffer | null {
  if (text.length > 256) return null;
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) return null;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return out.length > 0 ? Buffer.from(out) : null;
}

/** A new secret from the OS random source: 160 bits, as RFC 4226 recommends. */
export function newSecret(): Buffer {
  return randomBytes(20);
}

/** The HOTP value of `counter` (RFC 4226 §5.3, dynamic truncation). */
export function hotp(secret: Uint8Array, counter: number, digits = 6, algorithm: TotpAlgorithm = 'SHA1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm.toLowerCase(), secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The time step of `timeMs` (RFC 6238, T0 = 0). */
export function timeStep(timeMs: number, period = 30): number {
  return Math.floor(timeMs / 1000 / period);
}

/** The TOTP value at `timeMs`. */
export function totp(secret: Uint8Array, timeMs: number, parameters: TotpParameters = AUTHENTICATOR_PARAMETERS): string {
  return hotp(secret, timeStep(timeMs, parameters.period), parameters.digits, parameters.algorithm);
}

/**
 * The time step `code` matches within ±`window` steps of `timeMs`, or null. Every candidate is compared in
 * constant time and all are checked, so timing does not tell which step matched. Callers refuse a step they
 * have already accepted (replay).
 */
export function matchStep(
  secret: Uint8Array,
  code: string,
  timeMs: number,
  window = 1,
  parameters: TotpParameters = AUTHENTICATOR_PARAMETERS,
): number | null {
  if (!new RegExp(`^\\d{${parameters.digits}}$`).test(code)) return null;
  const now = timeStep(timeMs, parameters.period);
  let matched: number | null = null;
  for (let step = now - window; step <= now + window; step += 1) {
    const expected = Buffer.from(hotp(secret, step, parameters.digits, parameters.algorithm));
    if (timingSafeEqual(expected, Buffer.from(code)) && matched === null) matched = step;
  }
  return matched;
}

/** The otpauth Key URI Microsoft Authenticator reads: issuer prefix and parameter, SHA1, 6 digits, 30 s. */
export function keyUri(issuer: string, account: string, secret: Uint8Array): string {
  // Neither part may contain a colon (Key URI format); they are encoded as RFC 3986 requires.
  const clean = (value: string): string => value.replace(/:/g, ' ').trim();
  const label = `${encodeURIComponent(clean(issuer))}:${encodeURIComponent(clean(account))}`;
  const query = `secret=${toBase32(secret)}&issuer=${encodeURIComponent(clean(issuer))}&algorithm=SHA1&digits=6&period=30`;
  return `otpauth://totp/${label}?${query}`;
}
