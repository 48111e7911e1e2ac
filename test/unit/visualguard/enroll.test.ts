/** VisualGuard enrollment against the simulator: QR by image and by bytes, the code read back, and every account state. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visualguardContract } from '../../../contract/providers/visualguard.js';
import { createVisualguardProvider } from '../../../main/providers/visualguard/provider.js';
import { systemClock } from '../../../main/services/clock.js';
import { silentLogger } from '../../../main/services/log.js';
import { fromBase32, totp } from '../../../main/services/totp.js';
import { simulatorSettings } from '../../../simulators/visualguard/settings.js';
import { SIM_PASSWORD } from '../../../simulators/visualguard/fixtures.js';
import { decodeQr } from '../../helpers/qr.js';
import { enrollStart, vgRig, type VgRig } from './helpers.js';

const signal = (): AbortSignal => AbortSignal.timeout(10_000);
let rig: VgRig;
let bytesRig: VgRig;

beforeAll(async () => {
  rig = await vgRig();
  bytesRig = await vgRig({ bytesFormat: 'array' });
});
afterAll(async () => {
  await rig.close();
  await bytesRig.close();
});

/** The phone's code for the QR on screen, as Microsoft Authenticator would compute it. */
function phoneCode(qr: string, offsetMs = 0): string {
  const uri = new URL(decodeQr(qr)!);
  expect(uri.protocol).toBe('otpauth:');
  expect(uri.searchParams.get('algorithm') ?? 'SHA1').toBe('SHA1');
  return totp(fromBase32(uri.searchParams.get('secret')!)!, Date.now() + offsetMs);
}

