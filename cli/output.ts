/** What the CLI prints: the JSON result (a stable, documented shape) and the exit code of an outcome. */
import { z } from 'zod';
import type { VerificationStatus, VerificationView } from '../contract/domain.js';
import type { TokenCheckView } from '../contract/policy/view.js';

/** 77 is sysexits' EX_NOPERM: the operator's roles do not allow the command. */
export const EXIT = { approved: 0, notApproved: 1, timedOut: 2, error: 3, usage: 64, forbidden: 77 } as const;

/** The exit code of a final status: only `approved` is 0. */
export function exitCodeOf(status: VerificationStatus): number {
  switch (status) {
    case 'approved':
      return EXIT.approved;
    case 'timeout':
      return EXIT.timedOut;
    case 'denied':
    case 'fraud':
    case 'cancelled':
    case 'locked_out':
    case 'insufficient':
      // `insufficient`: approved by the account holder but below the level the policy asks for; it does not count.
      return EXIT.notApproved;
    default:
      return EXIT.error;
  }
}

/** `verify --json` prints exactly one object of this shape on standard output. */
export const verifyResultSchema = z
  .object({
    approved: z.boolean(),
    status: z.string(),
    exitCode: z.number().int(),
    code: z.string().nullable(),
    title: z.string(),
    message: z.string(),
    nextSteps: z.string().nullable(),
    detail: z.string().nullable(),
    ambiguous: z.boolean(),
    subject: z.string(),
    profile: z.string(),
    sandbox: z.boolean(),
    ticket: z.string(),
    verificationId: z.string(),
    contextId: z.string(),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    /** low, medium or high once the account holder approved; null otherwise. */
    assurance: z.string().nullable(),
    requiredAssurance: z.string().nullable(),
    /** The verification token the reset step presents (an approval that counts only), and its expiry. */
    token: z.string().nullable(),
    tokenExpiresAt: z.string().nullable(),
  })
  .strict();
export type VerifyResult = z.infer<typeof verifyResultSchema>;

export function toVerifyResult(view: VerificationView): VerifyResult {
  return {
    approved: view.status === 'approved',
    status: view.status,
    exitCode: exitCodeOf(view.status),
    code: view.code,
    title: view.title,
    message: view.message,
    nextSteps: view.nextSteps,
    detail: view.detail,
    ambiguous: view.ambiguous,
    subject: view.subject,
    profile: view.profileName,
    sandbox: view.sandbox,
    ticket: view.ticket,
    verificationId: view.id,
    contextId: view.contextId,
    startedAt: view.startedAt,
    endedAt: view.endedAt,
    assurance: view.assurance?.level ?? null,
    requiredAssurance: view.assurance?.required ?? null,
    token: view.token?.value ?? null,
    tokenExpiresAt: view.token?.expiresAt ?? null,
  };
}

/** The outcome for people: one word, the title, what happened and what to do. */
export function describeOutcome(view: VerificationView): string {
  const word = view.status === 'approved' ? 'APPROVED' : view.status === 'insufficient' ? 'MORE PROOF NEEDED' : view.status.toUpperCase().replace('_', ' ');
  const lines = [`${word}: ${view.title}`, view.message];
  if (view.assurance) lines.push(`Assurance: ${view.assurance.level.toUpperCase()} (${view.assurance.basis}); required: ${view.assurance.required.toUpperCase()}.`);
  if (view.nextSteps) lines.push(`Next: ${view.nextSteps}`);
  if (view.token) lines.push(`Verification token: ${view.token.value} (valid once, until ${view.token.expiresAt})`);
  if (view.sandbox) lines.push('(Sandbox: a simulated provider answered; this proves nothing about a real account.)');
  return lines.join('\n') + '\n';
}

/** `token check` for people: VALID or REFUSED, and exactly why. */
export function describeTokenCheck(view: TokenCheckView): string {
  return `${view.valid ? 'VALID' : `REFUSED (${view.reason.replace('_', ' ')})`}: ${view.message}\n`;
}
