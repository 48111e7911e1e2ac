/** The CIBA contract and module: settings rules in plain words, subjects per login hint format, binding codes. */
import { describe, expect, it } from 'vitest';
import { cibaContract, cibaSettingsSchema, type CibaSettings } from '../../../contract/providers/ciba.js';
import { isPortableBindingMessage, newBindingMessage } from '../../../main/providers/ciba/binding.js';
import { initiateErrorOutcome } from '../../../main/providers/ciba/initiate-errors.js';
import { loginHintFor } from '../../../main/providers/ciba/login-hint.js';
import { cibaModule } from '../../../main/providers/ciba/module.js';

const base = { issuer: 'https://tenant.eu.auth0.com/', clientId: 'abc123' };
const parse = (input: Record<string, unknown>): CibaSettings => cibaSettingsSchema.parse(input);
const messages = (input: unknown): Record<string, string> =>
  Object.fromEntries((cibaSettingsSchema.safeParse(input).error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('CIBA settings', () => {
  it('fills the defaults: discovery, client secret (post), Auth0 user ids, a binding code, 120 s', () => {
    expect(parse(base)).toEqual({
      ...base,
      endpointMode: 'discovery',
      clientAuth: 'client_secret_post',
      scope: 'openid',
      loginHintFormat: 'iss_sub',
      bindingMessage: 'code',
      bindingPrefix: 'MFA',
      requestedExpiry: 120,
    });
  });

  it('says what is wrong in plain words, never in zod’s', () => {
    const found = messages({
      issuer: 'http://tenant.example/',
      clientId: 'has space',
      endpointMode: 'sometimes',
      clientAuth: 'none',
      scope: 'email profile',
      loginHintFormat: 'phone',
      bindingMessage: 'always',
      bindingPrefix: 'MFA-1',
      requestedExpiry: 301,
      audience: 7,
      proxyUrl: 'http://user:pw@proxy:8080',
    });
    expect(Object.keys(found).sort()).toEqual(
      ['audience', 'bindingMessage', 'bindingPrefix', 'clientAuth', 'clientId', 'endpointMode', 'issuer', 'loginHintFormat', 'proxyUrl', 'requestedExpiry', 'scope'].sort(),
    );
    for (const message of Object.values(found)) {
      expect(message).toMatch(/^(must|is) /);
      expect(message).not.toMatch(/Invalid|expected|received/);
    }
    expect(messages({})).toEqual({ issuer: 'is required', clientId: 'is required' });
    expect(messages(null)).toEqual({ '': 'must be a settings object' });
    expect(messages({ ...base, requestedExpiry: '60' })).toEqual({ requestedExpiry: 'must be a number' });
  });

  it('allows plain http only to loopback, and wants the endpoints when they are entered by hand', () => {
    expect(parse({ ...base, issuer: 'http://127.0.0.1:4000/' }).issuer).toBe('http://127.0.0.1:4000/');
    expect(messages({ ...base, endpointMode: 'manual' })).toEqual({
      backchannelEndpoint: 'is required when the endpoints are entered by hand',
      tokenEndpoint: 'is required when the endpoints are entered by hand',
      jwksUri: 'is required when the endpoints are entered by hand',
    });
    expect(messages({ ...base, endpointMode: 'manual', backchannelEndpoint: 'https://t/bc', tokenEndpoint: 'https://t/token', jwksUri: 'ftp://t/jwks' })).toHaveProperty('jwksUri');
  });

  it('checks sizes before patterns (long input is refused at once)', () => {
    const long = 'a'.repeat(100_000);
    const started = performance.now();
    const found = messages({ ...base, clientId: long, scope: `openid ${long}`, audience: long });
    expect(performance.now() - started).toBeLessThan(200);
    expect(found).toEqual({
      clientId: 'is too long (200 characters at most)',
      scope: 'is too long (500 characters at most)',
      audience: 'is too long (300 characters at most)',
    });
  });

  it('has a form field for every setting, manual endpoints and key id shown only when they apply', () => {
    const keys = Object.keys(cibaSettingsSchema.shape).sort();
    expect(cibaContract.fields.map((f) => f.key).sort()).toEqual(keys);
    const when = Object.fromEntries(cibaContract.fields.filter((f) => f.when).map((f) => [f.key, f.when]));
    expect(when.tokenEndpoint).toEqual({ key: 'endpointMode', oneOf: ['manual'] });
    expect(when.keyId).toEqual({ key: 'clientAuth', oneOf: ['private_key_jwt'] });
  });
});

describe('CIBA subjects', () => {
  const settings = parse(base);
  const email = parse({ ...base, loginHintFormat: 'email' });

  it('names the subject by the login hint format', () => {
    expect(cibaContract.subject(settings).label).toBe('Auth0 user ID');
    expect(cibaContract.subject(settings).placeholder).toMatch(/^auth0\|65f/);
    expect(cibaContract.subject(parse({ ...base, loginHintFormat: 'plain' })).label).toBe('User ID');
    expect(cibaContract.subject(email).label).toBe('Email address');
  });

  it('canonicalises: ids trimmed with case kept, email lower-cased', () => {
    expect(cibaContract.checkSubject(settings, '  auth0|65fAbC  ')).toEqual({ ok: true, canonical: 'auth0|65fAbC' });
    expect(cibaContract.checkSubject(email, ' Alice@Example.COM ')).toEqual({ ok: true, canonical: 'alice@example.com' });
    expect(cibaContract.checkSubject(settings, 'auth0|a b')).toMatchObject({ ok: false });
    expect(cibaContract.checkSubject(email, 'not-an-email')).toMatchObject({ ok: false });
    expect(cibaContract.checkSubject(settings, '   ')).toEqual({ ok: false, message: 'is required' });
  });

  it('refuses over 512 characters before any pattern runs', () => {
    const started = performance.now();
    expect(cibaContract.checkSubject(email, `${'a@'.repeat(50_000)}`)).toEqual({ ok: false, message: 'is too long (512 characters at most)' });
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('offers push only, and names the secret by the authentication method', () => {
    expect(cibaContract.capabilities(settings)).toEqual({ push: true, code: false, methods: false, enrollment: false, stepUp: false });
    expect(cibaContract.secret(settings)?.label).toBe('Client secret');
    expect(cibaContract.secret(parse({ ...base, clientAuth: 'private_key_jwt' }))?.label).toBe('Private key (PEM)');
  });
});

describe('CIBA module', () => {
  it('routes the secret by issuer, endpoints, client and method; passes the proxy on', () => {
    expect([...cibaModule.secretRoutingKeys].sort()).toEqual(
      ['backchannelEndpoint', 'clientAuth', 'clientId', 'endpointMode', 'issuer', 'jwksUri', 'tokenEndpoint'].sort(),
    );
    expect(cibaModule.proxyUrl(parse({ ...base, proxyUrl: 'http://proxy.corp:8080' }))).toBe('http://proxy.corp:8080');
    expect(cibaModule.contract.kind).toBe('ciba');
  });

  it('builds Auth0’s iss_sub login hint with the issuer’s final slash; plain and email as typed', () => {
    expect(JSON.parse(loginHintFor('iss_sub', 'https://t.auth0.com', 'auth0|1'))).toEqual({ format: 'iss_sub', iss: 'https://t.auth0.com/', sub: 'auth0|1' });
    expect(loginHintFor('email', 'https://t/', 'a@b.example')).toBe('a@b.example');
  });
});

describe('CIBA binding code', () => {
  it('is the prefix and four random digits, accepted by Auth0’s and oidc-provider’s rules', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newBindingMessage('MFA')));
    for (const code of codes) expect(code).toMatch(/^MFA-\d{4}$/);
    expect(codes.size).toBeGreaterThan(150);
    expect(isPortableBindingMessage('ABCDEFGH-0001')).toBe(true);
    expect(isPortableBindingMessage('MFA 4821')).toBe(false);
    expect(isPortableBindingMessage('MFA,4821')).toBe(false);
    expect(() => newBindingMessage('MFA:1')).toThrow();
  });
});

describe('CIBA refusals at initiate', () => {
  const ctx = { provider: 'tenant.eu.auth0.com', pushMayBeOut: true };
  it.each([
    ['invalid_request', 'binding_message is required', 'Code refused'],
    ['invalid_binding_message', undefined, 'Code refused'],
    ['invalid_request', 'login_hint parameter validation failed: "sub" contains unsupported format', 'Account not accepted'],
    ['invalid_request', 'something else', 'Request refused'],
    ['invalid_scope', 'openid scope must be requested', 'Scope refused'],
    ['unauthorized_client', undefined, 'Application not allowed'],
    ['invalid_client', undefined, 'Client credentials refused'],
    ['unknown_user_id', undefined, 'No such account'],
  ])('%s (%s) → %s, nothing sent, detail for IT', (error, description, title) => {
    const outcome = initiateErrorOutcome(400, { error, ...(description ? { error_description: description } : {}) }, ctx);
    expect(outcome).toMatchObject({ status: 'error', code: error, title });
    expect(outcome.ambiguous).toBeFalsy();
    expect(outcome.message).toContain('Nothing was sent');
    expect(outcome.detail).toBe(`HTTP 400 ${error}${description ? `: ${description}` : ''}`);
  });

  it('quotes the provider’s words on one bounded line', () => {
    const outcome = initiateErrorOutcome(400, { error: 'invalid_request', error_description: `bad\r\nInjected: yes ${'x'.repeat(500)}` }, ctx);
    expect(outcome.message).not.toMatch(/[\r\n]/);
    expect(outcome.message.length).toBeLessThan(400);
  });
});
