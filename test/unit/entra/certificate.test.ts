/**
 * Certificate credentials fit every keychain: with a real RSA-2048 key and self-signed certificate made by
 * openssl (about 2,850 bytes of PEM together, over the Windows Credential Manager's 2,560), only the key goes
 * to the keychain, as compact PKCS#8, and the certificate lives in the profile. Signs in against the
 * simulator, which checks the assertion's signature and thumbprint as AAD does.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCertificatePem } from '../../../contract/providers/entra.js';
import { checkEntraSettings, prepareEntraSecret } from '../../../main/providers/entra/credential.js';
import { secretAccount } from '../../../main/services/profiles.js';
import { simulatorSettings } from '../../../simulators/entra/settings.js';
import { startEntraSimulator, type EntraSimulator } from '../../../simulators/entra/simulator.js';
import { ok, startTestRuntime, type TestRuntime } from '../../helpers/runtime.js';
import { tempDir } from '../../helpers/temp.js';
import { fastestCpuMs } from '../../helpers/timing.js';

const folder = tempDir('mfa-cert-');

/**
 * A key and self-signed certificate made the way an administrator would, with openssl. The RSA key itself
 * comes from node:crypto, which finds large primes several times faster than the openssl command here.
 */
function openssl(bits: number, name: string, options: { passphrase?: string } = {}): { keyPem: string; certPem: string } {
  const key = path.join(folder.dir, `${name}.key`);
  const cert = path.join(folder.dir, `${name}.crt`);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  fs.writeFileSync(key, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  execFileSync('openssl', ['req', '-x509', '-key', key, '-out', cert, '-subj', '/CN=MFA Approver helpdesk', '-days', '30'], { stdio: 'ignore' });
  const keyPem = options.passphrase
    ? String(privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: options.passphrase }))
    : fs.readFileSync(key, 'utf8');
  return { keyPem, certPem: fs.readFileSync(cert, 'utf8') };
}

let t: TestRuntime;
let sim: EntraSimulator;
let rsa2048: { keyPem: string; certPem: string };

beforeAll(async () => {
  rsa2048 = openssl(2048, 'rsa2048');
  sim = await startEntraSimulator({ certificates: [rsa2048.certPem] });
  // The keychain is this machine's; the size limit is the Windows Credential Manager's.
  t = await startTestRuntime({ sandbox: { offered: false }, keychainPlatform: 'win32' });
});
afterAll(async () => {
  await t.close();
  await sim.close();
  folder.cleanup();
});

async function certificateProfile(certPem: string, name: string): Promise<string> {
  const settings = simulatorSettings(sim, { credential: 'certificate', certificatePem: certPem.trim() });
  return ok(await t.call('profiles:save', { kind: 'entra', displayName: name, settings })).id;
}

describe('a 2048-bit key and its certificate', () => {
  it('together are more than the Windows Credential Manager holds', () => {
    const pasted = `${rsa2048.keyPem}${rsa2048.certPem}`;
    expect(Buffer.byteLength(pasted)).toBeGreaterThan(2560);
    expect(Buffer.byteLength(pasted)).toBeGreaterThan(2800);
  });

  it('are saved as the key alone, compact, under 2,560 bytes; the certificate stays in the profile', async () => {
    const id = await certificateProfile(rsa2048.certPem, 'Certificate 2048');
    // Pasted the old way (key and certificate together): only the key is kept.
    expect(ok(await t.call('profiles:setSecret', { id, secret: `${rsa2048.keyPem}\n${rsa2048.certPem}` }))).toEqual({ secret: 'set' });
    const stored = (await t.secrets.get(secretAccount(id)))!;
    expect(Buffer.byteLength(stored)).toBeLessThanOrEqual(2560);
    expect(stored).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(stored).not.toContain('CERTIFICATE');
    const profile = ok(await t.call('profiles:list', {})).find((p) => p.id === id)!;
    expect(profile.settings).toMatchObject({ credential: 'certificate', certificatePem: rsa2048.certPem.trim() });
    expect(profile.secret).toBe('set');
  });

  it('sign in: the assertion is signed with the stored key and names the profile’s certificate', async () => {
    const id = await certificateProfile(rsa2048.certPem, 'Certificate sign-in');
    ok(await t.call('profiles:setSecret', { id, secret: rsa2048.keyPem }));
    expect(ok(await t.call('profiles:testConnection', { id }))).toMatchObject({ ok: true });
    expect(sim.counts().tokenRequests).toBeGreaterThan(0);
  });
});

