import { describe, expect, it } from 'vitest';
import { emptyDraft, fieldErrorFromMessage, toProfileInput } from './profileForm';

describe('the Entra profile form', () => {
  it('builds a profile input and leaves empty URL overrides out', () => {
    const result = toProfileInput({ ...emptyDraft(), displayName: ' Contoso ', tenant: 'contoso.com' });
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
          deadlineMs: 90000,
        },
      },
    });
  });

  it('reports missing names and non-numeric timings before asking main', () => {
    const result = toProfileInput({ ...emptyDraft(), pollIntervalMs: '5s' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['displayName', 'pollIntervalMs', 'tenant']);
  });

  it('puts main’s validation message next to the field it names', () => {
    expect(fieldErrorFromMessage('settings.tenant: must be a tenant GUID or a domain such as contoso.com')).toEqual({
      tenant: 'must be a tenant GUID or a domain such as contoso.com',
    });
    expect(fieldErrorFromMessage('displayName: is required')).toEqual({ displayName: 'is required' });
    expect(fieldErrorFromMessage('profile not found')).toEqual({});
  });
});
