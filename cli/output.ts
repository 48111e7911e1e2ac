/** What the CLI prints: the JSON result (a stable, documented shape) and the exit code of an outcome. */
import { z } from 'zod';
import type { VerificationStatus, VerificationView } from '../contract/domain.js';

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
  };
}

/** The outcome for people: one word, the title, what happened and what to do. */
export function describeOutcome(view: VerificationView): string {
  const word = view.status === 'approved' ? 'APPROVED' : view.status.toUpperCase().replace('_', ' ');
  const lines = [`${word}: ${view.title}`, view.message];
  if (view.nextSteps) lines.push(`Next: ${view.nextSteps}`);
  if (view.sandbox) lines.push('(Sandbox: a simulated provider answered; this proves nothing about a real account.)');
  return lines.join('\n') + '\n';
}
