/**
 * The approver's own step-up through the service: a recovery code and the new one shown exactly once, the
 * texted binding code, a first enrollment (OTP with its QR code and setup key on request, Guardian push
 * confirmed by the phone's scan, SMS) that never approves by itself, and no password, code, token or
 * recovery code in the audit log, the database, the app log or the events.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReleaseView } from '../../../contract/approvals-view.js';
import { fromBase32, totp } from '../../../main/services/totp.js';
import { decodeQr } from '../../helpers/qr.js';
import { ok } from '../../helpers/runtime.js';
import { create, nextUpdate, signIn, startApprovals, type ApprovalsRig } from './helpers.js';

describe('the approver’s step-up', () => {
  let rig: ApprovalsRig;
  const events: unknown[] = [];
  beforeEach(async () => {
    rig = await startApprovals();
    events.length = 0;
    rig.rt.runtime.events.subscribe((event, payload) => events.push({ event, payload }));
  });
  afterEach(async () => rig.close());

  const challenge = async (r: ReleaseView, username: string, factor: string) => {
    const signedIn = await signIn(rig, r, username);
    const authenticator = signedIn.stepUp!.authenticators.find((a) => a.factor === factor)!;
    return ok(await rig.rt.call('approvals:challenge', { stepUpId: signedIn.stepUp!.id, authenticatorId: authenticator.id }));
  };

  it('recovery code: approves, and the new code is handed over exactly once, then confirmed', async () => {
    const r = await create(rig, { amount: '500' });
    const oldCode = rig.sim.user('carol@example.com')!.authenticators.find((a) => a.factor === 'recovery-code')!.code!;
    const waiting = await challenge(r, 'carol@example.com', 'recovery-code');
    expect(waiting.stepUp).toMatchObject({ status: 'awaiting_code', codeKind: 'recovery' });
    const done = ok(await rig.rt.call('approvals:submitCode', { stepUpId: waiting.stepUp!.id, code: oldCode }));
    expect(done).toMatchObject({ status: 'approved', stepUp: { status: 'approved', recoveryCode: 'waiting' } });
    const shown = ok(await rig.rt.call('approvals:takeRecoveryCode', { stepUpId: done.stepUp!.id })).recoveryCode;
    expect(shown).toMatch(/^[A-Z0-9]{24}$/);
    expect(shown).not.toBe(oldCode);
    expect(await rig.rt.call('approvals:takeRecoveryCode', { stepUpId: done.stepUp!.id })).toMatchObject({ ok: false, code: 'not_found' });
    expect(ok(await rig.rt.call('approvals:state', {})).releases[0]!.stepUp?.recoveryCode).toBe('shown');
    expect(ok(await rig.rt.call('approvals:ackRecoveryCode', { stepUpId: done.stepUp!.id })).stepUp?.recoveryCode).toBeNull();
    expect(JSON.stringify(events)).not.toContain(shown);
  });

  it('text message: a wrong code may be retried, the texted one approves', async () => {
    const r = await create(rig, { amount: '500' });
    const waiting = await challenge(r, 'carol@example.com', 'sms');
    expect(waiting.stepUp).toMatchObject({ status: 'awaiting_code', codeKind: 'binding' });
    const texted = rig.sim.lastMessage('carol@example.com')!.bindingCode!;
    const wrong = ok(await rig.rt.call('approvals:submitCode', { stepUpId: waiting.stepUp!.id, code: texted === '000000' ? '111111' : '000000' }));
    expect(wrong.stepUp).toMatchObject({ status: 'awaiting_code', title: 'Code not accepted' });
    expect(ok(await rig.rt.call('approvals:submitCode', { stepUpId: waiting.stepUp!.id, code: texted })).status).toBe('approved');
  });

  it('OTP enrollment: QR drawn in main, setup key on request, confirmed with a code; it approves nothing; then the approver signs in again', async () => {
    const r = await create(rig, { amount: '500' });
    const signedIn = await signIn(rig, r, 'erin@example.com');
    expect(signedIn.stepUp).toMatchObject({ status: 'enroll', title: 'Enrollment needed', authenticators: [] });
    const enrolling = ok(await rig.rt.call('approvals:enroll', { stepUpId: signedIn.stepUp!.id, kind: 'otp' }));
    const enrollment = enrolling.stepUp!.enrollment!;
    expect(enrollment).toMatchObject({ kind: 'otp', setupKeyAvailable: true });
    expect(enrollment.qrPng).toMatch(/^data:image\/png;base64,/);
    const uri = new URL(decodeQr(enrollment.qrPng!)!);
    // The secret crosses to the renderer only inside the image, or as the setup key on request.
    expect(JSON.stringify(enrolling)).not.toContain(uri.searchParams.get('secret')!);
    expect(ok(await rig.rt.call('approvals:setupKey', { stepUpId: signedIn.stepUp!.id })).setupKey).toBe(uri.searchParams.get('secret'));
    const code = totp(fromBase32(uri.searchParams.get('secret')!)!, rig.clock.now());
    const enrolled = ok(await rig.rt.call('approvals:submitCode', { stepUpId: signedIn.stepUp!.id, code }));
    expect(enrolled.stepUp).toMatchObject({ status: 'enrolled', title: 'Second factor enrolled', recoveryCode: 'waiting' });
    expect(enrolled).toMatchObject({ status: 'open', approvals: [] });
    expect(await rig.rt.call('approvals:setupKey', { stepUpId: signedIn.stepUp!.id })).toMatchObject({ ok: false, code: 'not_found' });
    expect(ok(await rig.rt.call('approvals:takeRecoveryCode', { stepUpId: signedIn.stepUp!.id })).recoveryCode).toMatch(/^[A-Z0-9]{24}$/);

    await rig.clock.sleep(30_000);
    const again = await signIn(rig, r, 'erin@example.com');
    const otp = again.stepUp!.authenticators.find((a) => a.factor === 'otp')!;
    const waiting = ok(await rig.rt.call('approvals:challenge', { stepUpId: again.stepUp!.id, authenticatorId: otp.id }));
    expect(waiting.stepUp?.status).toBe('awaiting_code');
    const approved = ok(await rig.rt.call('approvals:submitCode', { stepUpId: again.stepUp!.id, code: totp(fromBase32(uri.searchParams.get('secret')!)!, rig.clock.now()) }));
    expect(approved.status).toBe('approved');
  });

  it('push enrollment: the Guardian QR is scanned on the phone, polling confirms it', async () => {
    const r = await create(rig, { amount: '500' });
    const signedIn = await signIn(rig, r, 'erin@example.com');
    const enrolling = ok(await rig.rt.call('approvals:enroll', { stepUpId: signedIn.stepUp!.id, kind: 'push' }));
    expect(enrolling.stepUp).toMatchObject({ status: 'awaiting_push', enrollment: { kind: 'push', setupKeyAvailable: false } });
    const txId = new URL(decodeQr(enrolling.stepUp!.enrollment!.qrPng!)!).searchParams.get('enrollment_tx_id')!;
    const enrolled = nextUpdate(rig, (v) => v.stepUp?.status === 'enrolled');
    expect(rig.sim.scanEnrollment(txId)).toBe(true);
    expect((await enrolled).approvals).toEqual([]);
  });

  it('SMS enrollment: confirmed with the texted code', async () => {
    const r = await create(rig, { amount: '500' });
    const signedIn = await signIn(rig, r, 'erin@example.com');
    const enrolling = ok(await rig.rt.call('approvals:enroll', { stepUpId: signedIn.stepUp!.id, kind: 'sms', phoneNumber: '+4915112345678' }));
    expect(enrolling.stepUp).toMatchObject({ status: 'awaiting_code', codeKind: 'binding', enrollment: { kind: 'sms', qrPng: null } });
    const texted = rig.sim.lastMessage('erin@example.com')!.bindingCode!;
    expect(ok(await rig.rt.call('approvals:submitCode', { stepUpId: signedIn.stepUp!.id, code: texted })).stepUp?.status).toBe('enrolled');
  });

  it('keeps the password, codes and tokens out of the audit log, the database, the app log and the events', async () => {
    const r = await create(rig, { amount: '500' });
    const password = rig.sim.user('alice@example.com')!.password;
    await rig.rt.call('approvals:signIn', { releaseId: r.id, hash: r.hash, username: 'alice@example.com', password: 'Wrong-Password-123' });
    const signedIn = await signIn(rig, r, 'alice@example.com');
    const otp = signedIn.stepUp!.authenticators.find((a) => a.factor === 'otp')!;
    await rig.rt.call('approvals:challenge', { stepUpId: signedIn.stepUp!.id, authenticatorId: otp.id });
    const code = rig.sim.otpCode('alice@example.com')!;
    expect(ok(await rig.rt.call('approvals:submitCode', { stepUpId: signedIn.stepUp!.id, code })).status).toBe('approved');
    const secrets = [password, 'Wrong-Password-123', code, rig.sim.clientSecret, 'Fe26.2**'];
    const audit = JSON.stringify(ok(await rig.rt.call('audit:list', { limit: 500 })));
    const database = fs.readdirSync(rig.rt.dataDir).filter((f) => f.includes('sqlite')).map((f) => fs.readFileSync(path.join(rig.rt.dataDir, f)).toString('latin1')).join('');
    // The simulated phone (sandbox:changed) shows sandbox passwords and codes by design; the app's own events may not.
    const appEvents = events.filter((e) => !String((e as { event: string }).event).startsWith('sandbox:'));
    const everything = [audit, database, rig.rt.logLines.join('\n'), JSON.stringify(appEvents)];
    for (const text of everything) for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
