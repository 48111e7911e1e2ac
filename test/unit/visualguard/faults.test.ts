/**
 * Broken and hostile VisualGuard answers at each step (sign-in, QR download, code check): never enrolled,
 * never a crash, always a plain message, with the technical reason kept for the audit entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollmentOutcome } from '../../../main/providers/types.js';
import { fromBase32, totp } from '../../../main/services/totp.js';
import type { VgFault } from '../../../simulators/visualguard/simulator.js';
import { decodeQr } from '../../helpers/qr.js';
import { enrollStart, vgRig, type VgRig } from './helpers.js';

let rig: VgRig;
beforeAll(async () => {
  rig = await vgRig({ stallMaxMs: 2000 });
});
afterAll(async () => {
  await rig.close();
});

function expectPlainFailure(outcome: EnrollmentOutcome, code: string | RegExp): void {
  expect(outcome.status).not.toBe('enrolled');
  expect(outcome.code).toMatch(code);
  expect(outcome.message.length).toBeGreaterThan(20);
  // Plain words on screen: no protocol jargon; the technical part goes to the detail.
  expect(outcome.message).not.toMatch(/HTTP|JSON|VGResponse|stack/i);
}

const signIn: [VgFault, string | RegExp][] = [
  ['http_500', 'http_500'],
  ['html_body', 'malformed_response'],
  ['malformed_json', 'malformed_response'],
  ['oversize_body', 'response_too_large'],
  ['stall', 'timeout'],
  ['invalid_client', 'invalid_client'],
  ['missing_vgresponse', 'malformed_response'],
  ['flag_not_boolean', 'malformed_response'],
  ['wrong_identity', 'subject_mismatch'],
];

describe('VisualGuard faults', () => {
  it.each(signIn)('sign-in answer %s ends as %s', async (fault, code) => {
    rig.sim.setFault(fault);
    const started = await enrollStart(rig.provider({}, { requestTimeoutMs: 400 }), 'jdoe');
    expect(started.kind).toBe('final');
    if (started.kind !== 'final') return;
    expectPlainFailure(started.outcome, code);
    if (fault !== 'stall' && fault !== 'invalid_client' && fault !== 'wrong_identity') expect(started.outcome.detail).toBeTruthy();
    expect(rig.sim.counts().qrImage + rig.sim.counts().qrBytes).toBe(0);
    rig.sim.resetCounts();
  });

  it.each([
    ['image', 'qr_not_image'],
    ['bytes', 'qr_not_image'],
    ['image', 'http_500'],
    ['bytes', 'malformed_json'],
    ['image', 'oversize_body'],
    ['bytes', 'stall'],
  ] as const)('QR download (%s) answering %s shows no QR', async (qrMode, fault) => {
    rig.sim.setFault(fault, 'qr');
    const started = await enrollStart(rig.provider({ qrMode }, { requestTimeoutMs: 400 }), 'jdoe');
    expect(started.kind).toBe('final');
    if (started.kind === 'final') expectPlainFailure(started.outcome, /malformed_response|http_500|response_too_large|timeout/);
    expect(rig.sim.nextFault()).toBe('none');
  });

  it.each([
    ['html_body', 'malformed_response'],
    ['malformed_json', 'malformed_response'],
    ['http_500', 'http_500'],
    ['oversize_body', 'response_too_large'],
    ['validate_expired', 'request_expired'],
    ['validate_no_verdict', 'no_verdict'],
  ] as const)('code check answering %s ends as %s, never enrolled', async (fault, code) => {
    const started = await enrollStart(rig.provider(), 'jdoe');
    if (started.kind !== 'ready') throw new Error('expected a QR');
    const secret = fromBase32(new URL(decodeQr(started.display.qr)!).searchParams.get('secret')!)!;
    rig.sim.setFault(fault);
    const result = await started.session.confirm(totp(secret, Date.now()), AbortSignal.timeout(5000));
    expect(result.kind).toBe('final');
    if (result.kind === 'final') expectPlainFailure(result.outcome, code);
    expect(rig.sim.user('jdoe')?.kind).toBe('needs_enrollment');
  });
});
