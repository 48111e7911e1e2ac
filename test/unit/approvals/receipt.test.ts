/**
 * Signed receipts: the Ed25519 key lives in the OS keychain, a complete release gets a compact JWS that
 * verifies offline with the exported public key (through the library, the CLI and `npm run receipt:verify`),
 * and a tampered, re-signed, foreign or inconsistent receipt is rejected with its reason.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CompactSign, decodeProtectedHeader } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSigningKey, SIGNING_KEY_ACCOUNT } from '../../../main/services/approvals/receipts/signing-key.js';
import { readPublicKey, verifyReceipt } from '../../../main/services/approvals/receipts/verify.js';
import { createKeytarStore } from '../../../main/services/keytar-store.js';
import { ok } from '../../helpers/runtime.js';
import { tempDir } from '../../helpers/temp.js';
import { approveWithOtp, create, startApprovals, type ApprovalsRig } from './helpers.js';

const keychain = `MFA Approver receipt test ${randomUUID()}`;
const secrets = createKeytarStore(keychain);
const files = tempDir('mfa-receipt-');

/** Replaces the payload of a JWS (keeping header and signature): what tampering with a receipt file does. */
function withPayload(jws: string, change: (payload: Record<string, unknown>) => void): string {
  const [header, payload, signature] = jws.split('.');
  const decoded = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
  change(decoded);
  return `${header}.${Buffer.from(JSON.stringify(decoded)).toString('base64url')}.${signature}`;
}

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, MFA_KEYCHAIN_SERVICE: keychain }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('signed receipts', () => {
  let rig: ApprovalsRig;
  let jws: string;
  let receiptFile: string;
  let keyFile: string;

  beforeAll(async () => {
    // The runtime's keychain service is known, so the CLI can find the same key without --key.
    rig = await startApprovals({ secrets, keepData: true });
    const r = await create(rig, { amount: '25000' });
    await approveWithOtp(rig, r, 'alice@example.com');
    const done = await approveWithOtp(rig, r, 'bob@example.com');
    jws = ok(await rig.rt.call('approvals:receipt', { id: done.receiptId! })).jws;
    receiptFile = ok(await rig.rt.call('approvals:exportReceipt', { id: done.receiptId! })).path!;
    keyFile = ok(await rig.rt.call('approvals:exportPublicKey', {})).path!;
  }, 30_000);
  afterAll(async () => {
    await rig.close();
    await secrets.delete(SIGNING_KEY_ACCOUNT);
    fs.rmSync(rig.rt.dataDir, { recursive: true, force: true });
    files.cleanup();
  });

  const key = () => readPublicKey(fs.readFileSync(keyFile, 'utf8'))!;

  it('keeps the signing key in the keychain and names it by its thumbprint', async () => {
    const stored = await secrets.get(SIGNING_KEY_ACCOUNT);
    expect(stored).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const loaded = await loadSigningKey(secrets);
    expect(decodeProtectedHeader(jws)).toEqual({ alg: 'EdDSA', typ: 'mfa-approver-receipt+jwt', kid: loaded.keyId });
    expect(ok(await rig.rt.call('approvals:publicKey', {})).keyId).toBe(loaded.keyId);
    expect(path.dirname(receiptFile)).toBe(path.join(rig.rt.dataDir, 'exports'));
    expect(fs.readFileSync(receiptFile, 'utf8').trim()).toBe(jws);
  });

  it('verifies offline: the transaction, both approvers by subject and factor, the times and the expiry', async () => {
    const check = await verifyReceipt(jws, key(), Date.now());
    if (!check.ok) throw new Error(check.reason);
    expect(check.expired).toBe(false);
    expect(check.receipt.txn.fields).toMatchObject({ reference: 'PAY-2026-0042', amount: '25000.00', currency: 'EUR' });
    expect(check.receipt.approvers.map((a) => [a.sub, a.factor])).toEqual([
      [rig.sim.user('alice@example.com')!.sub, 'otp'],
      [rig.sim.user('bob@example.com')!.sub, 'otp'],
    ]);
    expect(check.receipt.exp - check.receipt.iat).toBe(30 * 60);
    const later = await verifyReceipt(jws, key(), (check.receipt.exp + 1) * 1000);
    expect(later).toMatchObject({ ok: true, expired: true });
  });

  it.each([
    ['a changed amount', (p: Record<string, unknown>) => ((p.txn as { fields: { amount: string } }).fields.amount = '250000.00')],
    ['a removed approver', (p: Record<string, unknown>) => (p.approvers = (p.approvers as unknown[]).slice(0, 1))],
    ['a later expiry', (p: Record<string, unknown>) => (p.exp = (p.exp as number) + 86_400)],
  ])('rejects a receipt with %s: the signature does not match', async (_name, change) => {
    expect(await verifyReceipt(withPayload(jws, change), key(), Date.now())).toEqual({ ok: false, reason: 'the signature does not match: the receipt was changed after it was signed' });
  });

  it('rejects a receipt signed by another key, with the key named', async () => {
    const other = generateKeyPairSync('ed25519').publicKey;
    expect(await verifyReceipt(jws, other, Date.now())).toMatchObject({ ok: false, reason: expect.stringMatching(/^signed by another key: the receipt names key /) });
  });

  it('rejects an inconsistent receipt even when signed with the right key: hash, duplicate approver, too few approvers', async () => {
    const signing = await loadSigningKey(secrets);
    const payload = JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const sign = (p: Record<string, unknown>) =>
      new CompactSign(new TextEncoder().encode(JSON.stringify(p))).setProtectedHeader({ alg: 'EdDSA', typ: 'mfa-approver-receipt+jwt', kid: signing.keyId }).sign(signing.privateKey);
    const fields = (payload.txn as { fields: Record<string, unknown> }).fields;
    const approvers = payload.approvers as unknown[];
    const cases: [Record<string, unknown>, string][] = [
      [{ ...payload, txn: { ...(payload.txn as object), fields: { ...fields, beneficiary: 'Mallory Ltd' } } }, 'the transaction hash does not match the transaction in the receipt'],
      [{ ...payload, approvers: [approvers[0], approvers[0]] }, 'the same approver appears twice'],
      [{ ...payload, approvers: [approvers[0]] }, 'fewer approvers (1) than required (2)'],
      [{ ...payload, extra: 'x' }, 'the signed content is not a receipt (payload: Unrecognized key: "extra")'],
    ];
    for (const [forged, reason] of cases) expect(await verifyReceipt(await sign(forged), key(), Date.now())).toEqual({ ok: false, reason });
  });

  it.each([
    ['not a JWS', 'hello', 'not a receipt: a compact JWS is three base64url parts separated by dots'],
    ['an unsigned header', `${Buffer.from('{"alg":"none"}').toString('base64url')}.e30.`, 'not a receipt: a compact JWS is three base64url parts separated by dots'],
    ['another algorithm', `${Buffer.from('{"alg":"HS256","typ":"mfa-approver-receipt+jwt","kid":"k"}').toString('base64url')}.e30.c2ln`, expect.stringMatching(/^wrong header \(alg: /)],
  ])('rejects %s', async (_name, text, reason) => {
    expect(await verifyReceipt(text, key(), Date.now())).toEqual({ ok: false, reason });
  });

  it('the CLI verifies the exported receipt with the exported key, and rejects a tampered copy with the reason', async () => {
    const cli = path.resolve('dist/cli/cli.cjs');
    const valid = await run(process.execPath, [cli, 'receipt', 'verify', receiptFile, '--key', keyFile]);
    expect(valid.code).toBe(0);
    expect(valid.stdout).toMatch(/^VALID: receipt /);
    expect(valid.stdout).toMatch(/Approved by 2 of 2 required/);
    const tampered = path.join(files.dir, 'tampered.jws');
    fs.writeFileSync(tampered, withPayload(jws, (p) => ((p.txn as { fields: { amount: string } }).fields.amount = '1.00')));
    const rejected = await run(process.execPath, [cli, 'receipt', 'verify', tampered, '--key', keyFile, '--json']);
    expect(rejected.code).toBe(1);
    expect(JSON.parse(rejected.stdout)).toMatchObject({ valid: false, reason: 'the signature does not match: the receipt was changed after it was signed' });
    const missing = await run(process.execPath, [cli, 'receipt', 'verify', path.join(files.dir, 'nope.jws'), '--key', keyFile]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/the receipt file cannot be read \(ENOENT\)/);
    expect((await run(process.execPath, [cli, 'receipt', 'verify'])).code).toBe(64);
  });

  it('without --key the CLI uses the public key of this installation, from its keychain', async () => {
    const result = await run(process.execPath, [path.resolve('dist/cli/cli.cjs'), '--data-dir', rig.rt.dataDir, 'receipt', 'verify', receiptFile]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^VALID: receipt /);
  });

  it('npm run receipt:verify checks a receipt offline', async () => {
    const result = await run('npm', ['run', '--silent', 'receipt:verify', '--', receiptFile, '--key', keyFile]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^VALID: receipt /);
  }, 30_000);
});
