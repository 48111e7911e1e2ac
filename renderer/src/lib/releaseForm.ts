/** The release form as inputs hold it, and main's "field: problem" answers mapped to its fields. */

export interface ReleaseForm {
  reference: string;
  amount: string;
  currency: string;
  beneficiary: string;
  accountType: 'iban' | 'account';
  account: string;
  purpose: string;
}

export const emptyRelease: ReleaseForm = { reference: '', amount: '', currency: 'EUR', beneficiary: '', accountType: 'iban', account: '', purpose: '' };

const FIELDS: readonly string[] = ['reference', 'amount', 'currency', 'beneficiary', 'accountType', 'account', 'purpose', 'profileId'];

/** `amount: must be …` becomes { amount: 'must be …' }; a message naming no field gives {}. */
export function fieldErrorsFrom(message: string): Record<string, string> {
  const match = /^([\w.]+):\s*(.+)$/s.exec(message);
  const field = match?.[1]?.split('.').pop() ?? '';
  return match && FIELDS.includes(field) ? { [field]: match[2] ?? '' } : {};
}

/** Groups of four, as people read an IBAN or an account number. */
export function grouped(account: string): string {
  return account.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** Whole seconds from now to `iso`, never negative. */
export function secondsUntil(iso: string | null, now: number): number | null {
  if (!iso) return null;
  return Math.max(0, Math.round((Date.parse(iso) - now) / 1000));
}