describe('refused at save time, with the reason, and nothing stored', () => {
  it('a key too large for the Windows Credential Manager', async () => {
    const big = openssl(4096, 'rsa4096');
    const id = await certificateProfile(big.certPem, 'Certificate 4096');
    const answer = await t.call('profiles:setSecret', { id, secret: big.keyPem });
    expect(answer).toEqual({
      ok: false,
      code: 'bad_request',
      message: expect.stringMatching(/^secret: is 3,\d{3} bytes as stored, and the Windows Credential Manager holds at most 2,560 bytes per entry\. Nothing was saved\.$/),
    });
    expect(await t.secrets.get(secretAccount(id))).toBeNull();
  });

  it('an encrypted key, a key of another certificate, a certificate alone, and a profile without a certificate', async () => {
    const encrypted = openssl(2048, 'encrypted', { passphrase: 'secret-pass' });
    const other = openssl(2048, 'other');
    const id = await certificateProfile(rsa2048.certPem, 'Certificate refusals');
    const cases: [string, RegExp][] = [
      [encrypted.keyPem, /^secret: is an encrypted private key/],
      [other.keyPem, /^secret: does not belong to the certificate saved in this profile$/],
      [rsa2048.certPem, /^secret: must contain exactly one PEM private key/],
      ['-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----', /^secret: could not be read as a private key$/],
    ];
    for (const [secret, message] of cases) {
      expect(await t.call('profiles:setSecret', { id, secret })).toEqual({ ok: false, code: 'bad_request', message: expect.stringMatching(message) });
    }
    const settings = simulatorSettings(sim, { credential: 'certificate' });
    const bare = ok(await t.call('profiles:save', { kind: 'entra', displayName: 'No certificate', settings })).id;
    expect(await t.call('profiles:setSecret', { id: bare, secret: rsa2048.keyPem })).toMatchObject({ ok: false, message: expect.stringMatching(/^secret: needs the profile’s certificate first/) });
    expect(await t.secrets.get(secretAccount(id))).toBeNull();
    expect(await t.secrets.get(secretAccount(bare))).toBeNull();
  });

  it('a client secret over the limit', async () => {
    const id = ok(await t.call('profiles:save', { kind: 'entra', displayName: 'Long secret', settings: simulatorSettings(sim) })).id;
    expect(await t.call('profiles:setSecret', { id, secret: 'é'.repeat(1300) })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^secret: is 2,600 bytes as stored/),
    });
  });
});

describe('the certificate setting', () => {
  it('accepts one PEM certificate and nothing else, in linear time', async () => {
    expect(isCertificatePem(rsa2048.certPem.trim())).toBe(true);
    expect(isCertificatePem(`${rsa2048.certPem}${rsa2048.certPem}`.trim())).toBe(false);
    expect(isCertificatePem(rsa2048.keyPem.trim())).toBe(false);
    expect(isCertificatePem('-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----')).toBe(false);
    const worst = '-----BEGIN CERTIFICATE-----' + ' \n'.repeat(4000) + '-----END CERTIFICATE----';
    expect(isCertificatePem(worst)).toBe(false);
    expect(await fastestCpuMs(() => isCertificatePem(worst))).toBeLessThan(5);
  });

  it('is parsed in main when the profile is saved', async () => {
    const base = simulatorSettings(sim, { credential: 'certificate' });
    // Shaped like a certificate (five full base64 lines) but truncated DER.
    const lines = rsa2048.certPem.trim().split('\n');
    const garbled = [lines[0], ...lines.slice(1, 6), lines.at(-1)].join('\n');
    const answer = await t.call('profiles:save', { kind: 'entra', displayName: 'Bad certificate', settings: { ...base, certificatePem: garbled } });
    expect(answer).toEqual({ ok: false, code: 'bad_request', message: 'settings.certificatePem: could not be read as an X.509 certificate' });
    expect(checkEntraSettings({ ...base, certificatePem: rsa2048.certPem.trim() }, Date.now() + 60 * 86_400_000)).toMatch(/^settings\.certificatePem: expired on /);
    expect(prepareEntraSecret(base, 'client-secret-not-a-key')).toMatchObject({ ok: false });
    expect(prepareEntraSecret({ ...base, credential: 'secret' }, 'plain secret')).toEqual({ ok: true, secret: 'plain secret' });
  });
});
