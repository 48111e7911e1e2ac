/**
 * IBAN check (ISO 13616): country code, check digits, the length that country registered, and the mod-97
 * checksum (ISO 7064), computed on the digits in chunks so no big-number arithmetic is needed.
 */

/** IBAN lengths by country (SWIFT IBAN registry). */
const LENGTHS: Record<string, number> = Object.fromEntries(
  (
    'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28 EE20 EG29 ES24 ' +
    'FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 ' +
    'LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 ' +
    'RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30'
  )
    .split(' ')
    .map((entry) => [entry.slice(0, 2), Number(entry.slice(2))]),
);

/** The IBAN without spaces, upper-cased. */
export function compactIban(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** Why `value` is not an IBAN, or null when it is one. Bounded: at most 64 characters are looked at. */
export function ibanProblem(value: string): string | null {
  if (value.length > 64) return 'is too long for an IBAN';
  const iban = compactIban(value);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return 'must be an IBAN: two letters, two check digits, then letters and digits';
  const length = LENGTHS[iban.slice(0, 2)];
  if (length === undefined) return `names a country without IBANs (${iban.slice(0, 2)})`;
  if (iban.length !== length) return `must have ${length} characters for ${iban.slice(0, 2)} (it has ${iban.length})`;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1 ? null : 'has a wrong check digit: check it for a typing error';
}

/** Groups of four, as people read an IBAN. */
export function formatIban(iban: string): string {
  return compactIban(iban).replace(/(.{4})(?=.)/g, '$1 ');
}
