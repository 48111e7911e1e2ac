/** Releases and step-ups as the Approvals screen sees them: no session, challenge, code or token in them. */
import type { ReleaseView, StepUpView } from '../../../contract/approvals-view.js';
import type { Release } from './release.js';
import type { StepUp } from './state.js';

const iso = (ms: number): string => new Date(ms).toISOString();

export function stepUpView(s: StepUp): StepUpView {
  const codeKind = s.status !== 'awaiting_code' && s.status !== 'verifying' ? null : s.challenge?.input === 'code' ? 'otp' : s.challenge?.input === 'binding' ? 'binding' : s.challenge?.input === 'recovery' ? 'recovery' : null;
  return {
    id: s.id,
    username: s.username,
    status: s.status,
    authenticators: s.authenticators.map(({ id, factor, label }) => ({ id, factor, label })),
    factor: s.factor,
    codeKind,
    ...s.words,
    polls: s.polls,
    signInExpiresAt: s.session ? iso(s.session.expiresAt) : null,
    enrollment: s.enrollment ? { kind: s.enrollment.kind, qrPng: s.enrollment.qrPng, setupKeyAvailable: s.enrollment.setupKey !== null } : null,
    recoveryCode: s.recoveryCode ? 'waiting' : s.recoveryShown ? 'shown' : null,
    startedAt: iso(s.startedAt),
    endedAt: s.endedAt === null ? null : iso(s.endedAt),
  };
}

export function releaseView(r: Release, stepUp: StepUp | null): ReleaseView {
  const t = r.transaction;
  return {
    id: r.id,
    profileId: r.profileId,
    profileName: r.profileName,
    sandbox: r.sandbox,
    reference: t.reference,
    amount: t.amount,
    currency: t.currency,
    beneficiary: t.beneficiary,
    accountType: t.account.type,
    account: t.account.value,
    purpose: t.purpose,
    hash: r.hash.hash,
    shortHash: r.hash.short,
    requiredApprovers: r.requiredApprovers,
    rule: r.rule,
    windowMinutes: r.windowMinutes,
    approvals: r.approvals.map((a) => ({ subject: a.subject, email: a.email, factor: a.factor, approvedAt: iso(a.approvedAt), expiresAt: iso(a.expiresAt) })),
    status: r.status,
    notice: r.notice,
    stepUp: stepUp ? stepUpView(stepUp) : null,
    receiptId: r.receiptId,
    createdAt: iso(r.createdAt),
  };
}
