/**
 * No TOTP secret (nor a user's password) reaches the app log, the database files, audit entries or any error
 * message: every enrollment and verification path is run with secrets the test knows, then everything the
 * app wrote or answered is searched for them in every spelling.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollmentView, Result } from '../../../contract/domain.js';
import { fromBase32, toBase32, totp } from '../../../main/services/totp.js';
import { APPTOTP_SANDBOX_PROFILE_ID } from '../../../simulators/apptotp/sandbox.js';
import { SIM_PASSWORD } from '../../../simulators/visualguard/fixtures.js';
import { VISUALGUARD_SANDBOX_PROFILE_ID } from '../../../simulators/visualguard/sandbox.js';
import type { VisualguardSimulator } from '../../../simulators/visualguard/simulator.js';
import { decodeQr } from '../../helpers/qr.js';
import { ok, startTestRuntime, type TestRuntime } from '../../helpers/runtime.js';

let rt: TestRuntime;
const secrets: Buffer[] = [];
const answers: Result<unknown>[] = [];

const input = (profileId: string, subject: string, extra: Record<string, string> = {}) => ({ profileId, subject, reason: 'Secret scan', ticket: 'INC-SCAN-1', ...extra });
const call: TestRuntime['call'] = async (channel, payload) => {
  const result = await rt.call(channel, payload);
  answers.push(result as Result<unknown>);
  return result;
};
const phoneOf = (view: EnrollmentView): Buffer => {
  const secret = fromBase32(new URL(decodeQr(view.qr!)!).searchParams.get('secret')!)!;
  secrets.push(Buffer.from(secret));
  return secret;
};
const wrongFor = (code: string): string => (code === '000000' ? '111111' : '000000');

/** Waits (at most 10 s) until `probe` answers true. */
async function until(probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('condition not reached in 10 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  // Long enough for every flow below, short enough to see one enrollment expire by itself at the end.
  rt = await startTestRuntime({ enrollmentLimits: { lifetimeMs: 4000 }, fileLog: true });
  const kim = ok(await call('enroll:start', input(APPTOTP_SANDBOX_PROFILE_ID, 'kim@example.com')));
  phoneOf(kim);
  // The app authenticator: a confirmed enrollment, then verifications that approve, replay and lock out.
  const alex = ok(await call('enroll:start', input(APPTOTP_SANDBOX_PROFILE_ID, 'alex@example.com')));
  const phone = phoneOf(alex);
  ok(await call('enroll:setupKey', { enrollmentId: alex.id }));
  await call('enroll:confirm', { enrollmentId: alex.id, code: wrongFor(totp(phone, Date.now())) });
  const used = totp(phone, Date.now());
  ok(await call('enroll:confirm', { enrollmentId: alex.id, code: used }));
  const verification = ok(await call('verify:start', { ...input(APPTOTP_SANDBOX_PROFILE_ID, 'alex@example.com'), mode: 'otp' }));
  await until(async () => ok(await rt.call('verify:list', {}))[0]?.status === 'awaiting_code');
  await call('verify:submitCode', { verificationId: verification.id, code: used });
  for (let i = 0; i < 5; i += 1) await call('verify:submitCode', { verificationId: verification.id, code: wrongFor(totp(phone, Date.now())) });

  // Enrollments that end without a code: cancelled, expired, and refused calls on them.
  const sam = ok(await call('enroll:start', input(APPTOTP_SANDBOX_PROFILE_ID, 'sam@example.com')));
  phoneOf(sam);
  await call('enroll:cancel', { enrollmentId: sam.id });
  await call('enroll:setupKey', { enrollmentId: sam.id });
  await call('enroll:confirm', { enrollmentId: sam.id, code: '123456' });

  // VisualGuard: a sandbox enrollment, faults on each step, and a password profile with a known password.
  const sim = rt.runtime.sandbox!.backend('visualguard')!.simulator as VisualguardSimulator;
  const jdoe = ok(await call('enroll:start', input(VISUALGUARD_SANDBOX_PROFILE_ID, 'jdoe')));
  const vgPhone = phoneOf(jdoe);
  sim.setFault('malformed_json', 'validate');
  await call('enroll:confirm', { enrollmentId: jdoe.id, code: totp(vgPhone, Date.now()) });
  const asmith = ok(await call('enroll:start', input(VISUALGUARD_SANDBOX_PROFILE_ID, 'asmith')));
  const asmithPhone = phoneOf(asmith);
  await call('enroll:confirm', { enrollmentId: asmith.id, code: wrongFor(totp(asmithPhone, Date.now())) });
  ok(await call('enroll:confirm', { enrollmentId: asmith.id, code: totp(asmithPhone, Date.now()) }));
  const withPassword = ok(await call('profiles:save', { kind: 'visualguard', displayName: 'VG with passwords', settings: { serverUrl: sim.serverUrl, clientId: sim.clientId, authenticationModule: 'VGUser' } }));
  ok(await call('profiles:setSecret', { id: withPassword.id, secret: sim.clientSecret }));
  sim.user('jdoe')!.kind = 'needs_enrollment';
  const signedIn = ok(await call('enroll:start', input(withPassword.id, 'jdoe', { userPassword: SIM_PASSWORD })));
  phoneOf(signedIn);
  await call('enroll:start', input(withPassword.id, 'asmith', { userPassword: 'Wrong-Passw0rd-4711' }));
  await call('sandbox:scan', { uri: `otpauth://totp/X:y?secret=${toBase32(secrets[0]!)}0` });
  await until(async () => ok(await rt.call('enroll:list', {})).find((v) => v.id === kim.id)?.status === 'expired');
}, 60_000);

