/**
 * A payment release as the approvals service holds it: the checked fields in one normal form (NFC, single
 * spaces, amounts in the currency's decimals), their canonical hash, and how many different approvers it needs.
 * A release never changes once created: changing anything means a new release with a new hash.
 */
import { randomUUID } from 'node:crypto';
import type { ReleaseParsed } from '../../../contract/approvals.js';
import type { ApprovalPolicy, StepUpFactor } from '../../providers/step-up.js';
import { AppError } from '../errors.js';
import { hashTransaction, type CanonicalTransaction, type TransactionHash } from './canonical.js';
import { needsTwoApprovers, normalizeAmount } from './money.js';

export interface Approval {
  subject: string;
  issuer: string;
  email: string | null;
  factor: StepUpFactor;
  approvedAt: number;
  expiresAt: number;
}

export interface Release {
  id: string;
  profileId: string;
  profileName: string;
  sandbox: boolean;
  transaction: CanonicalTransaction;
  hash: TransactionHash;
  requiredApprovers: 1 | 2;
  rule: string;
  windowMinutes: number;
  approvals: Approval[];
  status: 'open' | 'approved' | 'discarded';
  notice: string | null;
  receiptId: string | null;
  createdAt: number;
}

/** One normal form for free text: NFC, single spaces, trimmed. */
const normal = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim();

export interface NewRelease {
  input: ReleaseParsed;
  profileName: string;
  sandbox: boolean;
  policy: ApprovalPolicy;
  now: number;
}

/** Builds a release; throws an AppError naming the field when the amount does not fit its currency. */
export function createRelease({ input, profileName, sandbox, policy, now }: NewRelease): Release {
  const amount = normalizeAmount(input.amount, input.currency);
  if (!amount.ok) throw new AppError('bad_request', `amount: ${amount.message}`);
  const transaction: CanonicalTransaction = {
    v: 1,
    reference: normal(input.reference),
    amount: amount.text,
    currency: input.currency,
    beneficiary: normal(input.beneficiary),
    account: { type: input.accountType, value: input.account },
    purpose: normal(input.purpose),
  };
  const two = needsTwoApprovers(amount.minor, input.currency, policy.threshold, policy.currency);
  const rule =
    input.currency !== policy.currency
      ? `Two different approvers: the release is in ${input.currency}, the threshold in ${policy.currency}, so they cannot be compared.`
      : two
        ? `Two different approvers: the amount is above ${policy.threshold} ${policy.currency}.`
        : `One approver: the amount is not above ${policy.threshold} ${policy.currency}.`;
  return {
    id: randomUUID(),
    profileId: input.profileId,
    profileName,
    sandbox,
    transaction,
    hash: hashTransaction(transaction),
    requiredApprovers: two ? 2 : 1,
    rule,
    windowMinutes: policy.windowMinutes,
    approvals: [],
    status: 'open',
    notice: null,
    receiptId: null,
    createdAt: now,
  };
}
