/**
 * Verification tokens as text: `MFAV-` and 20 Crockford base32 characters (100 random bits) in groups of
 * five. Only the SHA-256 of the 20 characters is ever stored; the token itself lives on the agent's screen.
 */
import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 20;
export const TOKEN_PREFIX = 'MFAV';

/** A new token (100 bits from the OS's random source). */
export function newToken(): string {
  const bytes = randomBytes(13);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let body = '';
  for (let i = 0; i < LENGTH; i += 1) {
    body += ALPHABET[Number(bits & 31n)];
    bits >>= 5n;
  }
  return `${TOKEN_PREFIX}-${body.match(/.{5}/g)!.join('-')}`;
}

/**
 * The 20 characters of a token as typed or pasted (prefix, dashes, spaces and case ignored; O read as 0,
 * I and L as 1, as Crockford's alphabet does), or null when it cannot be one.
 */
export function tokenBody(text: string): string | null {
  let body = text.toUpperCase().replace(/[\s-]/g, '');
  if (body.startsWith(TOKEN_PREFIX)) body = body.slice(TOKEN_PREFIX.length);
  body = body.replace(/O/g, '0').replace(/[IL]/g, '1');
  return body.length === LENGTH && [...body].every((c) => ALPHABET.includes(c)) ? body : null;
}

/** SHA-256 (hex) of a token's body: what the trail records instead of the token. */
export function tokenFingerprint(body: string): string {
  return createHash('sha256').update(`mfa-approver verification token\n${body}`).digest('hex');
}
