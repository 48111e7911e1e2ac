/**
 * A second operator's approval raises a result that needs more proof to HIGH. With operator sign-in, the
 * second operator proves who they are by signing in (the seam in policy/operator.ts). With OS operators only,
 * the policy may accept an attested approval: a colleague's name typed at this desk, recorded as such. That
 * proves only that this session recorded a named second person's approval; it authenticates nobody, so it is
 * off unless the policy says `attested`.
 */
import type { VerificationView } from '../../../contract/domain.js';
import type { RequestLog } from '../db/request-log.js';
import { AppError } from '../errors.js';
import type { PolicyServices } from '../policy/index.js';
import { sameOperator, type OperatorContext } from '../policy/operator.js';
import type { Live } from './live.js';

export interface SecondApprovalDeps {
  log: RequestLog;
  policy: PolicyServices;
  now: () => number;
  /** Publishes the changed view and issues the token (transitions). */
  approved: (live: Live) => void;
}

/** Approves `live` as a second operator, or throws the refusal (each outcome recorded). */
export async function secondApproval(deps: SecondApprovalDeps, live: Live, operator: OperatorContext, approver: string | undefined): Promise<VerificationView> {
  const view = live.view;
  const record = (outcome: 'approved' | 'refused', reasonCode: string, detail: string, data: Record<string, unknown> = {}): void =>
    void deps.log.append({
      event: 'verification_second_approval',
      action: 'verify.second_approval',
      outcome,
      reasonCode,
      target: view.subject,
      targetCanonical: live.subject.canonical,
      profileId: view.profileId,
      profileName: view.profileName,
      provider: view.providerKind,
      ticket: view.ticket,
      reason: view.reason,
      sandbox: view.sandbox,
      link: Number(live.logId) || null,
      refs: { verificationId: view.id },
      detail,
      data,
    });
  const refuse = (reasonCode: string, message: string): never => {
    record('refused', reasonCode, message);
    throw new AppError(reasonCode === 'not_needed' ? 'conflict' : 'forbidden', message);
  };
  if (view.status !== 'insufficient' || !view.assurance) return refuse('not_needed', 'Only an approval that needs more proof can be approved by a second operator.');
  const via = deps.policy.secondApprovalVia();
  if (!via) {
    return refuse('unavailable', 'A second operator’s approval needs operator sign-in, which is not set up on this computer. Verify the caller with a second method instead.');
  }
  const ended = view.endedAt ? Date.parse(view.endedAt) : deps.now();
  if (deps.now() > ended + deps.policy.policy.secondMethodWindowMs) return refuse('too_late', 'The time for a second approval has passed. Start a new verification.');
  let second: OperatorContext | null;
  if (via === 'sign-in') {
    second = await deps.policy.secondOperator!({ verificationId: view.id, target: view.subject, ticket: view.ticket });
    if (!second) return refuse('not_signed_in', 'The second operator did not complete the sign-in, so nothing was approved.');
  } else {
    if (!approver) return refuse('no_approver', 'approver: is required: the second operator types their user name.');
    second = { operator: approver.trim(), roles: [], via: 'attested' };
    const listed = deps.policy.policy.approvers;
    if (listed.length > 0 && !listed.some((name) => sameOperator(name, second!.operator))) {
      return refuse('not_an_approver', `approver: ${second.operator} is not on your organisation’s list of second approvers.`);
    }
  }
  // Why: four eyes means two people; the operator who sent the verification cannot be the second one.
  if (sameOperator(second.operator, operator.operator)) return refuse('same_operator', 'approver: must be a different operator from the one who sent the verification.');
  if (second.via === 'sign-in' && !second.roles.some((r) => r === 'helpdesk' || r === 'admin')) {
    return refuse('no_role', `${second.operator} may not approve verifications (needs the helpdesk agent or administrator role).`);
  }
  live.view = {
    ...view,
    status: 'approved',
    code: 'second_operator',
    title: 'A second operator approved the result',
    message: `${view.message} ${second.operator} approved it as a second operator${second.via === 'attested' ? ' (named at this desk, not signed in)' : ''}, which counts as HIGH assurance.`,
    assurance: {
      ...view.assurance,
      level: 'high',
      met: true,
      basis: `${view.assurance.basis}, then a second operator’s approval`,
      needs: null,
      secondMethodUntil: null,
      secondMethodModes: [],
      secondApproval: null,
      approvedBy: { operator: second.operator, via: second.via === 'sign-in' ? 'sign-in' : 'attested' },
    },
  };
  record('approved', second.via, `${second.operator} approved as second operator (${second.via === 'sign-in' ? 'signed in' : 'attested at this desk: authenticates nobody'}).`, {
    approver: second.operator,
    via: second.via,
    assurance: 'high',
  });
  deps.approved(live);
  return { ...live.view };
}