describe('VisualGuard enrollment', () => {
  it.each([
    ['image', () => rig, 'jdoe'],
    ['bytes (Base64 text)', () => rig, 'asmith'],
    ['bytes (number array)', () => bytesRig, 'jdoe'],
  ] as const)('QR by %s, a wrong code, then the right one enrolls', async (mode, which, user) => {
    const current = which();
    const provider = current.provider({ qrMode: mode === 'image' ? 'image' : 'bytes' });
    const started = await enrollStart(provider, user);
    expect(started.kind).toBe('ready');
    if (started.kind !== 'ready') return;
    expect(started.display.qr).toMatch(/^data:image\/png;base64,/);
    expect(started.session.setupKey()).toBeNull();
    expect(started.display.accountLabel).toBe(user);
    expect(started.display.notices).toContain('VisualGuard requires this account to enroll an MFA method.');
    const methods = started.display.facts.find((f) => f.label === 'MFA methods on file')?.value ?? '';
    expect(methods).toContain(`Email Link to ${user[0]}***@e***.com`);
    expect(methods).not.toContain('@example.com');
    expect(started.display.facts).toContainEqual({ label: 'Methods offered for enrollment', value: 'SMS, MicrosoftAuthenticator' });

    const right = phoneCode(started.display.qr);
    const wrong = right === '000000' ? '111111' : '000000';
    expect(await started.session.confirm(wrong, signal())).toMatchObject({ kind: 'retry', attemptsLeft: 4 });
    expect(await started.session.confirm(phoneCode(started.display.qr), signal())).toMatchObject({ kind: 'final', outcome: { status: 'enrolled' } });
    expect(current.sim.user(user)?.kind).toBe('enrolled');
    expect(current.sim.counts()[mode === 'image' ? 'qrImage' : 'qrBytes']).toBeGreaterThan(0);

    // Enrolled now: VisualGuard offers no second enrollment.
    expect(await enrollStart(provider, user)).toMatchObject({ kind: 'final', outcome: { code: 'already_enrolled' } });
    current.sim.user(user)!.kind = 'needs_enrollment';
  });

  it('signs in with the user’s password for VGUser; a wrong one is refused with the flag’s words', async () => {
    const provider = rig.provider({ authenticationModule: 'VGUser' });
    const refused = await enrollStart(provider, 'jdoe', 'not-the-password');
    expect(refused).toMatchObject({ kind: 'final', outcome: { status: 'failed', code: 'credential_invalid' } });
    expect(refused.kind === 'final' && refused.outcome.message).toMatch(/did not accept the user name or password/);
    expect((await enrollStart(provider, 'jdoe', SIM_PASSWORD)).kind).toBe('ready');
    // A password module without a password sends nothing.
    const before = rig.sim.counts().token;
    expect(await enrollStart(provider, 'jdoe')).toMatchObject({ kind: 'final', outcome: { code: 'password_expected' } });
    expect(rig.sim.counts().token).toBe(before);
  });

  it.each([
    ['nobody.here', 'failed', 'user_not_found', /no user with this name/],
    ['locked.user', 'locked_out', 'account_locked_out', /locked out after too many failed sign-ins/],
    ['disabled.user', 'failed', 'account_disabled', /disabled/],
    ['expired.user', 'failed', 'password_expired', /password has expired/],
    ['sms.only', 'failed', 'authenticator_not_offered', /not Microsoft Authenticator/],
    ['enrolled.user', 'failed', 'already_enrolled', /already has Microsoft Authenticator/],
  ])('%s: %s (%s), with a plain message', async (user, status, code, message) => {
    const started = await enrollStart(rig.provider(), user);
    expect(started).toMatchObject({ kind: 'final', outcome: { status, code } });
    if (started.kind !== 'final') return;
    expect(started.outcome.message).toMatch(message);
    expect(started.outcome.nextSteps).toBeTruthy();
    if (user === 'expired.user') expect(started.notices).toContain('The user must change their password at their next sign-in.');
    if (user === 'sms.only') expect(started.facts).toContainEqual({ label: 'Methods offered for enrollment', value: 'SMS, Email' });
  });

  it('validation: an expired request, a lock-out at VisualGuard, and an answer without a verdict all end it, never enrolled', async () => {
    const short = await vgRig({ requestLifetimeMs: 50, lockAfter: 2 });
    try {
      const expiring = await enrollStart(short.provider(), 'jdoe');
      if (expiring.kind !== 'ready') throw new Error('expected a QR');
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(await expiring.session.confirm(phoneCode(expiring.display.qr), signal())).toMatchObject({ kind: 'final', outcome: { status: 'expired', code: 'request_expired' } });
    } finally {
      await short.close();
    }
    const locking = await vgRig({ lockAfter: 2 });
    try {
      const started = await enrollStart(locking.provider(), 'jdoe');
      if (started.kind !== 'ready') throw new Error('expected a QR');
      const wrong = phoneCode(started.display.qr) === '000000' ? '111111' : '000000';
      expect((await started.session.confirm(wrong, signal())).kind).toBe('retry');
      expect(await started.session.confirm(wrong, signal())).toMatchObject({ kind: 'final', outcome: { status: 'locked_out', code: 'account_locked_out' } });
      locking.sim.user('jdoe')!.kind = 'needs_enrollment';
      const again = await enrollStart(locking.provider(), 'jdoe');
      if (again.kind !== 'ready') throw new Error('expected a QR');
      locking.sim.setFault('validate_no_verdict');
      expect(await again.session.confirm(phoneCode(again.display.qr), signal())).toMatchObject({ kind: 'final', outcome: { status: 'failed', code: 'no_verdict' } });
    } finally {
      await locking.close();
    }
  });

  it('custom routes with the code sent as a form body or in the query string', async () => {
    for (const validateBody of ['form', 'query'] as const) {
      const started = await enrollStart(rig.provider({ routes: 'custom', validateBody }), 'asmith');
      if (started.kind !== 'ready') throw new Error(`expected a QR, got ${started.outcome.code}`);
      expect(await started.session.confirm(phoneCode(started.display.qr), signal())).toMatchObject({ kind: 'final', outcome: { status: 'enrolled' } });
      rig.sim.user('asmith')!.kind = 'needs_enrollment';
    }
  });

  it('cancel forgets the request: no code is sent afterwards', async () => {
    const started = await enrollStart(rig.provider(), 'jdoe');
    if (started.kind !== 'ready') throw new Error('expected a QR');
    await started.session.cancel();
    const before = rig.sim.counts().validate;
    expect(await started.session.confirm(phoneCode(started.display.qr), signal())).toMatchObject({ kind: 'final', outcome: { code: 'enrollment_closed' } });
    expect(rig.sim.counts().validate).toBe(before);
  });

  it('test connection: accepted client answered for a user that does not exist; a wrong secret is named', async () => {
    expect(await rig.provider().testConnection(signal())).toMatchObject({ ok: true });
    const settings = visualguardContract.settingsSchema.parse(simulatorSettings(rig.sim));
    const wrong = createVisualguardProvider(settings, { http: rig.http, clock: systemClock, logger: silentLogger, readSecret: async () => 'not-the-secret' });
    expect(await wrong.testConnection(signal())).toMatchObject({ ok: false, code: 'invalid_client', fix: expect.stringMatching(/client secret/) });
    const none = createVisualguardProvider(settings, { http: rig.http, clock: systemClock, logger: silentLogger, readSecret: async () => null });
    expect(await none.testConnection(signal())).toMatchObject({ ok: false, code: 'secret_missing' });
  });
});
