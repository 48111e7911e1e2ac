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

export type ReleaseField = 'profile' | 'reference' | 'amount' | 'currency' | 'beneficiary' | 'account' | 'purpose';

export const releaseFields: readonly ReleaseField[] = ['profile', 'reference', 'amount', 'currency', 'beneficiary', 'account', 'purpose'];

/** The field a main message names (`amount: …`, `profileId: …`), or null. */
export function releaseFieldOf(name: string): ReleaseField | null {
  if (name === 'profileId') return 'profile';
  if (name === 'accountType') return 'account';
  return (releaseFields as readonly string[]).includes(name) ? (name as ReleaseField) : null;
}

/** What is missing before anything is sent: each empty field, as a sentence with its label. */
export function missingFields(form: ReleaseForm, profileId: string | null, labelOf: (field: ReleaseField) => string): Partial<Record<ReleaseField, string>> {
  const errors: Partial<Record<ReleaseField, string>> = {};
  if (!profileId) errors.profile = 'Choose an approvals profile.';
  for (const field of ['reference', 'amount', 'currency', 'beneficiary', 'account', 'purpose'] as const) {
    if (form[field].trim() === '') errors[field] = `${labelOf(field)} is required.`;
  }
  return errors;
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
