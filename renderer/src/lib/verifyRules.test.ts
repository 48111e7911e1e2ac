import { describe, expect, it } from 'vitest';
import type { AuthMethodView, VerificationView } from '../../../contract/domain';
import { effectiveMode, emptyForm, isCodeWellFormed, modeAvailability, newerView, sendBlocker } from './verifyRules';

const method = (kind: AuthMethodView['kind'], isDefault = false): AuthMethodView => ({
  id: kind,
  label: kind,
  isDefault,
  detail: null,
  kind,
});

const view = (status: VerificationView['status']): VerificationView => ({
  id: 'v1',
  profileId: 'p1',
  profileName: 'Sandbox',
  providerKind: 'entra',
  sandbox: true,
  subject: 'alice@example.com',
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
  detail: null,
  ambiguous: false,
  otpAttemptsLeft: null,
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

  it('offers neither mode when the account only has phone calls, and blocks sending', () => {
    const available = modeAvailability([method('voice', true)]);
    expect(available).toEqual({ push: false, otp: false });
    const form = { ...emptyForm, subject: 'a@b.c', reason: 'lost phone', ticket: 'INC1' };
    expect(sendBlocker(form, true, available)).toMatch(/another way/);
    expect(sendBlocker(form, true, modeAvailability([]))).toMatch(/another way/);
  });

  it('keeps the agent’s choice of code read-back when it is possible', () => {
    expect(effectiveMode('otp', modeAvailability([method('push', true), method('otp')]))).toBe('otp');
  });
});

describe('what blocks sending', () => {
  const both = { push: true, otp: true };
  it('asks for target, reason and ticket until all are filled', () => {
    expect(sendBlocker(emptyForm, true, both)).toBe('To send, enter the target account, a reason and a ticket reference.');
    expect(sendBlocker({ ...emptyForm, subject: 'a@b.c', reason: 'lost phone' }, true, both)).toBe(
      'To send, enter a ticket reference.',
    );
    expect(sendBlocker({ ...emptyForm, subject: 'a@b.c', reason: ' x ', ticket: 'INC1' }, true, both)).toMatch(/at least 3/);
    expect(sendBlocker({ ...emptyForm, subject: 'a@b.c', reason: 'lost phone', ticket: 'INC1' }, true, both)).toBeNull();
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
