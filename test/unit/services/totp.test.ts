/** TOTP core: RFC 6238 Appendix B, Base32, the Key URI, the ±1-step window; cross-checked against otpauth. */
import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { fromBase32, hotp, keyUri, matchStep, newSecret, toBase32, totp } from '../../../main/services/totp.js';

const seeds = {
  SHA1: Buffer.from('12345678901234567890'),
  SHA256: Buffer.from('12345678901234567890123456789012'),
  SHA512: Buffer.from('1234567890'.repeat(6) + '1234'),
} as const;

const table: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('TOTP core', () => {
  it('matches the RFC 6238 Appendix B table for SHA1, SHA256 and SHA512 with their own seed lengths', () => {
    for (const [seconds, sha1, sha256, sha512] of table) {
      expect(totp(seeds.SHA1, seconds * 1000, { algorithm: 'SHA1', digits: 8, period: 30 })).toBe(sha1);
      expect(totp(seeds.SHA256, seconds * 1000, { algorithm: 'SHA256', digits: 8, period: 30 })).toBe(sha256);
      expect(totp(seeds.SHA512, seconds * 1000, { algorithm: 'SHA512', digits: 8, period: 30 })).toBe(sha512);
    }
    // The RFC prose seed with SHA256 does not give the table's value (the table used longer seeds).
    expect(totp(seeds.SHA1, 59_000, { algorithm: 'SHA256', digits: 8, period: 30 })).toBe('32247374');
    expect(totp(seeds.SHA1, 59_000)).toBe('287082');
  });

  it('agrees with the otpauth library on random secrets and times', () => {
    for (let i = 0; i < 200; i += 1) {
      const secret = newSecret();
      const at = Math.floor(Math.random() * 4_000_000_000_000);
      const reference = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(toBase32(secret)), algorithm: 'SHA1', digits: 6, period: 30 });
      expect(totp(secret, at)).toBe(reference.generate({ timestamp: at }));
    }
  });

  it('round-trips Base32 and refuses what is not Base32', () => {
    expect(toBase32(seeds.SHA1)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(fromBase32('gezd gnbv gy3t qojq gezd gnbv gy3t qojq====')).toEqual(seeds.SHA1);
    expect(fromBase32('GEZD1')).toBeNull();
    expect(fromBase32('A'.repeat(300))).toBeNull();
  });

  it('accepts the code of ±1 time step only, and says which step matched', () => {
    const secret = newSecret();
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(matchStep(secret, totp(secret, now), now)).toBe(step);
    expect(matchStep(secret, totp(secret, now - 30_000), now)).toBe(step - 1);
    expect(matchStep(secret, totp(secret, now + 30_000), now)).toBe(step + 1);
    expect(matchStep(secret, totp(secret, now - 60_000), now)).toBeNull();
    expect(matchStep(secret, totp(secret, now + 60_000), now)).toBeNull();
    expect(matchStep(secret, '12345', now)).toBeNull();
    expect(matchStep(secret, hotp(secret, step, 6), now)).toBe(step);
  });

  it('writes the Key URI Microsoft Authenticator reads (SHA1, 6 digits, 30 s, issuer twice, no padding)', () => {
    const uri = keyUri('ACME Co', 'john.doe@email.com', seeds.SHA1);
    expect(uri).toBe(
      'otpauth://totp/ACME%20Co:john.doe%40email.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30',
    );
    const parsed = OTPAuth.URI.parse(uri) as OTPAuth.TOTP;
    expect([parsed.issuer, parsed.label, parsed.algorithm, parsed.digits, parsed.period]).toEqual(['ACME Co', 'john.doe@email.com', 'SHA1', 6, 30]);
    expect(keyUri('Evil:Issuer', 'a:b', seeds.SHA1)).not.toMatch(/totp\/[^?]*:.*:/);
  });
});
