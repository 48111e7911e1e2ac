/** The Auth0 approvals profile: settings in plain words, the tenant as a base URL, and step-up only. */
import { describe, expect, it } from 'vitest';
import { auth0Contract, auth0SettingsSchema, tenantBaseUrl } from '../../../contract/providers/auth0.js';
import { profileInputSchema } from '../../../contract/providers/index.js';

const valid = { domain: 'your-tenant.eu.auth0.com', clientId: 'abc123' };

describe('the Auth0 approvals contract', () => {
  it('reads a tenant domain or URL as https://host, and refuses paths, queries and plain http off loopback', () => {
    expect(tenantBaseUrl('your-tenant.eu.auth0.com')).toBe('https://your-tenant.eu.auth0.com');
    expect(tenantBaseUrl('https://login.example.com/')).toBe('https://login.example.com');
    expect(tenantBaseUrl('http://127.0.0.1:4000')).toBe('http://127.0.0.1:4000');
    for (const bad of ['http://tenant.example.com', 'https://tenant.example.com/oauth', 'https://tenant.example.com/?x=1', 'https://user:pw@tenant.example.com', 'javascript:alert(1)']) {
      expect(tenantBaseUrl(bad)).toBe('');
    }
  });

  it('fills defaults: client secret (post), two approvers above 10000 EUR, a 30-minute window', () => {
    expect(auth0SettingsSchema.parse(valid)).toEqual({
      domain: 'https://your-tenant.eu.auth0.com',
      clientId: 'abc123',
      clientAuth: 'client_secret_post',
      threshold: 10_000,
      currency: 'EUR',
      approvalWindowMinutes: 30,
    });
  });

  it('names what is wrong in plain words', () => {
    const messages = (input: unknown) => auth0SettingsSchema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(messages({ ...valid, domain: 'https://x.example.com/path' })).toEqual(['domain: must be a tenant domain such as your-tenant.eu.auth0.com (https only, no path)']);
    expect(messages({ ...valid, approvalWindowMinutes: 0 })).toEqual(['approvalWindowMinutes: must be at least 1 (minute)']);
    expect(messages({ ...valid, threshold: 1.5 })).toEqual(['threshold: must be a whole number']);
    expect(messages({ ...valid, currency: 'XXX' })).toEqual(['currency: must be one of the listed currencies']);
    expect(messages({ ...valid, realm: 'has space' })).toEqual(['realm: must be a connection name without spaces']);
    expect(messages({ ...valid, domain: 'a'.repeat(5000) })).toEqual(['domain: is too long (300 characters at most)']);
  });

  it('is a step-up profile only: never offered for push or code verification', () => {
    expect(auth0Contract.capabilities(auth0SettingsSchema.parse(valid))).toEqual({ push: false, code: false, methods: false, enrollment: false, stepUp: true });
  });

  it('is a profile kind of its own, with its settings checked by its schema', () => {
    expect(profileInputSchema.safeParse({ kind: 'auth0', displayName: 'Payments', settings: valid }).success).toBe(true);
    expect(profileInputSchema.safeParse({ kind: 'auth0', displayName: 'Payments', settings: { ...valid, extra: 1 } }).success).toBe(true);
    expect(profileInputSchema.safeParse({ kind: 'auth0', displayName: 'Payments', settings: { clientId: 'x' } }).success).toBe(false);
  });

  it('checks approver user names: bounded, no spaces or quotes, compared without case', () => {
    const settings = auth0SettingsSchema.parse(valid);
    expect(auth0Contract.checkSubject(settings, ' Alice@Example.com ')).toEqual({ ok: true, canonical: 'alice@example.com' });
    expect(auth0Contract.checkSubject(settings, 'a b').ok).toBe(false);
    expect(auth0Contract.checkSubject(settings, '<script>').ok).toBe(false);
    expect(auth0Contract.checkSubject(settings, 'x'.repeat(600))).toEqual({ ok: false, message: 'is too long (512 characters at most)' });
  });
});
