/** Rules shared by every request screen: the reason and ticket as main bounds them, which copy wins, fail-closed look-up. */
import { describe, expect, it } from 'vitest';
import { lookUp, newerCopy, REASON_MAX, reasonProblem, TICKET_MAX, ticketProblem } from './requestRules';

describe('request rules', () => {
  it('asks for a reason only when the policy wants one, and bounds it as main does', () => {
    expect(reasonProblem('   ', 3, 'Reason is required.')).toBe('Reason is required.');
    expect(reasonProblem('', 0, 'Reason is required.')).toBeUndefined();
    expect(reasonProblem(' ab ', 3, 'Reason is required.')).toBe('Reason needs at least 3 characters.');
    expect(reasonProblem('x'.repeat(REASON_MAX + 1), 3, 'Reason is required.')).toBe(`Reason is too long (${REASON_MAX} characters at most).`);
    expect(reasonProblem('new phone', 3, 'Reason is required.')).toBeUndefined();
  });

  it('takes a ticket of letters, digits and . / # : - _ up to main’s length', () => {
    expect(ticketProblem(' ')).toBe('Ticket reference is required.');
    expect(ticketProblem('T'.repeat(TICKET_MAX + 1))).toMatch(/too long/);
    expect(ticketProblem('INC 1')).toMatch(/no spaces/);
    expect(ticketProblem(' INC-0012_3/4#5:6. ')).toBeUndefined();
  });

  it('never lets a late live copy replace an ended one', () => {
    const isLive = (status: string) => status === 'pending';
    const copy = (id: string, status: string) => ({ id, status });
    expect(newerCopy(copy('a', 'approved'), copy('a', 'pending'), isLive).status).toBe('approved');
    expect(newerCopy(copy('a', 'pending'), copy('a', 'denied'), isLive).status).toBe('denied');
    expect(newerCopy(copy('a', 'approved'), copy('b', 'pending'), isLive).id).toBe('b');
    expect(newerCopy(null, copy('a', 'pending'), isLive).id).toBe('a');
  });

  it('looks up only the table’s own entries: anything else, even a name every object has, gets the fallback', () => {
    const table = { approved: 'green', error: 'red' };
    expect(lookUp(table, 'approved', 'error')).toBe('green');
    expect(lookUp(table, 'something_new', 'error')).toBe('red');
    expect(lookUp(table, 'toString', 'error')).toBe('red');
    expect(lookUp(table, '__proto__', 'error')).toBe('red');
  });
});
