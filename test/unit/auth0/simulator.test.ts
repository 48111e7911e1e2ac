/**
 * The simulated tenant keeps Auth0's rules the tests rely on (providers.md §1.7): client authentication by
 * secret (basic, post) and private key JWT, the password-realm grant, 600 s mfa_tokens, single-use oob_codes,
 * the failed-code bucket and the sandbox phone.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { codeOf, ALICE, BOB, CAROL, authenticatorOf, mfaSession, signal, signIn, startRig, type Auth0Rig } from './helpers.js';

describe('the Auth0 simulator', () => {
  let rig: Auth0Rig | null = null;
  afterEach(async () => {
    await rig?.close();
    rig = null;
  });

  it('authenticates the client by secret (basic and post) and by private key JWT', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    rig = await startRig({ clientPublicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), clientKeyId: 'k1' });
    for (const stepUp of [
      rig.stepUpWith({ clientAuth: 'client_secret_basic' }),
      rig.stepUpWith({ clientAuth: 'client_secret_post' }),
      rig.stepUpWith({ clientAuth: 'private_key_jwt', keyId: 'k1' }, { secret: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }),
    ]) {
      const { session, authenticators } = await mfaSession(rig, ALICE, stepUp);
      expect((await stepUp.challenge(session, authenticatorOf(authenticators, 'otp'), signal())).kind).toBe('challenge');
    }
  });

  it('uses the password grant without a realm, and refuses an unknown realm', async () => {
    rig = await startRig({}, { realm: undefined });
    expect((await signIn(rig, ALICE)).kind).toBe('mfa');
    expect(codeOf(await signIn(rig, ALICE, undefined, rig.stepUpWith({ realm: 'Other-Connection' })))).toBe('invalid_request');
  });

  it('tests the connection without signing anyone in: keys read, client accepted; a wrong secret named', async () => {
    rig = await startRig();
    expect(await rig.stepUp.testConnection(signal())).toMatchObject({ ok: true, code: null });
    expect(await rig.stepUpWith({}, { secret: 'wrong' }).testConnection(signal())).toMatchObject({ ok: false, code: 'invalid_client' });
    expect(rig.sim.counts().passwordGrants).toBe(0);
  });

  it('an oob_code is single use: once answered, its next poll is refused', async () => {
    rig = await startRig();
    const { session, authenticators } = await mfaSession(rig, BOB);
    const started = await rig.stepUp.challenge(session, authenticatorOf(authenticators, 'push'), signal());
    if (started.kind !== 'challenge') throw new Error('no challenge');
    rig.sim.approve(rig.sim.pending()[0]!.id);
    expect((await rig.stepUp.waitForPush(session, started.challenge, { signal: signal() })).kind).toBe('verified');
    expect(codeOf(await rig.stepUp.waitForPush(session, started.challenge, { signal: signal() }))).toBe('invalid_mfa_token');
  });

  it('puts pushes, texted codes and the authenticator app on the sandbox phone', async () => {
    rig = await startRig({ profileId: '5a4db0c5-0000-4000-8000-000000000003' });
    for (const [user, factor] of [[BOB, 'push'], [CAROL, 'sms'], [ALICE, 'otp']] as const) {
      const { session, authenticators } = await mfaSession(rig, user);
      await rig.stepUp.challenge(session, authenticatorOf(authenticators, factor), signal());
    }
    const prompts = rig.sim.prompts();
    expect(prompts.map((p) => [p.subject, p.kind]).sort()).toEqual([[ALICE, 'otp'], [BOB, 'push'], [CAROL, 'sms']]);
    expect(prompts.find((p) => p.kind === 'sms')?.code).toBe(rig.sim.lastMessage(CAROL)!.bindingCode);
    expect(prompts.find((p) => p.kind === 'otp')?.code).toBe(rig.sim.otpCode(ALICE));
    const push = prompts.find((p) => p.kind === 'push')!;
    expect(push.actions).toEqual(['approve', 'deny', 'ignore']);
    expect(rig.sim.respond(push.id, 'deny')).toBe(true);
    expect(rig.sim.prompts().some((p) => p.id === push.id)).toBe(false);
  });
});
