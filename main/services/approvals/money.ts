/**
 * Amounts as exact minor units (BigInt), never floating point: normalised to the currency's decimals
 * (ISO 4217), and compared with a profile's threshold. A release in another currency than the threshold's
 * cannot be compared, so it is treated as above it (fail closed: two approvers).
 */

/** Currencies whose minor unit is not 2 (ISO 4217); every other code has 2 decimals. */
const MINOR_UNITS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

export function minorUnits(currency: string): number {
  return MINOR_UNITS[currency] ?? 2;
}

export type AmountRead = { ok: true; text: string; minor: bigint } | { ok: false; message: string };

/** Reads "12500" or "12500.5" as 12500.00 (in the currency's decimals); more decimals than it has are refused. */
export function normalizeAmount(amount: string, currency: string): AmountRead {
  const match = /^(\d{1,15})(?:\.(\d{1,3}))?$/.exec(amount);
  if (!match) return { ok: false, message: 'must be a number such as 12500.00 (digits and a dot, no thousands separators)' };
  const units = minorUnits(currency);
  const fraction = match[2] ?? '';
  if (fraction.length > units) return { ok: false, message: units === 0 ? `must be a whole number for ${currency}` : `may have at most ${units} decimals for ${currency}` };
  const minor = BigInt(match[1]!) * 10n ** BigInt(units) + BigInt(fraction.padEnd(units, '0') || '0');
  if (minor <= 0n) return { ok: false, message: 'must be more than 0' };
  const whole = (minor / 10n ** BigInt(units)).toString();
  const decimals = units === 0 ? '' : `.${(minor % 10n ** BigInt(units)).toString().padStart(units, '0')}`;
  return { ok: true, text: `${whole}${decimals}`, minor };
}

/** True when a release needs two approvers: above the threshold, or in another currency than the threshold's. */
export function needsTwoApprovers(minor: bigint, currency: string, threshold: number, thresholdCurrency: string): boolean {
  if (currency !== thresholdCurrency) return true;
  return minor > BigInt(threshold) * 10n ** BigInt(minorUnits(currency));
}
