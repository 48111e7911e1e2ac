/**
 * The enrollment service on the real runtime (SQLite, OS keychain, sandbox): each step in the audit log,
 * expiry of an unconfirmed enrollment, cancel, one open enrollment per account, and what is refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EnrollmentView } from '../../../contract/domain.js';
import { accountSecretName } from '../../../main/services/db/provider-accounts.js';
import { fromBase32, totp } from '../../../main/services/totp.js';
import { APPTOTP_SANDBOX_PROFILE_ID } from '../../../simulators/apptotp/sandbox.js';
import { VISUALGUARD_SANDBOX_PROFILE_ID } from '../../../simulators/visualguard/sandbox.js';
import { dbFaults } from '../../helpers/db-faults.js';
import { decodeQr } from '../../helpers/qr.js';
import { ok, startTestRuntime, type TestRuntime } from '../../helpers/runtime.js';
import { ENTRA_SANDBOX_PROFILE_ID } from '../../helpers/sandbox.js';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.close();
  rt = null;
});

const input = (profileId: string, subject: string, ticket = 'INC-ENROLL-1') => ({ profileId, subject, reason: 'New phone, user verified in person', ticket });
const phoneOf = (view: EnrollmentView): Buffer => fromBase32(new URL(decodeQr(view.qr!)!).searchParams.get('secret')!)!;
const wrongFor = (code: string): string => (code === '000000' ? '111111' : '000000');

describe('enrollment service', () => {
  it('app authenticator: QR, setup key on request, a wrong code, the right one; every step audited; the secret in the keychain', async () => {
    rt = await startTestRuntime();
    const started = ok(await rt.call('enroll:start', input(APPTOTP_SANDBOX_PROFILE_ID, 'Alex@Example.com')));
    expect(started).toMatchObject({ status: 'awaiting_code', sandbox: true, setupKeyAvailable: true, accountLabel: 'MFA Approver Sandbox: Alex@Example.com', attemptsLeft: 5, period: 30, digits: 6 });
    expect(started.qr).toMatch(/^data:image\/png;base64,/);
    const phone = phoneOf(started);
    const { setupKey } = ok(await rt.call('enroll:setupKey', { enrollmentId: started.id }));
    expect(fromBase32(setupKey)).toEqual(phone);

    const code = totp(phone, Date.now());
    const retry = ok(await rt.call('enroll:confirm', { enrollmentId: started.id, code: wrongFor(code) }));
    expect(retry).toMatchObject({ status: 'awaiting_code', attemptsLeft: 4, title: 'Code not accepted' });
    const done = ok(await rt.call('enroll:confirm', { enrollmentId: started.id, code: totp(phone, Date.now()) }));
    expect(done).toMatchObject({ status: 'enrolled', qr: null, setupKeyAvailable: false });
    expect(await rt.secrets.get(accountSecretName(APPTOTP_SANDBOX_PROFILE_ID, 'alex@example.com'))).toBe(setupKey.replace(/ /g, ''));

    const rows = ok(await rt.call('audit:list', { search: started.id }));
    const actions = rows.map((r) => `${r.action}:${r.outcome}`).reverse();
    expect(actions).toEqual(['enroll.start:qr_shown', 'enroll.setup_key:shown', 'enroll.confirm:wrong_code', 'enroll.confirm:enrolled']);
    expect(rows.every((r) => r.sandbox && r.ticket === 'INC-ENROLL-1' && r.targetCanonical === 'alex@example.com')).toBe(true);
  });

  it('VisualGuard sandbox: enrolls with the code from its QR; offers no setup key', async () => {
    rt = await startTestRuntime();
    const started = ok(await rt.call('enroll:start', input(VISUALGUARD_SANDBOX_PROFILE_ID, 'jdoe')));
    expect(started).toMatchObject({ status: 'awaiting_code', setupKeyAvailable: false, accountLabel: 'jdoe' });
    expect(started.facts.map((f) => f.label)).toContain('MFA methods on file');
    expect(await rt.call('enroll:setupKey', { enrollmentId: started.id })).toMatchObject({ ok: false, code: 'bad_request' });
    const done = ok(await rt.call('enroll:confirm', { enrollmentId: started.id, code: totp(phoneOf(started), Date.now()) }));
    expect(done).toMatchObject({ status: 'enrolled', title: 'Microsoft Authenticator enrolled' });
    const refused = ok(await rt.call('enroll:start', input(VISUALGUARD_SANDBOX_PROFILE_ID, 'locked.user')));
    expect(refused).toMatchObject({ status: 'locked_out', code: 'account_locked_out', qr: null });
    expect(refused.notices).toContain('The account is locked out after too many failed sign-ins.');
  });

  it('an unconfirmed enrollment expires by itself, its QR gone and the expiry audited', async () => {
    rt = await startTestRuntime({ enrollmentLimits: { lifetimeMs: 300 } });
    const started = ok(await rt.call('enroll:start', input(APPTOTP_SANDBOX_PROFILE_ID, 'sam@example.com')));
    await expect.poll(async () => ok(await rt!.call('enroll:list', {}))[0]?.status, { timeout: 5000 }).toBe('expired');
    const [view] = ok(await rt.call('enroll:list', {}));
    expect(view).toMatchObject({ status: 'expired', code: 'enrollment_expired', qr: null });
    expect(await rt.call('enroll:confirm', { enrollmentId: started.id, code: totp(phoneOf(started), Date.now()) })).toMatchObject({ ok: false, code: 'conflict' });
    const rows = ok(await rt.call('audit:list', { search: started.id }));
    expect(rows.map((r) => r.action)).toContain('enroll.expire');
    expect(await rt.secrets.get(accountSecretName(APPTOTP_SANDBOX_PROFILE_ID, 'sam@example.com'))).toBeNull();
  });

  it('cancel ends it; one open enrollment per account; profiles that cannot enroll, and stray passwords, are refused', async () => {
    rt = await startTestRuntime();
    const first = ok(await rt.call('enroll:start', input(APPTOTP_SANDBOX_PROFILE_ID, 'alex@example.com')));
    expect(await rt.call('enroll:start', input(APPTOTP_SANDBOX_PROFILE_ID, 'ALEX@example.com'))).toMatchObject({ ok: false, code: 'conflict' });
    const cancelled = ok(await rt.call('enroll:cancel', { enrollmentId: first.id }));
    expect(cancelled).toMatchObject({ status: 'cancelled', qr: null });
    expect(ok(await rt.call('audit:list', { search: first.id })).map((r) => r.action)).toContain('enroll.cancel');
    expect(await rt.call('enroll:start', input(ENTRA_SANDBOX_PROFILE_ID, 'push@contoso.example'))).toMatchObject({ ok: false, code: 'bad_request', message: expect.stringMatching(/cannot enroll/) });
    expect(await rt.call('enroll:start', { ...input(APPTOTP_SANDBOX_PROFILE_ID, 'sam@example.com'), userPassword: 'x' })).toMatchObject({ ok: false, code: 'bad_request', message: expect.stringMatching(/^userPassword:/) });
    expect(await rt.call('enroll:start', input(APPTOTP_SANDBOX_PROFILE_ID, 'has space'))).toMatchObject({ ok: false, code: 'bad_request', message: expect.stringMatching(/^subject:/) });
  });

  it('holds at most 20 open enrollments at once', async () => {
    rt = await startTestRuntime();
    for (let i = 0; i < 20; i += 1) ok(await rt.call('enroll:start', input(APPTOTP_SANDBOX_PROFILE_ID, `user${i}@example.com`)));
    expect(await rt.call('enroll:start', input(APPTOTP_SANDBOX_PROFILE_ID, 'one.more@example.com'))).toMatchObject({ ok: false, code: 'rate_limited' });
    const [first] = ok(await rt.call('enroll:list', {}));
    ok(await rt.call('enroll:cancel', { enrollmentId: first!.id }));
    expect((await rt.call('enroll:start', input(APPTOTP_SANDBOX_PROFILE_ID, 'one.more@example.com'))).ok).toBe(true);
  });

  it('verifies the enrolled caller by read-back code; a lock-out after wrong codes is its own audit entry', async () => {
    rt = await startTestRuntime();
    const started = ok(await rt.call('enroll:start', input(APPTOTP_SANDBOX_PROFILE_ID, 'alex@example.com')));
    const phone = phoneOf(started);
    ok(await rt.call('enroll:confirm', { enrollmentId: started.id, code: totp(phone, Date.now()) }));
    const verify = { profileId: APPTOTP_SANDBOX_PROFILE_ID, subject: 'alex@example.com', reason: 'Password reset', ticket: 'INC-LOCK-1', mode: 'otp' as const };
    const live = ok(await rt.call('verify:start', verify));
    await expect.poll(async () => ok(await rt!.call('verify:list', {}))[0]?.status, { timeout: 5000 }).toBe('awaiting_code');
    let view = ok(await rt.call('verify:list', {}))[0]!;
    expect(view.otpAttemptsLeft).toBe(5);
    const wrong = wrongFor(totp(phone, Date.now()));
    for (let i = 0; i < 5 && view.status === 'awaiting_code'; i += 1) view = ok(await rt.call('verify:submitCode', { verificationId: live.id, code: wrong }));
    expect(view).toMatchObject({ status: 'locked_out', code: 'too_many_wrong_codes' });
    const rows = ok(await rt.call('audit:list', { search: 'INC-LOCK-1' }));
    expect(rows.filter((r) => r.action === 'verify.lockout')).toHaveLength(1);
    expect(rows.find((r) => r.action === 'verify.lockout')).toMatchObject({ outcome: 'locked_out', targetCanonical: 'alex@example.com' });
  });

  it('removing a profile removes the keychain entries of its enrolled accounts', async () => {
    rt = await startTestRuntime({ sandbox: { offered: false } });
    const profile = ok(await rt.call('profiles:save', { kind: 'apptotp', displayName: 'Helpdesk TOTP', settings: { issuer: 'Contoso IT' } }));
    expect(profile.capabilities).toEqual({ push: false, code: true, methods: false, enrollment: true, stepUp: false });
    expect(await rt.call('profiles:setSecret', { id: profile.id, secret: 'x' })).toMatchObject({ ok: false, code: 'bad_request' });
    const started = ok(await rt.call('enroll:start', input(profile.id, 'kim@contoso.com')));
    ok(await rt.call('enroll:confirm', { enrollmentId: started.id, code: totp(phoneOf(started), Date.now()) }));
    const name = accountSecretName(profile.id, 'kim@contoso.com');
    expect(await rt.secrets.get(name)).not.toBeNull();
    ok(await rt.call('profiles:remove', { id: profile.id }));
    expect(await rt.secrets.get(name)).toBeNull();
  });

  it('a removal that fails half way puts the enrolled accounts back: their secrets and their state', async () => {
    rt = await startTestRuntime({ sandbox: { offered: false } });
    const profile = ok(await rt.call('profiles:save', { kind: 'apptotp', displayName: 'Half remove', settings: { issuer: 'Contoso IT' } }));
    const started = ok(await rt.call('enroll:start', input(profile.id, 'kim@contoso.com')));
    const phone = phoneOf(started);
    ok(await rt.call('enroll:confirm', { enrollmentId: started.id, code: totp(phone, Date.now()) }));
    const name = accountSecretName(profile.id, 'kim@contoso.com');
    const secret = await rt.secrets.get(name);
    const faults = dbFaults(rt.dataDir);
    try {
      faults.fail('profiles', 'DELETE');
      expect(await rt.call('profiles:remove', { id: profile.id })).toMatchObject({ ok: false });
    } finally {
      faults.clear();
      faults.close();
    }
    expect(await rt.secrets.get(name)).toBe(secret);
    // Still enrolled: the code check starts (a wiped state row would answer "no authenticator enrolled").
    const live = ok(await rt.call('verify:start', { profileId: profile.id, subject: 'kim@contoso.com', reason: 'Reset', ticket: 'INC-UNDO', mode: 'otp' }));
    await expect.poll(async () => ok(await rt!.call('verify:list', {})).find((v) => v.id === live.id)?.status, { timeout: 5000 }).toBe('awaiting_code');
  });
});
