/**
 * Rules of the Enroll screen, kept out of components: which profiles can enroll, what still blocks the
 * start, how each state looks, and which of two copies of an enrollment is current.
 */
import type { EnrollmentStatus, EnrollmentView, ProfileSummary } from '../../../contract/domain';
import type { EnrollmentSpec } from '../../../contract/providers/types';
import { lookUp, newerCopy, reasonProblem, ticketProblem } from './requestRules';
import type { IconName } from './status';

export interface EnrollForm {
  subject: string;
  reason: string;
  ticket: string;
  /** Only for profiles whose provider signs the user in first; cleared as soon as it is sent. */
  userPassword: string;
}

export const emptyEnrollForm: EnrollForm = { subject: '', reason: '', ticket: '', userPassword: '' };

export const ENROLL_REASON_MIN = 3;

/** Profiles that can enroll an authenticator; real ones first, so an agent is never defaulted onto the sandbox. */
export function enrollableProfiles(profiles: readonly ProfileSummary[]): ProfileSummary[] {
  const able = profiles.filter((p) => p.capabilities.enrollment);
  return [...able.filter((p) => !p.sandbox), ...able.filter((p) => p.sandbox)];
}

/** The Enroll form's fields, in the order they are checked and shown. */
export const enrollFields = ['profile', 'subject', 'userPassword', 'reason', 'ticket'] as const;
export type EnrollField = (typeof enrollFields)[number];

export interface EnrollContext {
  profileSelected: boolean;
  /** The selected provider's own check of the account, or null without a profile. */
  checkSubject: ((raw: string) => { ok: true } | { ok: false; message: string }) | null;
  /** The account field's name as the provider calls it, e.g. "VisualGuard user name". */
  subjectLabel: string;
  spec: EnrollmentSpec | null;
}

/** The messages of every field that stops the start, in words for the agent; empty when the form can go. */
export function checkEnrollForm(form: EnrollForm, ctx: EnrollContext): Partial<Record<EnrollField, string>> {
  const errors: Partial<Record<EnrollField, string>> = {};
  if (!ctx.profileSelected) errors.profile = 'Choose a profile that can enroll. If there is none, add one in Settings.';
  const subject = ctx.checkSubject?.(form.subject);
  if (subject && !subject.ok) errors.subject = `${ctx.subjectLabel} ${subject.message}.`;
  if (ctx.spec?.password && form.userPassword === '') errors.userPassword = `${ctx.spec.password.label} is required: this provider signs the user in first.`;
  const reason = reasonProblem(form.reason, ENROLL_REASON_MIN, 'Reason is required: say why the user needs an authenticator now.');
  if (reason) errors.reason = reason;
  const ticket = ticketProblem(form.ticket);
  if (ticket) errors.ticket = ticket;
  return errors;
}

/** Microsoft Authenticator shows 6 digits. */
export const isEnrollCodeWellFormed = (code: string): boolean => /^[0-9]{6}$/.test(code.trim());

/** Still waiting for (or checking) the first code. */
export const isLiveEnrollment = (status: EnrollmentStatus): boolean => status === 'awaiting_code' || status === 'checking';

/**
 * Tones of the enrollment states. `done` is its own family: an enrollment is not a verification of the
 * caller, so it never takes the green reserved for APPROVED.
 */
export type EnrollTone = 'live' | 'done' | 'danger' | 'warning' | 'neutral' | 'error';

const presentations: Record<EnrollmentStatus, { word: string; tone: EnrollTone; icon: IconName }> = {
  awaiting_code: { word: 'WAITING FOR FIRST CODE', tone: 'live', icon: 'keypad' },
  checking: { word: 'CHECKING CODE', tone: 'live', icon: 'waiting' },
  enrolled: { word: 'ENROLLED', tone: 'done', icon: 'check' },
  failed: { word: 'NOT ENROLLED', tone: 'error', icon: 'alert' },
  expired: { word: 'EXPIRED', tone: 'warning', icon: 'clock' },
  cancelled: { word: 'CANCELLED', tone: 'neutral', icon: 'ban' },
  locked_out: { word: 'LOCKED OUT', tone: 'danger', icon: 'lock' },
};

/** How a status looks; an unknown value (a newer main) looks like a failure, never like success. */
export function presentEnrollment(status: string) {
  return lookUp(presentations, status, 'failed');
}

/** Later copies win, except that a live copy never replaces a final one. */
export function newerEnrollment(current: EnrollmentView | null, incoming: EnrollmentView): EnrollmentView {
  return newerCopy(current, incoming, isLiveEnrollment);
}

/** Seconds left in the current time step of `period` seconds, 1…period. */
export function secondsLeftInStep(now: number, period = 30): number {
  return period - (Math.floor(now / 1000) % period);
}

/** The setup key as shown: Base32 in groups of four. */
export const groupKey = (key: string): string => key.replace(/\s+/g, '').match(/.{1,4}/g)?.join(' ') ?? key;
