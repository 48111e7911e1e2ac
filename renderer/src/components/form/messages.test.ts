import { describe, expect, it } from 'vitest';
import { sentence, splitFieldMessage, withoutFieldPath } from './messages';
import { listWords, summaryFor } from './useFieldErrors';

describe('form messages for people', () => {
  it('turns a schema fragment into a sentence that starts with the field’s label', () => {
    expect(sentence('Tenant', 'must be a tenant ID (GUID) or a domain such as contoso.com')).toBe(
      'Tenant must be a tenant ID (GUID) or a domain such as contoso.com.',
    );
    expect(sentence('Display name', 'is required.')).toBe('Display name is required.');
  });

  it('reads the field main named, and never shows an internal field name', () => {
    expect(splitFieldMessage('settings.pollIntervalMs: must be at least 1000 (one second)')).toEqual({
      field: 'pollIntervalMs',
      message: 'must be at least 1000 (one second)',
    });
    expect(splitFieldMessage('The app did not answer. Try again.')).toBeNull();
    expect(withoutFieldPath('kind: a profile cannot change its provider; add a new profile instead')).toBe(
      'A profile cannot change its provider; add a new profile instead.',
    );
    expect(withoutFieldPath('Wait before sending another.')).toBe('Wait before sending another.');
  });

  it('says what stopped the form, naming the fields by their labels', () => {
    expect(listWords(['Reason'])).toBe('Reason');
    expect(listWords(['A', 'B', 'C'])).toBe('A, B and C');
    expect(summaryFor(['Reason'])).toBe('Not sent: Reason needs attention.');
    expect(summaryFor(['Tenant'], 'Not saved')).toBe('Not saved: Tenant needs attention.');
    expect(summaryFor(['Sign-in name (UPN)', 'Reason'])).toBe('Not sent: 2 fields need attention — Sign-in name (UPN) and Reason.');
  });
});
