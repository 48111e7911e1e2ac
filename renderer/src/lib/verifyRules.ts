/**
 * Rules of the Verify screen, kept out of components: which modes are offered, what still blocks sending,
 * and which of two copies of a verification is the current one.
 */
import type { AuthMethodView, VerificationMode, VerificationView } from '../../../contract/domain';
import type { Capabilities } from '../../../contract/providers/types';
import { newerCopy, reasonProblem, ticketProblem } from './requestRules';
import { isLive } from './status';

export interface VerifyForm {
  /** The account as the agent types it. */
  subject: string;
  /** The request type picked from the policy's list ('' until one is picked). */
  reasonType: string;
  reason: string;
  ticket: string;
  /** The agent's explicit choice; null means "use the default for the registered methods". */
  mode: VerificationMode | null;
}

export const emptyForm: VerifyForm = { subject: '', reasonType: '', reason: '', ticket: '', mode: null };

export type ModeAvailability = Record<VerificationMode, boolean>;

/**
 * Modes the registered methods support: push needs a push method (the caller approves in the app), code
 * read-back needs an OTP method (app code or text message). Phone-call methods serve neither. Before the
 * methods are checked, both are offered and main decides.
 */
export function modeAvailability(methods: readonly AuthMethodView[] | null, capabilities: Capabilities | null = null): ModeAvailability {
  const can = { push: capabilities?.push ?? true, otp: capabilities?.code ?? true };
  if (!methods) return can;
  return { push: can.push && methods.some((m) => m.kind === 'push'), otp: can.otp && methods.some((m) => m.kind === 'otp') };
}

/** The mode that will be sent: the agent's choice when allowed, else push when possible, else code. */
export function effectiveMode(chosen: VerificationMode | null, available: ModeAvailability): VerificationMode {
  if (chosen && available[chosen]) return chosen;
  if (available.push) return 'push';
  if (available.otp) return 'otp';
  return chosen ?? 'push';
}

export const REASON_MIN = 3;

/** The Verify form's fields, in the order they are checked and shown. */
export const verifyFields = ['profile', 'subject', 'reasonType', 'reason', 'ticket'] as const;
export type VerifyField = (typeof verifyFields)[number];

export interface VerifyContext {
  profileSelected: boolean;
  /** The selected provider's own check of the account (contract/providers/<kind>.ts), or null without a profile. */
  checkSubject: ((raw: string) => { ok: true } | { ok: false; message: string }) | null;
  /** The account field's name as the provider calls it, e.g. "Sign-in name (UPN)". */
  subjectLabel: string;
  available: ModeAvailability;
  /** The policy's request types (empty: none to pick) and the shortest reason it accepts. */
  reasons?: readonly string[];
  reasonMin?: number;
}

/** The messages of every field that stops sending, in words for the agent; empty when the form can go. */
export function checkVerifyForm(form: VerifyForm, ctx: VerifyContext): Partial<Record<VerifyField, string>> {
  const errors: Partial<Record<VerifyField, string>> = {};
  if (!ctx.profileSelected) errors.profile = 'Choose a profile. If there is none, add one in Settings.';
  const subject = ctx.checkSubject?.(form.subject);
  if (subject && !subject.ok) errors.subject = `${ctx.subjectLabel} ${subject.message}.`;
  else if (subject) {
    const refusal = modeRefusal(form.subject.trim(), ctx.available);
    if (refusal) errors.subject = refusal;
  }
  if ((ctx.reasons?.length ?? 0) > 0 && form.reasonType === '') errors.reasonType = 'Request type is required: choose what the caller is asking for.';
  const reason = reasonProblem(form.reason, ctx.reasonMin ?? REASON_MIN, 'Reason is required: say why the caller needs this.');
  if (reason) errors.reason = reason;
  const ticket = ticketProblem(form.ticket);
  if (ticket) errors.ticket = ticket;
  return errors;
}

/** Why no mode can reach this account once its methods are known, or null. */
export function modeRefusal(subject: string, available: ModeAvailability): string | null {
  if (!available.push && !available.otp) return `${subject} has no method for a push or a code read-back. Verify the caller another way.`;
  return null;
}

/**
 * Cautions to show for an account: the methods' notices, when every registered method carries one (the
 * account may soon have no usable method). Distinct, in method order.
 */
export function accountNotices(methods: readonly AuthMethodView[]): string[] {
  if (methods.length === 0 || methods.some((m) => !m.notice)) return [];
  return [...new Set(methods.map((m) => m.notice as string))];
}

/** A code the caller reads back: 6 to 8 digits (as the contract validates). */
export function isCodeWellFormed(code: string): boolean {
  return /^[0-9]{6,8}$/.test(code.trim());
}

/**
 * Picks the copy to show when an update arrives. Later arrivals win, except that a live copy never replaces
 * a final one: a late "pending" must not resurrect a verification that already ended.
 */
export function newerView(current: VerificationView | null, incoming: VerificationView): VerificationView {
  return newerCopy(current, incoming, isLive);
}
