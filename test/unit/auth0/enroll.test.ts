/**
 * Enrollment of a first authenticator through /mfa/associate: OTP (the QR code read back as a phone camera
 * would, its code confirming the enrollment with the mfa-otp grant), Guardian push (the enrollment QR scanned,
 * confirmed by polling) and SMS (confirmed with the texted code). The first enrollment brings a recovery code;
 * an approver who already has a factor cannot enroll another one here.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EnrollResult } from '../../../main/providers/step-up.js';
import { qrPngDataUrl } from '../../../main/services/qr.js';
import { fromBase32, totp } from '../../../main/services/totp.js';
import { decodeQr } from '../../helpers/qr.js';
import { ALICE, codeOf, ERIN, mfaSession, signal, startRig, type Auth0Rig } from './helpers.js';

function started(result: EnrollResult): Extract<EnrollResult, { kind: 'started' }> {
  if (result.kind !== 'started') throw new Error(`enrollment not started: ${JSON.stringify(result)}`);
  return result;
}

describe('Auth0 enrollment of a first authenticator', () => {
  let rig: Auth0Rig;
  beforeEach(async () => {
    rig = await startRig();
  });
  afterEach(async () => rig.close());

  it('OTP: the QR code holds an otpauth URI; a code from that secret confirms it; then it is listed with a recovery code', async () => {
    const { session } = await mfaSession(rig, ERIN);
    const enrollment = started(await rig.stepUp.enroll(session, { kind: 'otp' }, signal()));
    expect(enrollment.recoveryCode).toMatch(/^[A-Z0-9]{24}$/);
    const scanned = decodeQr(await qrPngDataUrl(enrollment.qrText!));
    const uri = new URL(scanned!);
    expect(uri.protocol).toBe('otpauth:');
    const secret = fromBase32(uri.searchParams.get('secret')!)!;
    expect(uri.searchParams.get('secret')).toBe(enrollment.setupKey);
    const wrong = await rig.stepUp.submitCode(session, enrollment.challenge, '000000', signal());
    expect(codeOf(wrong)).toBe('invalid_otp');
    const confirmed = await rig.stepUp.submitCode(session, enrollment.challenge, totp(secret, rig.clock.now()), signal());
    expect(confirmed).toMatchObject({ kind: 'verified', factor: 'otp', approver: { subject: rig.sim.user(ERIN)!.sub } });
    const after = await mfaSession(rig, ERIN);
    expect(after.authenticators.map((a) => a.factor).sort()).toEqual(['otp', 'recovery-code']);
  });

  it('push: the enrollment QR names the transaction; once Guardian scans it, polling confirms it', async () => {
    const { session } = await mfaSession(rig, ERIN);
    const enrollment = started(await rig.stepUp.enroll(session, { kind: 'push' }, signal()));
    expect(enrollment.setupKey).toBeNull();
    const scanned = new URL(decodeQr(await qrPngDataUrl(enrollment.qrText!))!);
    const txId = scanned.searchParams.get('enrollment_tx_id')!;
    expect(txId).toMatch(/^[A-Za-z0-9_-]+$/);
    const confirmed = await rig.stepUp.waitForPush(session, enrollment.challenge, {
      signal: signal(),
      onPoll: (n) => n === 2 && rig.sim.scanEnrollment(txId),
    });
    expect(confirmed).toMatchObject({ kind: 'verified', factor: 'push' });
    const after = await mfaSession(rig, ERIN);
    expect(after.authenticators.map((a) => a.factor).sort()).toEqual(['otp', 'push', 'recovery-code']);
  });

  it('SMS: the texted code confirms the new phone number', async () => {
    const { session } = await mfaSession(rig, ERIN);
    const enrollment = started(await rig.stepUp.enroll(session, { kind: 'sms', phoneNumber: '+15555550123' }, signal()));
    expect(enrollment.challenge).toMatchObject({ factor: 'sms', input: 'binding' });
    const texted = rig.sim.lastMessage(ERIN)!.bindingCode!;
    expect((await rig.stepUp.submitCode(session, enrollment.challenge, texted, signal())).kind).toBe('verified');
    const after = await mfaSession(rig, ERIN);
    expect(after.authenticators.find((a) => a.factor === 'sms')?.label).toBe('Text message to XXXXXXX0123');
  });

  it('a phone number not in E.164 form is refused before anything is sent', async () => {
    const { session } = await mfaSession(rig, ERIN);
    const result = await rig.stepUp.enroll(session, { kind: 'sms', phoneNumber: '0555 0123' }, signal());
    expect(codeOf(result)).toBe('invalid_request');
    expect(rig.sim.counts().associations).toBe(0);
  });

  it('an approver who already has a factor cannot enroll another one here', async () => {
    const { session } = await mfaSession(rig, ALICE);
    const result = await rig.stepUp.enroll(session, { kind: 'otp' }, signal());
    expect(result.kind).toBe('failed');
    expect(codeOf(result)).toBe('already_enrolled');
  });
});
