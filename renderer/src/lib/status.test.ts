import { describe, expect, it } from 'vitest';
import type { VerificationStatus } from '../../../contract/domain';
import { isLive, presentOutcome, presentStatus } from './status';

const all: VerificationStatus[] = [
  'pending',
  'awaiting_code',
  'approved',
  'denied',
  'fraud',
  'timeout',
  'cancelled',
  'locked_out',
  'error',
];

describe('how an outcome looks to the agent', () => {
  it('shows green and a check mark for approved, and for nothing else', () => {
    for (const status of all) {
      const p = presentStatus(status);
      const looksApproved = p.tone === 'approved' || p.icon === 'check';
      expect(looksApproved, status).toBe(status === 'approved');
    }
  });

  it('names every final outcome with one unmistakable word', () => {
    expect(all.filter((s) => !isLive(s)).map((s) => presentStatus(s).word)).toEqual([
      'APPROVED',
      'DENIED',
      'FRAUD REPORTED',
      'TIMED OUT',
      'CANCELLED',
      'LOCKED OUT',
      'ERROR',
    ]);
  });

  it('treats a status it does not know as an error, never as success', () => {
    expect(presentStatus('approved_maybe')).toMatchObject({ word: 'ERROR', tone: 'error' });
  });

  it('colours audit outcomes the same way, green only for exactly "approved"', () => {
    expect(presentOutcome('approved').tone).toBe('approved');
    expect(presentOutcome('Approved ').tone).toBe('approved');
    expect(presentOutcome('fraud').tone).toBe('fraud');
    for (const text of ['ok', 'success', 'saved', 'approved_partially', 'failed']) {
      expect(presentOutcome(text).tone, text).not.toBe('approved');
    }
  });
});

describe('an outcome the audit log does not hold yet', () => {
  it('is never presented as a plain approval: not green, no check mark, says NOT RECORDED YET', async () => {
    const { presentView } = await import('./status');
    const shown = presentView({ status: 'approved', recorded: false });
    expect(shown).toEqual({ word: 'APPROVED — NOT RECORDED YET', tone: 'warning', icon: 'alert' });
    expect(presentView({ status: 'approved', recorded: true })).toMatchObject({ tone: 'approved', icon: 'check' });
    expect(presentView({ status: 'denied', recorded: false }).tone).toBe('warning');
  });
});
