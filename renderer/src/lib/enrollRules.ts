/**
 * Rules of the Enroll screen, kept out of components: which profiles can enroll, what still blocks the
 * start, how each state looks, and which of two copies of an enrollment is current.
 */
import type { EnrollmentStatus, EnrollmentView, ProfileSummary } from '../../../contract/domain';
import type { EnrollmentSpec } from '../../../contract/providers/types';
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

/** What still prevents the start, in words for the agent; null when the form is complete. */
export function startBlocker(form: EnrollForm, profileSelected: boolean, spec: EnrollmentSpec | null): string | null {
  const missing: string[] = [];
  if (!profileSelected) missing.push('a profile');
  if (form.subject.trim() === '') missing.push('the user’s account');
  if (spec?.password && form.userPassword === '') missing.push('the user’s password');
  if (form.reason.trim() === '') missing.push('a reason');
  if (form.ticket.trim() === '') missing.push('a ticket reference');
  if (missing.length > 0) return `To show the QR code, enter ${joinWords(missing)}.`;
  if (form.reason.trim().length < ENROLL_REASON_MIN) return `The reason needs at least ${ENROLL_REASON_MIN} characters.`;
  return null;
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
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
  return Object.prototype.hasOwnProperty.call(presentations, status) ? presentations[status as EnrollmentStatus] : presentations.failed;
}

/** Later copies win, except that a live copy never replaces a final one. */
export function newerEnrollment(current: EnrollmentView | null, incoming: EnrollmentView): EnrollmentView {
  if (!current || current.id !== incoming.id) return incoming;
  if (!isLiveEnrollment(current.status) && isLiveEnrollment(incoming.status)) return current;
  return incoming;
}

/** Seconds left in the current time step of `period` seconds, 1…period. */
export function secondsLeftInStep(now: number, period = 30): number {
  return period - (Math.floor(now / 1000) % period);
}

/** The setup key as shown: Base32 in groups of four. */
export const groupKey = (key: string): string => key.replace(/\s+/g, '').match(/.{1,4}/g)?.join(' ') ?? key;
