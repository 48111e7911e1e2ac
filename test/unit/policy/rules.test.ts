/**
 * The policy's pure rules: required fields, the ticket format language, limits, privileged targets and
 * assurance levels, each refusal with its rule and plain words.
 */
import { describe, expect, it } from 'vitest';
import { managedPolicySchema } from '../../../contract/policy/index.js';
import { describeTicketFormat, exampleTicket, matchesTicketFormat } from '../../../contract/policy/ticket-format.js';
import { meets, requiredLevel, singleLevel } from '../../../main/services/policy/assurance.js';
import { defaultPolicy, effectivePolicy } from '../../../main/services/policy/effective.js';
import { checkLookupLimits, checkStartLimits } from '../../../main/services/policy/limits.js';
import { globMatch, matchesTarget, privilegeOf } from '../../../main/services/policy/privileged.js';
import { durationWords } from '../../../main/services/policy/refusal.js';
import { checkRequiredFields, recordedReason } from '../../../main/services/policy/required-fields.js';

const policy = (managed: object) => effectivePolicy(managedPolicySchema.parse({ version: 1, ...managed }));

describe('ticket formats', () => {
  it('fill a template exactly: # a digit, @ a letter, * either, anything else itself (any case)', () => {
    expect(matchesTicketFormat('INC#######', 'INC0012345')).toBe(true);
    expect(matchesTicketFormat('INC#######', 'inc0012345')).toBe(true);
    expect(matchesTicketFormat('INC#######', 'INC001234')).toBe(false);
    expect(matchesTicketFormat('INC#######', 'INC00123456')).toBe(false);
    expect(matchesTicketFormat('INC#######', 'RITM001234')).toBe(false);
    expect(matchesTicketFormat('@@-****', 'AB-1x2Y')).toBe(true);
    expect(matchesTicketFormat('@@-****', '1B-1x2Y')).toBe(false);
    expect(describeTicketFormat('INC#######')).toBe('INC followed by 7 digits');
    expect(describeTicketFormat('@@-*')).toBe('2 letters followed by - followed by 1 letter or digit');
    expect(exampleTicket('INC#######')).toBe('INC1234567');
  });

  it('cannot be written to backtrack: a check is one pass, whatever the input', () => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < 10_000; i += 1) matchesTicketFormat('################################', '1'.repeat(31) + 'x');
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(200);
    expect(managedPolicySchema.safeParse({ version: 1, verification: { ticketFormats: ['(INC)+\\d+'] } }).error?.issues[0]?.message).toMatch(/must be letters, digits/);
  });
});

describe('required fields', () => {
  it('refuse a missing or unlisted request type, a short reason, a missing or malformed ticket, each at its field', () => {
    const p = policy({ verification: { ticketFormats: ['INC#######'] } });
    expect(checkRequiredFields(p, { reason: 'Locked out', ticket: 'INC0012345' })).toMatchObject({ rule: 'reason_missing', field: 'reasonType', message: 'is required: choose what the caller is asking for' });
    expect(checkRequiredFields(p, { reasonType: 'Lunch order', reason: 'Locked out', ticket: 'INC0012345' })).toMatchObject({ rule: 'reason_unlisted', field: 'reasonType' });
    expect(checkRequiredFields(p, { reasonType: 'password reset', reason: '', ticket: 'INC0012345' })).toMatchObject({ rule: 'reason_missing', field: 'reason' });
    expect(checkRequiredFields(p, { reasonType: 'Password reset', reason: 'ab', ticket: 'INC0012345' })).toMatchObject({ rule: 'reason_too_short', message: 'needs at least 3 characters' });
    expect(checkRequiredFields(p, { reasonType: 'Password reset', reason: 'Locked out', ticket: ' ' })).toMatchObject({ rule: 'ticket_missing', field: 'ticket', message: 'is required' });
    expect(checkRequiredFields(p, { reasonType: 'Password reset', reason: 'Locked out', ticket: 'INC12' })).toMatchObject({
      rule: 'ticket_format',
      field: 'ticket',
      message: 'must be INC followed by 7 digits (for example INC1234567)',
    });
    expect(checkRequiredFields(p, { reasonType: 'Password reset', reason: 'Locked out', ticket: 'inc0012345' })).toBeNull();
    expect(recordedReason(p, { reasonType: 'password reset', reason: ' Locked out ', ticket: '' })).toBe('Password reset: Locked out');
  });

  it('with no request types listed, only the free text is asked for', () => {
    const p = policy({ verification: { reasons: [], reasonDetailsMin: 10 } });
    expect(checkRequiredFields(p, { reason: 'too short', ticket: 'X-1' })).toMatchObject({ rule: 'reason_too_short', message: 'needs at least 10 characters' });
    expect(checkRequiredFields(p, { reason: 'Caller lost their phone', ticket: 'X-1' })).toBeNull();
  });
});

