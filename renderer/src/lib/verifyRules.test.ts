import { describe, expect, it } from 'vitest';
import type { AuthMethodView, VerificationView } from '../../../contract/domain';
import { accountNotices, checkVerifyForm, effectiveMode, emptyForm, isCodeWellFormed, modeAvailability, newerView, type VerifyContext } from './verifyRules';

const method = (kind: AuthMethodView['kind'], isDefault = false): AuthMethodView => ({
  id: kind,
  label: kind,
  isDefault,
  detail: null,
  kind,
  notice: null,
});

const view = (status: VerificationView['status']): VerificationView => ({
  id: 'v1',
  profileId: 'p1',
  profileName: 'Sandbox',
  providerKind: 'entra',
  sandbox: true,
  subject: 'alice@example.com',
  reasonType: null,
  reason: 'reset',
  ticket: 'INC1',
  mode: 'push',
  status,
  code: null,
  title: '',
  message: '',
  nextSteps: null,
  script: null,
  progress: { bindingMessage: null, delivered: false, polls: 0, note: null },
  assurance: null,
  token: null,
  secondMethodOf: null,
  detail: null,
  ambiguous: false,
  otpAttemptsLeft: null,
  decisions: { do_not_proceed: null, escalated: null },
  recorded: true,
  contextId: 'c1',
  startedAt: '2026-01-01T00:00:00Z',
  endedAt: null,
});

describe('choosing how to verify the caller', () => {
  it('offers push before methods are checked, and defaults to it', () => {
    expect(modeAvailability(null)).toEqual({ push: true, otp: true });
    // A provider that cannot check codes (CIBA) never offers code read-back, whatever the methods say.
    expect(modeAvailability(null, { push: true, code: false, methods: false, enrollment: false, stepUp: false })).toEqual({ push: true, otp: false });
    expect(modeAvailability([method('otp', true)], { push: true, code: false, methods: true, enrollment: false, stepUp: false })).toEqual({ push: false, otp: false });
    expect(effectiveMode(null, modeAvailability(null))).toBe('push');
  });

  it('falls back to code read-back when the account has no push method', () => {
    const available = modeAvailability([method('otp', true)]);
    expect(available).toEqual({ push: false, otp: true });
    expect(effectiveMode('push', available)).toBe('otp');
  });

  it('offers neither mode when the account only has phone calls, and says so at the account field', () => {
    const available = modeAvailability([method('voice', true)]);
    expect(available).toEqual({ push: false, otp: false });
    const form = { ...emptyForm, subject: 'a@b.c', reason: 'lost phone', ticket: 'INC1' };
    expect(checkVerifyForm(form, { ...ctx, available }).subject).toMatch(/a@b\.c has no method .* another way/);
    expect(checkVerifyForm(form, { ...ctx, available: modeAvailability([]) }).subject).toMatch(/another way/);
  });

  it('keeps the agent’s choice of code read-back when it is possible', () => {
    expect(effectiveMode('otp', modeAvailability([method('push', true), method('otp')]))).toBe('otp');
  });
});

const ctx: VerifyContext = {
  profileSelected: true,
  checkSubject: (raw) => (/^\S+@\S+\.\S+$/.test(raw.trim()) ? { ok: true } : { ok: false, message: 'must look like name@domain' }),
  subjectLabel: 'Account (UPN)',
  available: { push: true, otp: true },
};

describe('what stops sending, field by field', () => {
  it('names every missing field in words for the agent, with the provider’s label for the account', () => {
    expect(checkVerifyForm(emptyForm, ctx)).toEqual({
      subject: 'Account (UPN) must look like name@domain.',
      reason: 'Reason is required: say why the caller needs this.',
      ticket: 'Ticket reference is required.',
    });
    expect(checkVerifyForm(emptyForm, { ...ctx, profileSelected: false, checkSubject: null }).profile).toMatch(/Choose a profile/);
  });

  it('checks the length of the reason and the characters of the ticket', () => {
    const form = { ...emptyForm, subject: 'a@b.c', reason: ' x ', ticket: 'INC 1' };
    expect(checkVerifyForm(form, ctx)).toEqual({
      reason: 'Reason needs at least 3 characters.',
      ticket: 'Ticket reference may contain only letters, digits and . / # : - _ (no spaces).',
    });
    expect(checkVerifyForm({ ...form, reason: 'lost phone', ticket: 'INC1' }, ctx)).toEqual({});
  });

  it('never uses an internal field name or a schema’s wording', () => {
    const all = Object.values(checkVerifyForm({ ...emptyForm, subject: 'nope', ticket: '!' }, ctx)).join(' ');
    expect(all).not.toMatch(/\b(subject|upn|ticket|reason):|Invalid|Too small|expected/);
  });

  it('warns about an account only when every one of its methods carries a notice', () => {
    const retiring = { ...method('otp', true), notice: 'Retiring soon.' };
    expect(accountNotices([retiring, { ...method('voice'), notice: 'Retiring soon.' }])).toEqual(['Retiring soon.']);
    expect(accountNotices([retiring, method('push')])).toEqual([]);
    expect(accountNotices([])).toEqual([]);
  });
  it('accepts only 6 to 8 digit codes', () => {
    expect(isCodeWellFormed('12345')).toBe(false);
    expect(isCodeWellFormed('123456')).toBe(true);
    expect(isCodeWellFormed('12345678')).toBe(true);
    expect(isCodeWellFormed('123456789')).toBe(false);
    expect(isCodeWellFormed('12a456')).toBe(false);
  });
});

describe('which copy of a verification is current', () => {
  it('never lets a late live update bring back a verification that ended', () => {
    expect(newerView(view('denied'), view('pending')).status).toBe('denied');
    expect(newerView(view('pending'), view('approved')).status).toBe('approved');
    expect(newerView(view('pending'), view('awaiting_code')).status).toBe('awaiting_code');
  });
});
