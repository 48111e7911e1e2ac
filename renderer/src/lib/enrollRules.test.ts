/** Enroll screen rules: which profiles, what blocks the start, how states look, which copy wins. */
import { describe, expect, it } from 'vitest';
import type { EnrollmentView, ProfileSummary } from '../../../contract/domain';
import { checkEnrollForm, emptyEnrollForm, enrollableProfiles, groupKey, newerEnrollment, presentEnrollment, secondsLeftInStep } from './enrollRules';

const profile = (id: string, enrollment: boolean, sandbox: boolean) =>
  ({ id, sandbox, capabilities: { push: false, code: false, methods: false, enrollment } }) as unknown as ProfileSummary;

describe('enroll rules', () => {
  it('offers enrollment profiles only, real ones before the sandbox', () => {
    expect(enrollableProfiles([profile('s', true, true), profile('x', false, false), profile('r', true, false)]).map((p) => p.id)).toEqual(['r', 's']);
  });

  it('names each field that stops the start, the password only when the profile needs it', () => {
    const spec = { password: { label: 'User’s VisualGuard password', hint: '' }, setupKey: false };
    const ctx = { profileSelected: true, checkSubject: (raw: string) => (raw.includes(' ') ? { ok: false as const, message: 'must not contain spaces' } : { ok: true as const }), subjectLabel: 'Account', spec: null };
    expect(checkEnrollForm(emptyEnrollForm, { ...ctx, profileSelected: false, checkSubject: null })).toEqual({
      profile: expect.stringMatching(/Choose a profile/),
      reason: expect.stringMatching(/Reason is required/),
      ticket: 'Ticket reference is required.',
    });
    const filled = { subject: 'jdoe', reason: 'New phone', ticket: 'INC-1', userPassword: '' };
    expect(checkEnrollForm(filled, ctx)).toEqual({});
    expect(checkEnrollForm(filled, { ...ctx, spec })).toEqual({ userPassword: 'User’s VisualGuard password is required: this provider signs the user in first.' });
    expect(checkEnrollForm({ ...filled, subject: 'j doe', reason: 'ok', ticket: 'INC 1' }, ctx)).toEqual({
      subject: 'Account must not contain spaces.',
      reason: 'Reason needs at least 3 characters.',
      ticket: expect.stringMatching(/no spaces/),
    });
  });

  it('never presents anything but enrolled as done, and an unknown status as a failure', () => {
    expect(presentEnrollment('enrolled')).toMatchObject({ word: 'ENROLLED', tone: 'done' });
    expect(presentEnrollment('approved')).toMatchObject({ word: 'NOT ENROLLED', tone: 'error' });
    for (const status of ['failed', 'expired', 'cancelled', 'locked_out', 'awaiting_code', 'checking']) expect(presentEnrollment(status).tone).not.toBe('done');
  });

  it('a late live copy never replaces a final one', () => {
    const view = (status: EnrollmentView['status']) => ({ id: 'a', status }) as EnrollmentView;
    expect(newerEnrollment(view('enrolled'), view('checking')).status).toBe('enrolled');
    expect(newerEnrollment(view('checking'), view('enrolled')).status).toBe('enrolled');
  });

  it('counts down the time step and groups the setup key', () => {
    expect(secondsLeftInStep(1_700_000_000_000)).toBe(10);
    expect(secondsLeftInStep(1_700_000_010_000)).toBe(30);
    expect(groupKey('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });
});
