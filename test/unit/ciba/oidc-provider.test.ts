/**
 * The same verification against a real OpenID provider (oidc-provider 9, CIBA poll mode), its test phone,
 * and a front that counts requests and can alter token answers: what openid-client alone would accept
 * (a forged signature, another subject or audience, no ID token, a 200 carrying an error) is refused.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CibaSettings } from '../../../contract/providers/ciba.js';
import { createCibaProvider } from '../../../main/providers/ciba/provider.js';
import { createHttpClient } from '../../../main/services/http.js';
import { silentLogger } from '../../../main/services/log.js';
import { claimsOf, startOidcServer, type OidcServer } from '../../support/oidc-server.js';
import { bindingOf, outcomeOf, testTuning, verify, virtualClock, type VirtualClock } from './helpers.js';

/** The same claims as an unsigned JWT (alg none). */
const unsigned = (claims: Record<string, unknown>): string =>
  `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;

/** The same claims signed with the client secret (HS256): a signature anyone holding the secret can make. */
const hmacSigned = (claims: Record<string, unknown>, secret: string): string => {
  const input = `${Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
};

describe('CIBA push against oidc-provider', () => {
  let server: OidcServer;
  const http = createHttpClient();
  let clock: VirtualClock;
  beforeAll(async () => {
    server = await startOidcServer();
  });
  afterAll(async () => {
    http.close();
    await server.close();
  });
  beforeEach(() => {
    clock = virtualClock();
    server.phone.mode = 'ignore';
    server.reset();
  });

  const settings = (patch: Partial<CibaSettings> = {}): CibaSettings => ({
    issuer: server.issuer,
    endpointMode: 'discovery',
    clientId: server.basic.clientId,
    clientAuth: 'client_secret_basic',
    scope: 'openid',
    loginHintFormat: 'plain',
    bindingMessage: 'code',
    bindingPrefix: 'MFA',
    requestedExpiry: 60,
    ...patch,
  });
  const provider = (patch: Partial<CibaSettings> = {}, secret: string = server.basic.secret) =>
    createCibaProvider(settings(patch), { http, clock, logger: silentLogger, readSecret: () => Promise.resolve(secret) }, testTuning);

  it('approves when the phone approves; the phone shows the binding code the agent reads out', async () => {
    server.phone.mode = 'approve';
    const before = server.counts();
    const run = await verify(provider(), 'user-alice');
    expect(outcomeOf(run.step).status).toBe('approved');
    const rung = server.phone.rung.at(-1)!;
    expect(rung.accountId).toBe('user-alice');
    expect(rung.bindingMessage).toBe(bindingOf(run));
    // oidc-provider names no interval: the first poll waits the default 5 s, and gets the tokens.
    expect(server.counts().backchannel - before.backchannel).toBe(1);
    expect(server.counts().token - before.token).toBe(1);
    expect(clock.advanced()).toBe(5000);
  });

  it('names the account by email (ID token email claim checked)', async () => {
    server.phone.mode = 'approve';
    const run = await verify(provider({ loginHintFormat: 'email', scope: 'openid email' }), 'alice@example.com');
    expect(outcomeOf(run.step).status).toBe('approved');
  });

  it('authenticates with a private key JWT', async () => {
    server.phone.mode = 'approve';
    const jwt = provider({ clientId: server.jwt.clientId, clientAuth: 'private_key_jwt', keyId: server.jwt.keyId }, server.jwt.privatePem);
    expect(outcomeOf((await verify(jwt, 'user-alice')).step).status).toBe('approved');
  });

  it('denies (access_denied) and reads expired_token as a timeout', async () => {
    server.phone.mode = 'deny';
    expect(outcomeOf((await verify(provider(), 'user-alice')).step)).toMatchObject({ status: 'denied', code: 'access_denied' });
    server.phone.mode = 'expire';
    expect(outcomeOf((await verify(provider(), 'user-alice')).step)).toMatchObject({ status: 'timeout', code: 'expired_token' });
  });

  it('stops at the deadline when nobody answers, polling no more than the pacing allows', async () => {
    const before = server.counts().token;
    const run = await verify(provider({ requestedExpiry: 30 }), 'user-alice');
    expect(outcomeOf(run.step)).toMatchObject({ status: 'timeout', code: 'deadline_exceeded' });
    // 30 s at the default 5 s interval: polls at 5–25 s, none at or after the deadline.
    expect(server.counts().token - before).toBe(5);
  });

  it('honours slow_down and Retry-After; gives up after repeated slow_down', async () => {
    server.phone.mode = 'approve';
    server.slowDownNext(1, 12);
    const before = server.counts().token;
    const run = await verify(provider(), 'user-alice');
    expect(outcomeOf(run.step).status).toBe('approved');
    expect(server.counts().token - before).toBe(2);
    // 5 s, then max(5 + 5, Retry-After 12) s.
    expect(clock.advanced()).toBe(17_000);
    server.slowDownNext(10);
    const limited = await verify(provider({ requestedExpiry: 300 }), 'user-alice');
    expect(outcomeOf(limited.step)).toMatchObject({ status: 'error', code: 'slow_down_limit', ambiguous: true });
  });

  it('reads a used request (invalid_grant, after a lost token answer) as a final error', async () => {
    server.phone.mode = 'approve';
    server.hideNextSuccess();
    const before = server.counts().token;
    const run = await verify(provider(), 'user-alice');
    expect(outcomeOf(run.step)).toMatchObject({ status: 'error', code: 'invalid_grant' });
    expect(outcomeOf(run.step).detail).toMatch(/^HTTP 400 invalid_grant/);
    expect(server.counts().token - before).toBe(2);
  });

  it('refuses a wrong subject, audience or issuer, a forged, missing or shared-secret signature, a missing ID token and a 200 with an error', async () => {
    server.phone.mode = 'approve';
    const cases: [string, (body: Record<string, unknown>, resign: (c: Record<string, unknown>) => string) => Record<string, unknown>][] = [
      ['subject_mismatch', (b, resign) => ({ ...b, id_token: resign({ ...claimsOf(String(b.id_token)), sub: 'user-bob' }) })],
      ['id_token_invalid', (b, resign) => ({ ...b, id_token: resign({ ...claimsOf(String(b.id_token)), aud: 'another-client' }) })],
      ['id_token_invalid', (b, resign) => ({ ...b, id_token: resign({ ...claimsOf(String(b.id_token)), iss: 'https://evil.example' }) })],
      ['id_token_invalid', (b) => ({ ...b, id_token: `${String(b.id_token).slice(0, -6)}AAAAAA` })],
      ['id_token_invalid', (b) => ({ ...b, id_token: unsigned(claimsOf(String(b.id_token))) })],
      ['id_token_invalid', (b) => ({ ...b, id_token: hmacSigned(claimsOf(String(b.id_token)), server.basic.secret) })],
      ['id_token_missing', (b) => ({ ...b, id_token: undefined })],
      ['malformed_response', (b) => ({ ...b, error: 'access_denied' })],
    ];
    for (const [code, tamper] of cases) {
      server.tamperNextToken(tamper);
      const outcome = outcomeOf((await verify(provider(), 'user-alice')).step);
      expect(outcome.status, code).toBe('error');
      expect(outcome.code).toBe(code);
    }
  });

  it('cancels mid-poll: no request after the cancel', async () => {
    const controller = new AbortController();
    const before = server.counts().token;
    const run = await verify(provider(), 'user-alice', {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.polls === 2) controller.abort();
      },
    });
    expect(outcomeOf(run.step)).toMatchObject({ status: 'error', code: 'cancelled' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.counts().token - before).toBe(2);
  });

  it('reports an unknown account and a refused binding message from the provider’s own answers, nothing sent', async () => {
    expect(outcomeOf((await verify(provider(), 'user-nobody')).step)).toMatchObject({ status: 'error', code: 'unknown_user_id' });
    server.bindingRule = /^SECURE-\d{4}$/;
    const refused = outcomeOf((await verify(provider(), 'user-alice')).step);
    expect(refused).toMatchObject({ status: 'error', code: 'invalid_binding_message', title: 'Code refused' });
    expect(refused.ambiguous).toBeFalsy();
    expect(outcomeOf((await verify(provider({ bindingPrefix: 'SECURE' }), 'user-bob', { onProgress: () => undefined })).step).code).not.toBe('invalid_binding_message');
  });

  it('tests the connection without a push, and names a wrong secret', async () => {
    const rungBefore = server.phone.rung.length;
    expect(await provider().testConnection(new AbortController().signal)).toMatchObject({ ok: true });
    expect(await provider({}, 'wrong').testConnection(new AbortController().signal)).toMatchObject({ ok: false, code: 'invalid_client' });
    expect(server.phone.rung.length).toBe(rungBefore);
  });
});