describe('limits', () => {
  const now = Date.parse('2026-11-30T10:00:00Z');
  const quiet = { lastAttemptAt: null, targetLastHour: 0, operatorLastHour: 0, lock: null };
  const facts = { now, mode: 'push' as const, secondMethod: false, subject: 'alex@contoso.com' };

  it('a push waits out the cooldown after any verification; a code read-back or a second method does not', () => {
    const recent = { ...quiet, lastAttemptAt: now - 40_000 };
    expect(checkStartLimits(defaultPolicy, recent, facts)).toMatchObject({
      rule: 'cooldown',
      code: 'rate_limited',
      field: 'subject',
      message: expect.stringMatching(/^cannot get another push for 1 minute 20 seconds \(until 10:01:20 UTC\): after every verification .* waits 2 minutes/),
    });
    expect(checkStartLimits(defaultPolicy, recent, { ...facts, mode: 'otp' })).toBeNull();
    expect(checkStartLimits(defaultPolicy, recent, { ...facts, secondMethod: true })).toBeNull();
    expect(checkStartLimits(defaultPolicy, { ...quiet, lastAttemptAt: now - 120_000 }, facts)).toBeNull();
  });

  it('caps an account per hour, an operator per hour, and methods lookups', () => {
    expect(checkStartLimits(defaultPolicy, { ...quiet, targetLastHour: 3 }, facts)).toMatchObject({ rule: 'target_hourly_cap', message: expect.stringMatching(/already sent 3 verifications in the last hour.*push-bombing/) });
    expect(checkStartLimits(defaultPolicy, { ...quiet, operatorLastHour: 30 }, facts)).toMatchObject({ rule: 'operator_rate', field: null, message: expect.stringMatching(/^You started 30 verifications in the last hour/) });
    expect(checkLookupLimits(defaultPolicy, { forTarget: 0, byOperator: 60 }, 'a@b.c')).toMatchObject({ rule: 'lookup_operator_limit' });
    expect(checkLookupLimits(defaultPolicy, { forTarget: 10, byOperator: 0 }, 'a@b.c')).toMatchObject({ rule: 'lookup_target_limit', message: expect.stringMatching(/^The methods of a@b.c were looked up 10 times/) });
    expect(checkLookupLimits(defaultPolicy, { forTarget: 9, byOperator: 59 }, 'a@b.c')).toBeNull();
  });

  it('a lock refuses everything, before any other limit, and says who clears it', () => {
    const locked = { ...quiet, lock: { at: now - 1000, reason: 'fraud_reported' as const } };
    expect(checkStartLimits(defaultPolicy, locked, { ...facts, mode: 'otp' })).toMatchObject({
      rule: 'target_locked',
      code: 'forbidden',
      message: expect.stringMatching(/is locked .* because the account holder reported a request as fraud\. An administrator must clear the lock/),
    });
  });

  it('words a wait', () => {
    expect([durationWords(1), durationWords(61_000), durationWords(3_600_000), durationWords(5_400_000)]).toEqual(['1 second', '1 minute 1 second', '1 hour', '1 hour 30 minutes']);
  });
});

describe('privileged targets and assurance', () => {
  it('match accounts, domains and patterns without regard to case', () => {
    expect(matchesTarget('CEO@contoso.com', 'ceo@contoso.com')).toBe(true);
    expect(matchesTarget('@admins.contoso.com', 'x@admins.contoso.com')).toBe(true);
    expect(matchesTarget('@admins.contoso.com', 'x@notadmins.contoso.com.evil')).toBe(false);
    expect(matchesTarget('adm-*@contoso.com', 'adm-jane@contoso.com')).toBe(true);
    expect(matchesTarget('adm-*@contoso.com', 'jane@contoso.com')).toBe(false);
    expect(globMatch('a?c', 'abc')).toBe(true);
    expect(globMatch('a*b*c*d*e', 'a'.repeat(250) + 'bcde')).toBe(true);
  });

  it('a hostile pattern costs little: four stars at most, bounded input', () => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < 200; i += 1) globMatch('*a*a*a*a', 'a'.repeat(256) + 'b');
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(500);
    expect(managedPolicySchema.safeParse({ version: 1, verification: { privileged: { targets: ['*a*a*a*a*'] } } }).success).toBe(false);
  });

  it('privileged accounts need the privileged minimum; groups no provider can check make every account privileged', () => {
    const p = policy({ verification: { privileged: { targets: ['@admins.contoso.com'] } } });
    expect(privilegeOf(p, 'x@admins.contoso.com')).toBe('listed');
    expect(privilegeOf(p, 'x@contoso.com')).toBeNull();
    expect(requiredLevel(p, 'listed')).toBe('high');
    expect(requiredLevel(p, null)).toBe('low');
    expect(privilegeOf(policy({ verification: { privileged: { groups: ['Domain Admins'] } } }), 'x@contoso.com')).toBe('groups_unchecked');
  });

  it('a bare push is LOW, a code or a binding code is MEDIUM', () => {
    expect(singleLevel({ codeChecked: false, bindingMessage: false })).toBe('low');
    expect(singleLevel({ codeChecked: true, bindingMessage: false })).toBe('medium');
    expect(singleLevel({ codeChecked: false, bindingMessage: true })).toBe('medium');
    expect(meets('medium', 'high')).toBe(false);
    expect(meets('high', 'medium')).toBe(true);
  });
});
