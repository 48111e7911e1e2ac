/** The simulated phone's authenticator app: adds what a real one would, computes codes like Microsoft Authenticator, rolls them over. */
import { describe, expect, it } from 'vitest';
import { keyUri, newSecret, toBase32, totp } from '../../../main/services/totp.js';
import { createPhoneAuthenticator, parseKeyUri } from '../../../simulators/phone/authenticator.js';

describe('phone authenticator app (sandbox)', () => {
  it('adds the account of a Key URI and shows the current code with the end of its time step', () => {
    let now = 1_700_000_010_000;
    const phone = createPhoneAuthenticator(() => now);
    const secret = newSecret();
    expect(phone.scan(keyUri('Contoso IT', 'alex@contoso.com', secret))).toEqual({ ok: true, label: 'Contoso IT: alex@contoso.com' });
    const [prompt] = phone.prompts();
    expect(prompt).toMatchObject({ kind: 'totp', subject: 'alex@contoso.com', source: 'Contoso IT (authenticator app)', code: totp(secret, now), actions: ['ignore'] });
    expect(prompt?.validUntil).toBe(new Date((Math.floor(now / 30_000) + 1) * 30_000).toISOString());
    now += 30_000;
    expect(phone.prompts()[0]?.code).toBe(totp(secret, now));
    // Scanning the same account again replaces it; removing it empties the app.
    phone.scan(keyUri('Contoso IT', 'alex@contoso.com', newSecret()));
    expect(phone.prompts()).toHaveLength(1);
    expect(phone.remove(phone.prompts()[0]!.id)).toBe(true);
    expect(phone.prompts()).toEqual([]);
    phone.close();
  });

  it('like Microsoft Authenticator, ignores the algorithm, digits and period in the URI', () => {
    const phone = createPhoneAuthenticator(() => 1_700_000_000_000);
    const secret = newSecret();
    phone.scan(`otpauth://totp/X:y?secret=${toBase32(secret)}&issuer=X&algorithm=SHA256&digits=8&period=60`);
    expect(phone.prompts()[0]?.code).toBe(totp(secret, 1_700_000_000_000));
    phone.close();
  });

  it('refuses what an authenticator app would not add, with the reason', () => {
    expect(parseKeyUri('https://example.com/')).toMatch(/not a time-based/);
    expect(parseKeyUri('otpauth://hotp/X:y?secret=JBSWY3DPEHPK3PXP&counter=1')).toMatch(/not a time-based/);
    expect(parseKeyUri('otpauth://totp/X:y?secret=NOT-BASE32')).toMatch(/no usable secret/);
    expect(parseKeyUri('otpauth://totp/X:y?secret=JBSW')).toMatch(/no usable secret/);
    expect(parseKeyUri('otpauth://totp/?secret=JBSWY3DPEHPK3PXP')).toMatch(/names no account/);
    expect(parseKeyUri(`otpauth://totp/X:y?secret=${'A'.repeat(1100)}`)).toMatch(/too long/);
  });
});
