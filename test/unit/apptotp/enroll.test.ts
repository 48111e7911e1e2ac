/** Enrollment in the app's own authenticator: the QR Microsoft Authenticator reads, confirmation by the first code, nothing stored before it. */
import { describe, expect, it } from 'vitest';
import { toBase32, totp } from '../../../main/services/totp.js';
import { ALEX, authenticatorRig, startEnrolling } from './helpers.js';

const signal = new AbortController().signal;

describe('app authenticator enrollment', () => {
  it('shows a QR of an otpauth URI with a 160-bit secret, SHA1, 6 digits, 30 s, issuer in label and parameter', async () => {
    const rig = authenticatorRig();
    const { session, phone } = await startEnrolling(rig);
    expect(phone).toHaveLength(20);
    const started = await rig.provider.enrollment!.start({ subject: ALEX, enrollmentId: 'e', userPassword: null, signal });
    expect(started.kind).toBe('ready');
    if (started.kind !== 'ready') return;
    expect(started.display.accountLabel).toBe('Contoso IT: Alex@Example.com');
    const { decodeQr } = await import('../../helpers/qr.js');
    const uri = new URL(decodeQr(started.display.qr)!);
    expect(decodeURIComponent(uri.pathname)).toBe('/Contoso IT:Alex@Example.com');
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({ issuer: 'Contoso IT', algorithm: 'SHA1', digits: '6', period: '30' });
    expect(uri.searchParams.get('secret')).toMatch(/^[A-Z2-7]{32}$/);
    // Two enrollments never share a secret, and the setup key is the QR's secret.
    expect(session.setupKey()).toBe(toBase32(phone));
    expect(uri.searchParams.get('secret')).not.toBe(toBase32(phone));
  });

  it('stores nothing until the first code matches; then the secret is in the keychain store and the step is used', async () => {
    const rig = authenticatorRig();
    const { session, phone } = await startEnrolling(rig);
    expect(rig.accounts.secrets.size + rig.accounts.states.size).toBe(0);
    const wrong = totp(phone, rig.clock.now()) === '000000' ? '111111' : '000000';
    expect(await session.confirm(wrong, signal)).toMatchObject({ kind: 'retry', attemptsLeft: 4 });
    expect(rig.accounts.secrets.size).toBe(0);
    const done = await session.confirm(totp(phone, rig.clock.now()), signal);
    expect(done).toMatchObject({ kind: 'final', outcome: { status: 'enrolled', code: 'enrolled' } });
    expect(rig.accounts.secrets.get('alex@example.com')).toBe(toBase32(phone));
    const state = JSON.parse(rig.accounts.states.get('alex@example.com')!) as { lastStep: number; failures: number };
    expect(state).toMatchObject({ lastStep: Math.floor(rig.clock.now() / 30_000), failures: 0 });
    expect(session.setupKey()).toBeNull();
  });

  it('accepts a first code from a phone clock one step off, not two', async () => {
    for (const [offset, accepted] of [[-30_000, true], [30_000, true], [-60_000, false], [60_000, false]] as const) {
      const rig = authenticatorRig();
      const { session, phone } = await startEnrolling(rig);
      const result = await session.confirm(totp(phone, rig.clock.now() + offset), signal);
      expect(result.kind === 'final' && result.outcome.status === 'enrolled', `offset ${offset}`).toBe(accepted);
    }
  });

  it('ends after five wrong codes and drops the secret; a cancelled one accepts nothing', async () => {
    const rig = authenticatorRig();
    const { session, phone } = await startEnrolling(rig);
    const right = totp(phone, rig.clock.now());
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i += 1) expect((await session.confirm(wrong, signal)).kind).toBe('retry');
    expect(await session.confirm(wrong, signal)).toMatchObject({ kind: 'final', outcome: { status: 'failed', code: 'too_many_wrong_codes' } });
    expect(await session.confirm(right, signal)).toMatchObject({ kind: 'final', outcome: { status: 'failed', code: 'enrollment_closed' } });

    const second = await startEnrolling(rig);
    await second.session.cancel();
    expect(second.session.setupKey()).toBeNull();
    expect(await second.session.confirm(totp(second.phone, rig.clock.now()), signal)).toMatchObject({ kind: 'final', outcome: { code: 'enrollment_closed' } });
    expect(rig.accounts.secrets.size).toBe(0);
  });

  it('an enrollment past its lifetime accepts not even the right code, and stores nothing', async () => {
    const rig = authenticatorRig();
    const { session, phone } = await startEnrolling(rig);
    rig.clock.advance(10 * 60_000);
    expect(await session.confirm(totp(phone, rig.clock.now()), signal)).toMatchObject({ kind: 'final', outcome: { status: 'expired', code: 'enrollment_expired' } });
    expect(await rig.accounts.getSecret(ALEX.canonical)).toBeNull();
    expect(session.setupKey()).toBeNull();
  });

  it('re-enrolling replaces the old secret only once the new one is confirmed', async () => {
    const rig = authenticatorRig();
    const first = await startEnrolling(rig);
    await first.session.confirm(totp(first.phone, rig.clock.now()), signal);
    const again = await rig.provider.enrollment!.start({ subject: ALEX, enrollmentId: 'e2', userPassword: null, signal });
    expect(again.kind === 'ready' && again.display.notices.join(' ')).toMatch(/already has an authenticator enrolled/);
    expect(rig.accounts.secrets.get('alex@example.com')).toBe(toBase32(first.phone));
  });

  it('refuses an account name the QR label cannot hold', async () => {
    const rig = authenticatorRig();
    const started = await rig.provider.enrollment!.start({ subject: { raw: 'a:b', canonical: 'a:b' }, enrollmentId: 'e', userPassword: null, signal });
    expect(started).toMatchObject({ kind: 'final', outcome: { status: 'failed', code: 'invalid_subject' } });
  });
});
