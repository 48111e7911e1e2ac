/**
 * Client authentication (basic, post, private key JWT), login hint formats, refusals at initiate, and the
 * connection test, against the Auth0-style simulator.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, approveOnPhone, DAVE_NO_DEVICE, outcomeOf, startRig, verify, type CibaRig } from './helpers.js';

function keyPair(type: 'rsa' | 'ec'): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } =
    type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

describe('CIBA client authentication, login hints and refusals (Auth0-style simulator)', () => {
  let rig: CibaRig;
  afterEach(async () => {
    await rig.close();
  });

  it.each(['client_secret_basic', 'client_secret_post'] as const)('authenticates with %s (a secret with reserved characters)', async (method) => {
    rig = await startRig({ authMethods: [method], clientSecret: 'p:a+s s%w/rd=' });
    const provider = rig.providerWith({ clientAuth: method });
    expect(outcomeOf((await verify(provider, ALICE, { onProgress: approveOnPhone(rig.sim, ALICE) })).step).status).toBe('approved');
    // The other method is refused by this application, before anything is sent.
    const other = rig.providerWith({ clientAuth: method === 'client_secret_basic' ? 'client_secret_post' : 'client_secret_basic' });
    const refused = outcomeOf((await verify(other, ALICE)).step);
    expect(refused).toMatchObject({ status: 'error', code: 'invalid_client' });
    expect(refused.ambiguous).toBeFalsy();
    expect(rig.sim.pending(ALICE)).toHaveLength(0);
  });

  it.each([
    ['an RSA key with a key id', 'rsa', 'key-2026'],
    ['an EC P-256 key without a key id', 'ec', null],
  ] as const)('authenticates with private key JWT: %s', async (_name, type, keyId) => {
    const key = keyPair(type);
    rig = await startRig({ authMethods: ['private_key_jwt'], clientPublicKeyPem: key.publicPem, clientKeyId: keyId });
    const provider = rig.providerWith({ clientAuth: 'private_key_jwt', ...(keyId ? { keyId } : {}) }, { secret: key.privatePem });
    expect(outcomeOf((await verify(provider, ALICE, { onProgress: approveOnPhone(rig.sim, ALICE) })).step).status).toBe('approved');
    const stranger = rig.providerWith({ clientAuth: 'private_key_jwt', ...(keyId ? { keyId } : {}) }, { secret: keyPair(type).privatePem });
    expect(outcomeOf((await verify(stranger, ALICE)).step)).toMatchObject({ status: 'error', code: 'invalid_client' });
  });

  it('refuses a key it cannot use, and a missing secret, before sending anything', async () => {
    rig = await startRig();
    const garbage = outcomeOf((await verify(rig.providerWith({ clientAuth: 'private_key_jwt' }, { secret: 'not a key' }), ALICE)).step);
    expect(garbage).toMatchObject({ status: 'error', code: 'key_unusable' });
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(outcomeOf((await verify(rig.providerWith({ clientAuth: 'private_key_jwt' }, { secret: small }), ALICE)).step).code).toBe('key_unusable');
    expect(outcomeOf((await verify(rig.providerWith({}, { secret: null }), ALICE)).step)).toMatchObject({ code: 'secret_missing' });
    expect(rig.sim.counts()).toMatchObject({ discovery: 0, bcAuthorize: 0 });
  });

  it.each([
    ['iss_sub', ALICE, 'openid'],
    ['plain', ALICE, 'openid'],
    ['email', 'alice@example.com', 'openid email'],
  ] as const)('names the account with the %s login hint', async (format, subject, scope) => {
    rig = await startRig();
    const provider = rig.providerWith({ loginHintFormat: format, scope });
    expect(outcomeOf((await verify(provider, subject, { onProgress: approveOnPhone(rig.sim, ALICE) })).step).status).toBe('approved');
  });

  it('reports an unknown account and an account without a push device in plain words, nothing sent', async () => {
    rig = await startRig();
    const unknown = outcomeOf((await verify(rig.provider, 'auth0|000000000000000000000000')).step);
    expect(unknown).toMatchObject({ status: 'error', code: 'invalid_request', title: 'Account not accepted' });
    expect(unknown.message).toContain('Nothing was sent');
    expect(unknown.detail).toContain('HTTP 400 invalid_request');
    const noDevice = outcomeOf((await verify(rig.provider, DAVE_NO_DEVICE)).step);
    expect(noDevice).toMatchObject({ status: 'error', code: 'invalid_request' });
    rig.sim.configure({ unknownUserError: 'unknown_user_id' });
    expect(outcomeOf((await verify(rig.provider, 'auth0|000000000000000000000000')).step)).toMatchObject({ code: 'unknown_user_id', title: 'No such account' });
  });

  it('tests the connection without sending a push', async () => {
    rig = await startRig();
    const good = await rig.provider.testConnection(new AbortController().signal);
    expect(good).toMatchObject({ ok: true, code: null });
    expect(good.message).toContain('No push was sent');
    const badSecret = await rig.providerWith({}, { secret: 'wrong' }).testConnection(new AbortController().signal);
    expect(badSecret).toMatchObject({ ok: false, code: 'invalid_client' });
    const noSecret = await rig.providerWith({}, { secret: null }).testConnection(new AbortController().signal);
    expect(noSecret).toMatchObject({ ok: false, code: 'secret_missing' });
    const elsewhere = await rig.providerWith({ issuer: rig.sim.issuer.replace('127.0.0.1', 'localhost') }).testConnection(new AbortController().signal);
    expect(elsewhere).toMatchObject({ ok: false, code: 'issuer_mismatch' });
    expect(rig.sim.counts()).toMatchObject({ bcAuthorize: 0 });
    expect(rig.sim.pending()).toHaveLength(0);
  });

  it('reports an issuer nobody answers at as unreachable, nothing sent', async () => {
    rig = await startRig();
    const provider = rig.providerWith({ issuer: 'http://127.0.0.1:9/' });
    const outcome = outcomeOf((await verify(provider, ALICE)).step);
    expect(outcome).toMatchObject({ status: 'error', code: 'network' });
    expect(outcome.ambiguous).toBeFalsy();
    expect((await provider.testConnection(new AbortController().signal)).ok).toBe(false);
  });

  it('checks the subject again before sending: an email is compared lower-cased, a bad one is refused', async () => {
    rig = await startRig();
    const email = rig.providerWith({ loginHintFormat: 'email', scope: 'openid email' });
    expect(outcomeOf((await verify(email, 'Alice@Example.com', { onProgress: approveOnPhone(rig.sim, ALICE) })).step).status).toBe('approved');
    expect(outcomeOf((await verify(email, 'not an email')).step)).toMatchObject({ status: 'error', code: 'invalid_subject' });
    expect(rig.sim.counts().bcAuthorize).toBe(1);
  });

  it('offers push only, and a script that asks the caller to check the code', async () => {
    rig = await startRig();
    expect(rig.provider.script('push')).toMatch(/check that it shows the code/);
    const otp = await rig.provider.start({ subject: { raw: ALICE, canonical: ALICE }, contextId: 'c', mode: 'otp', signal: new AbortController().signal });
    expect(outcomeOf(otp)).toMatchObject({ status: 'error', code: 'not_supported' });
    expect(await rig.provider.listMethods({ raw: ALICE, canonical: ALICE }, new AbortController().signal)).toMatchObject({ ok: false });
    expect(rig.sim.counts().bcAuthorize).toBe(0);
  });
});