afterAll(async () => {
  await rt.close();
});

/** Every way a secret could be written down. */
function spellings(secret: Buffer): string[] {
  const base32 = toBase32(secret);
  return [base32, base32.toLowerCase(), base32.match(/.{1,4}/g)!.join(' '), secret.toString('hex'), secret.toString('base64'), secret.toString('base64url')];
}

describe('TOTP secrets and passwords stay out of everything the app writes or answers', () => {
  it('collected the secrets of six enrollments', () => {
    expect(secrets).toHaveLength(6);
    expect(new Set(secrets.map((s) => s.toString('hex'))).size).toBe(6);
  });

  it('not in the app log', () => {
    const log = rt.logLines.join('\n');
    for (const secret of secrets) for (const form of spellings(secret)) expect(log).not.toContain(form);
    expect(log).not.toContain(SIM_PASSWORD);
    expect(log).not.toContain('Wrong-Passw0rd-4711');
  });

  it('not in any file of the data folder: database (WAL included), app log, audit exports', async () => {
    ok(await rt.call('audit:export', { format: 'jsonl' }));
    ok(await rt.call('audit:export', { format: 'csv' }));
    const files = fs.readdirSync(rt.dataDir, { recursive: true, encoding: 'utf8' }).filter((name) => fs.statSync(path.join(rt.dataDir, name)).isFile());
    expect(files.some((name) => name.startsWith('exports'))).toBe(true);
    expect(files.some((name) => name.startsWith('logs'))).toBe(true);
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(rt.dataDir, file));
      for (const secret of secrets) {
        expect(bytes.includes(secret), `raw secret in ${file}`).toBe(false);
        for (const form of spellings(secret)) expect(bytes.includes(Buffer.from(form)), `${file}`).toBe(false);
      }
      expect(bytes.includes(Buffer.from(SIM_PASSWORD)), file).toBe(false);
    }
  });

  it('not in the audit entries', async () => {
    const rows = JSON.stringify(ok(await rt.call('audit:list', { limit: 500 })));
    expect(rows).toContain('enroll.confirm');
    for (const secret of secrets) for (const form of spellings(secret)) expect(rows).not.toContain(form);
    expect(rows).not.toContain(SIM_PASSWORD);
  });

  it('not in any error message, nor in any answer except the one setup key the agent asked for', () => {
    const failures = answers.filter((a) => !a.ok);
    expect(failures.length).toBeGreaterThan(2);
    const text = JSON.stringify(answers.filter((a) => !(a.ok && typeof a.value === 'object' && a.value !== null && 'setupKey' in a.value)));
    for (const secret of secrets) for (const form of spellings(secret)) expect(text).not.toContain(form);
    expect(text).not.toContain(SIM_PASSWORD);
  });
});
