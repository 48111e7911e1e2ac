/**
 * The transaction's canonical form (RFC 8785), its SHA-256 hash and short form, amounts in exact minor units,
 * and the IBAN check: the pieces that decide exactly which transaction an approval covers.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compactIban, ibanProblem } from '../../../contract/iban.js';
import { canonicalJson, hashTransaction, type CanonicalTransaction } from '../../../main/services/approvals/canonical.js';
import { needsTwoApprovers, normalizeAmount } from '../../../main/services/approvals/money.js';
import { createRelease } from '../../../main/services/approvals/release.js';

describe('RFC 8785 canonical JSON', () => {
  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const input = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' };
    const keys = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'];
    expect(canonicalJson(input)).toBe(`{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(input[k as keyof typeof input])}`).join(',')}}`);
    expect(canonicalJson(input).startsWith('{"\\r":"Carriage Return","1":"One"')).toBe(true);
  });

  it('writes literals, numbers and nesting without whitespace (RFC 8785 §3.2.2)', () => {
    expect(canonicalJson([56, { d: true, '10': null, '1': [] }])).toBe('[56,{"1":[],"10":null,"d":true}]');
    expect(canonicalJson({ numbers: [333333333.3333333, 1e30, 4.5, 0.002, 1e-27] })).toBe('{"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27]}');
    expect(() => canonicalJson(Number.NaN)).toThrow();
  });
});

const transaction: CanonicalTransaction = {
  v: 1,
  reference: 'PAY-2026-0042',
  amount: '25000.00',
  currency: 'EUR',
  beneficiary: 'Müller Maschinenbau GmbH',
  account: { type: 'iban', value: 'DE89370400440532013000' },
  purpose: 'Invoice 2026-117, spare parts',
};

describe('the transaction hash', () => {
  it('is SHA-256 over the canonical UTF-8 bytes, with a 40-bit Base32 short form', () => {
    const hashed = hashTransaction(transaction);
    expect(hashed.canonical).toBe(
      '{"account":{"type":"iban","value":"DE89370400440532013000"},"amount":"25000.00","beneficiary":"Müller Maschinenbau GmbH","currency":"EUR","purpose":"Invoice 2026-117, spare parts","reference":"PAY-2026-0042","v":1}',
    );
    expect(hashed.hash).toBe(createHash('sha256').update(hashed.canonical, 'utf8').digest('hex'));
    expect(hashed.short).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}$/);
  });

  it('changes with any field, and not with how the same text was typed', () => {
    const base = hashTransaction(transaction).hash;
    expect(hashTransaction({ ...transaction, amount: '25000.01' }).hash).not.toBe(base);
    expect(hashTransaction({ ...transaction, account: { type: 'iban', value: 'DE89370400440532013001' } }).hash).not.toBe(base);
    const policy = { threshold: 10_000, currency: 'EUR', windowMinutes: 30 };
    const input = { profileId: '5a4db0c5-0000-4000-8000-000000000003', reference: 'PAY-2026-0042', amount: '25000', currency: 'EUR', accountType: 'iban' as const, account: 'DE89370400440532013000', purpose: 'Invoice 2026-117,  spare parts' };
    // "ü" typed as u + combining diaeresis (NFD) and with doubled spaces: the same release, the same hash.
    const typed = createRelease({ input: { ...input, beneficiary: 'Mu\u0308ller  Maschinenbau GmbH' }, profileName: 'p', sandbox: false, policy, now: 0 });
    expect(typed.hash.hash).toBe(base);
  });
});

describe('amounts', () => {
  it('are exact minor units in the currency’s decimals', () => {
    expect(normalizeAmount('25000', 'EUR')).toEqual({ ok: true, text: '25000.00', minor: 2_500_000n });
    expect(normalizeAmount('0.1', 'EUR')).toEqual({ ok: true, text: '0.10', minor: 10n });
    expect(normalizeAmount('1500', 'JPY')).toEqual({ ok: true, text: '1500', minor: 1500n });
    expect(normalizeAmount('1.5', 'JPY')).toEqual({ ok: false, message: 'must be a whole number for JPY' });
    expect(normalizeAmount('1.234', 'EUR')).toEqual({ ok: false, message: 'may have at most 2 decimals for EUR' });
    expect(normalizeAmount('0.00', 'EUR')).toEqual({ ok: false, message: 'must be more than 0' });
    expect(normalizeAmount('999999999999999.99', 'EUR')).toMatchObject({ ok: true, minor: 99_999_999_999_999_999n });
  });

  it('need two approvers above the threshold, or in another currency', () => {
    expect(needsTwoApprovers(1_000_000n, 'EUR', 10_000, 'EUR')).toBe(false);
    expect(needsTwoApprovers(1_000_001n, 'EUR', 10_000, 'EUR')).toBe(true);
    expect(needsTwoApprovers(1n, 'USD', 10_000, 'EUR')).toBe(true);
  });
});

describe('IBAN', () => {
  it('accepts valid IBANs with or without spaces, in any case', () => {
    for (const iban of ['DE89 3704 0044 0532 0130 00', 'gb82west12345698765432', 'NL91ABNA0417164300', 'FR1420041010050500013M02606']) expect(ibanProblem(iban)).toBeNull();
    expect(compactIban('de89 3704 0044 0532 0130 00')).toBe('DE89370400440532013000');
  });

  it('names what is wrong: checksum, length, country, form', () => {
    expect(ibanProblem('DE89370400440532013001')).toBe('has a wrong check digit: check it for a typing error');
    expect(ibanProblem('DE8937040044053201300')).toBe('must have 22 characters for DE (it has 21)');
    expect(ibanProblem('US12345678901234567890')).toBe('names a country without IBANs (US)');
    expect(ibanProblem('<script>alert(1)</script>')).toMatch(/^must be an IBAN/);
    expect(ibanProblem('D'.repeat(100))).toBe('is too long for an IBAN');
  });
});
