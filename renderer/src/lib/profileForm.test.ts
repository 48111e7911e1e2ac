import { describe, expect, it } from 'vitest';
import { emptyDraft, fieldErrorFromMessage, isShown, fieldsOf, toProfileInput } from './profileForm';

const entra = (values: Record<string, string>, displayName = ' Contoso ') => {
  const draft = emptyDraft('entra');
  return { ...draft, displayName, values: { ...draft.values, ...values } };
};

describe('the settings form of a provider, from its contract', () => {
  it('starts from the schema defaults and builds an input, leaving empty optional fields out', () => {
    const result = toProfileInput(entra({ tenant: 'contoso.com' }));
    expect(result).toEqual({
      ok: true,
      input: {
        kind: 'entra',
        displayName: 'Contoso',
        settings: {
          tenant: 'contoso.com',
          cloud: 'public',
          connectorHost: 'strongauth',
          tokenVersion: 'v2',
          credential: 'secret',
          mode: 'sync',
          pollIntervalMs: 5000,
          deadlineMs: 60000,
        },
      },
    });
  });

  it('reports missing names, non-numeric timings and the schema’s own rules before asking main', () => {
    const result = toProfileInput(entra({ pollIntervalMs: '5s', deadlineMs: '999', tenant: '' }, ''));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['deadlineMs', 'displayName', 'pollIntervalMs', 'tenant']);
    expect(result.errors.deadlineMs).toBe('must be at least 10000 (10 seconds)');
    expect(result.errors.pollIntervalMs).toBe('must be a whole number');
  });

  it('shows the async timings only in async mode', () => {
    const poll = fieldsOf('entra').find((f) => f.key === 'pollIntervalMs')!;
    expect(isShown(poll, { mode: 'sync' })).toBe(false);
    expect(isShown(poll, { mode: 'async' })).toBe(true);
  });

  it('puts main’s validation message next to the field it names', () => {
    expect(fieldErrorFromMessage('entra', 'settings.tenant: must be a tenant ID (GUID) or a domain such as contoso.com')).toEqual({
      tenant: 'must be a tenant ID (GUID) or a domain such as contoso.com',
    });
    expect(fieldErrorFromMessage('entra', 'displayName: is required')).toEqual({ displayName: 'is required' });
    expect(fieldErrorFromMessage('entra', 'profile not found')).toEqual({});
  });
});
