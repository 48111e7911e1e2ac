/**
 * Payment releases as the approver enters them (or a deep link pre-fills them): every field bounded first,
 * then checked by its own rule, with messages that name what is wrong. The character sets follow SEPA's
 * (letters, digits and a few punctuation marks), so markup or script text can never be part of a release.
 */
import { z } from 'zod';
import { boundedId, boundedString } from './bounds.js';
import { compactIban, ibanProblem } from './iban.js';

/** Letters (any script), digits, spaces and the punctuation names and remittance texts use. */
const freeText = /^[\p{L}\p{M}\p{N} .,'’\-/&()+:?@#]+$/u;
const FREE_TEXT_RULE = "may contain letters, digits, spaces and . , ' - / & ( ) + : ? @ # only";

export const releaseFields = {
  /** SEPA end-to-end reference: 35 characters of the SEPA set. */
  reference: boundedString(35).trim().min(1, 'is required').regex(/^[A-Za-z0-9/\-?:().,'+ ]+$/, "may contain letters, digits, spaces and / - ? : ( ) . , ' + only"),
  /** A decimal with a dot; main checks it against the currency's minor units. */
  amount: boundedString(20).trim().min(1, 'is required').regex(/^\d{1,15}(\.\d{1,3})?$/, 'must be a number such as 12500.00 (digits and a dot, no thousands separators)'),
  currency: boundedString(3).trim().toUpperCase().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as EUR'),
  beneficiary: boundedString(140).trim().min(1, 'is required').regex(freeText, FREE_TEXT_RULE),
  accountType: z.enum(['iban', 'account'], { error: 'must be iban or account' }),
  account: boundedString(64).trim().min(1, 'is required'),
  purpose: boundedString(140).trim().min(1, 'is required').regex(freeText, FREE_TEXT_RULE),
};

/** Checks `account` by its type: an IBAN (country, length, checksum) or another account number. */
function checkAccount(value: { accountType: 'iban' | 'account'; account: string }, ctx: z.RefinementCtx): void {
  if (value.accountType === 'iban') {
    const problem = ibanProblem(value.account);
    if (problem) ctx.addIssue({ code: 'custom', path: ['account'], message: problem });
  } else if (!/^[A-Za-z0-9][A-Za-z0-9 -]{3,33}$/.test(value.account)) {
    ctx.addIssue({ code: 'custom', path: ['account'], message: 'must be 4 to 34 letters, digits, spaces or dashes' });
  }
}

/** A release as the Approvals form sends it. */
export const releaseInputSchema = z
  .object({ profileId: boundedId(), ...releaseFields })
  .strict()
  .superRefine(checkAccount)
  .transform((value) => ({ ...value, account: value.accountType === 'iban' ? compactIban(value.account) : value.account.replace(/\s+/g, ' ') }));
export type ReleaseInput = z.input<typeof releaseInputSchema>;
export type ReleaseParsed = z.output<typeof releaseInputSchema>;

/** What a deep link may pre-fill: any of the release fields, none required. */
export interface ReleaseDraft {
  reference?: string;
  amount?: string;
  currency?: string;
  beneficiary?: string;
  accountType?: 'iban' | 'account';
  account?: string;
  purpose?: string;
}

export const DEEP_LINK_PREFIX = 'mfa-approver://approve';
/** Longest link read at all; anything longer is refused before it is parsed. */
export const MAX_DEEP_LINK = 2048;

const linkQuerySchema = z
  .object({
    ref: releaseFields.reference.optional(),
    amount: releaseFields.amount.optional(),
    currency: releaseFields.currency.optional(),
    beneficiary: releaseFields.beneficiary.optional(),
    iban: boundedString(64).trim().refine((value) => ibanProblem(value) === null, { message: 'must be a valid IBAN' }).optional(),
    account: boundedString(64).trim().regex(/^[A-Za-z0-9][A-Za-z0-9 -]{3,33}$/, 'must be 4 to 34 letters, digits, spaces or dashes').optional(),
    purpose: releaseFields.purpose.optional(),
  })
  .strict()
  .refine((value) => !(value.iban && value.account), { message: 'may name an iban or an account, not both' });

export type LinkParse = { ok: true; draft: ReleaseDraft } | { ok: false; message: string };

/**
 * Parses `mfa-approver://approve?ref=…&amount=…&currency=…&beneficiary=…&iban=…|account=…&purpose=…`. Never
 * trusted: the result only pre-fills the form the approver reviews. Refused: anything not a string, over
 * 2048 characters, another scheme, host, path, port, user or fragment, a repeated or unknown parameter, and
 * any value its field's rule refuses.
 */
export function parseDeepLink(raw: unknown): LinkParse {
  const fail = (message: string): LinkParse => ({ ok: false, message });
  if (typeof raw !== 'string') return fail('the link is not text');
  if (raw.length > MAX_DEEP_LINK) return fail(`the link is too long (${MAX_DEEP_LINK} characters at most)`);
  if (/[\s\p{C}]/u.test(raw)) return fail('the link contains spaces or control characters');
  if (!raw.startsWith(DEEP_LINK_PREFIX)) return fail(`the link must start with ${DEEP_LINK_PREFIX}`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail('the link is not a valid address');
  }
  if (url.host !== 'approve' || url.username || url.password || url.hash || !['', '/'].includes(url.pathname)) {
    return fail(`the link must be ${DEEP_LINK_PREFIX}?… with nothing else before the parameters`);
  }
  const seen = new Map<string, string>();
  for (const [key, value] of url.searchParams) {
    if (seen.has(key)) return fail(`the parameter ${key.slice(0, 20)} appears twice`);
    seen.set(key, value);
  }
  // Why fromEntries and not assignment: "__proto__" becomes an own (unknown, refused) key, never the prototype.
  const parsed = linkQuerySchema.safeParse(Object.fromEntries(seen));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    if (issue.code === 'unrecognized_keys') return fail(`unknown parameter ${issue.keys.map((k) => k.slice(0, 20)).join(', ')}`);
    return fail(issue.path.length > 0 ? `${String(issue.path[0])}: ${issue.message}` : issue.message);
  }
  const { ref, amount, currency, beneficiary, iban, account, purpose } = parsed.data;
  const draft: ReleaseDraft = {};
  if (ref !== undefined) draft.reference = ref;
  if (amount !== undefined) draft.amount = amount;
  if (currency !== undefined) draft.currency = currency;
  if (beneficiary !== undefined) draft.beneficiary = beneficiary;
  if (iban !== undefined) Object.assign(draft, { accountType: 'iban', account: compactIban(iban) });
  if (account !== undefined) Object.assign(draft, { accountType: 'account', account });
  if (purpose !== undefined) draft.purpose = purpose;
  return { ok: true, draft };
}
