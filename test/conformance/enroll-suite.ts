/**
 * The fail-closed conformance suite for enrollment (start → show a QR → confirm with the first code, or
 * cancel): a start shows a QR a phone can use and enrolls nothing; only the right code of that QR enrolls; a
 * wrong code, an expired or cancelled enrollment, and a broken, unreadable or missing provider answer never
 * do; and no secret or code ever appears in what the agent reads. Checks throw on failure, so the suite can
 * be shown to catch a naive provider (enroll-fake.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { EnrollmentConfirmResult, EnrollmentProvider, EnrollmentStart, Subject } from '../../main/providers/types.js';
import { fromBase32, totp } from '../../main/services/totp.js';
import { decodeQr } from '../helpers/qr.js';
import { expectPlainText, withRig as withShared } from './shared.js';

/** A broken provider answer, armed for the start (sign-in, QR) or for the code check. */
export type EnrollFault = 'malformed' | 'http_500' | 'html' | 'oversize' | 'stall';

export interface EnrollRig {
  enrollment: EnrollmentProvider;
  subject: Subject;
  userPassword: string | null;
  /** The clock the provider and the phone share. */
  now(): number;
  /** Moves that clock on. */
  advance(ms: number): void;
  /** Whether the account is enrolled, as the provider's store (or server) holds it. */
  isEnrolled(): Promise<boolean>;
  /** Arms a fault for the next provider answer at `at`; absent for providers that ask no server. */
  arrange?(fault: EnrollFault, at: 'start' | 'confirm'): void;
  close(): Promise<void>;
}

export interface EnrollDriver {
  name: string;
  /** Upper bound for one request in the stall check (the provider's own deadline must end it sooner). */
  stallDeadlineMs: number;
  start(): Promise<EnrollRig>;
}

type Ready = Extract<EnrollmentStart, { kind: 'ready' }> & { secret: Buffer };

const withRig = (driver: EnrollDriver, run: (rig: EnrollRig) => Promise<void>): Promise<void> => withShared(() => driver.start(), run);
const timeout = (): AbortSignal => AbortSignal.timeout(10_000);

function begin(rig: EnrollRig, signal = timeout()): Promise<EnrollmentStart> {
  return rig.enrollment.start({ subject: rig.subject, enrollmentId: randomUUID(), userPassword: rig.userPassword, signal });
}

/** Starts an enrollment and scans its QR as a phone would: an otpauth URI with a Base32 secret. */
async function scan(rig: EnrollRig): Promise<Ready> {
  const started = await begin(rig);
  if (started.kind !== 'ready') throw new Error(`the enrollment did not start: ${started.outcome.code}`);
  expect(started.display.qr, 'the QR is an image').toMatch(/^data:image\/png;base64,/);
  const text = decodeQr(started.display.qr);
  expect(text, 'the QR holds an otpauth URI').toMatch(/^otpauth:\/\/totp\//);
  const secret = fromBase32(new URL(text!).searchParams.get('secret') ?? '');
  expect(secret?.length ?? 0, 'the QR holds a usable secret').toBeGreaterThanOrEqual(10);
  return { ...started, secret: secret! };
}

const phoneCode = (rig: EnrollRig, ready: Ready): string => totp(ready.secret, rig.now());
const wrongCode = (code: string): string => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** Every text the agent may read of a start or a confirmation. */
function textsOf(result: EnrollmentStart | EnrollmentConfirmResult): string[] {
  if (result.kind === 'retry') return [result.message, result.detail ?? ''];
  const { title, message, nextSteps, detail } = 'outcome' in result ? result.outcome : { title: '', message: '', nextSteps: null, detail: null };
  const display = result.kind === 'ready' ? [result.display.accountLabel, ...result.display.notices, ...result.display.facts.flatMap((f) => [f.label, f.value])] : [];
  return [title, message, nextSteps ?? '', detail ?? '', ...display];
}

/** No secret (in any spelling) and no code read back appears in the texts. */
function expectNoSecret(texts: readonly string[], ready: Ready, codes: readonly string[], label: string): void {
  const base32 = new URL(decodeQr(ready.display.qr)!).searchParams.get('secret')!.toUpperCase();
  const forms = [base32, ready.secret.toString('hex'), ready.secret.toString('base64'), ...codes];
  for (const text of texts) for (const form of forms) expect(text.toUpperCase().includes(form.toUpperCase()), `${label}: a secret or code in "${text}"`).toBe(false);
}

/** The outcome words the agent reads: plain. */
function expectPlain(result: EnrollmentStart | EnrollmentConfirmResult, label: string): void {
  if (result.kind === 'retry') return expectPlainText([result.message], label);
  if ('outcome' in result) expectPlainText([result.outcome.title, result.outcome.message, result.outcome.nextSteps], label);
}

async function expectNotEnrolled(rig: EnrollRig, result: EnrollmentConfirmResult | EnrollmentStart, label: string): Promise<void> {
  const status = 'outcome' in result ? result.outcome.status : result.kind;
  expect(status, `${label} must never enroll`).not.toBe('enrolled');
  expect(await rig.isEnrolled(), `${label}: nothing stored as enrolled`).toBe(false);
  expectPlain(result, label);
}

export const enrollChecks: Record<string, (driver: EnrollDriver) => Promise<void>> = {
  'a start shows a QR a phone can use, and enrolls nothing before a code': (driver) =>
    withRig(driver, async (rig) => {
      const ready = await scan(rig);
      expect(ready.display.expiresAt, 'the enrollment ends by itself').toBeGreaterThan(rig.now());
      expect(await rig.isEnrolled()).toBe(false);
      expectNoSecret(textsOf(ready), ready, [], 'start');
    }),
  'the right code from the QR enrolls, and no secret or code is in the outcome': (driver) =>
    withRig(driver, async (rig) => {
      const ready = await scan(rig);
      const code = phoneCode(rig, ready);
      const result = await ready.session.confirm(code, timeout());
      expect(result).toMatchObject({ kind: 'final', outcome: { status: 'enrolled' } });
      expect(await rig.isEnrolled()).toBe(true);
      expectPlain(result, 'enrolled');
      expectNoSecret(textsOf(result), ready, [code], 'enrolled');
    }),
  'a wrong code is refused and enrolls nothing': (driver) =>
    withRig(driver, async (rig) => {
      const ready = await scan(rig);
      const code = wrongCode(phoneCode(rig, ready));
      const result = await ready.session.confirm(code, timeout());
      await expectNotEnrolled(rig, result, 'wrong code');
      expectNoSecret(textsOf(result), ready, [code], 'wrong code');
    }),
  'malformed codes are refused without throwing': (driver) =>
    withRig(driver, async (rig) => {
      const ready = await scan(rig);
      for (const code of ['', '12345', 'abcdef', '1234567', '１２３４５６']) await expectNotEnrolled(rig, await ready.session.confirm(code, timeout()), `code "${code}"`);
    }),
  'a cancelled enrollment cannot be confirmed, not even with the right code': (driver) =>
    withRig(driver, async (rig) => {
      const ready = await scan(rig);
      await ready.session.cancel();
      await expectNotEnrolled(rig, await ready.session.confirm(phoneCode(rig, ready), timeout()), 'cancelled');
    }),
  'an expired enrollment cannot be confirmed, not even with the right code': (driver) =>
    withRig(driver, async (rig) => {
      const ready = await scan(rig);
      rig.advance(ready.display.expiresAt - rig.now() + 60_000);
      await expectNotEnrolled(rig, await ready.session.confirm(phoneCode(rig, ready), timeout()), 'expired');
    }),
};

/** A check: a broken answer at `at` ends as a clear error (final, plain), never as enrolled. */
function brokenAnswer(fault: EnrollFault, at: 'start' | 'confirm') {
  return (driver: EnrollDriver): Promise<void> =>
    withRig(driver, async (rig) => {
      let started = Date.now();
      if (at === 'start') {
        rig.arrange!(fault, 'start');
        const result = await begin(rig, AbortSignal.timeout(driver.stallDeadlineMs * 3));
        expect(result.kind, `${fault} at start shows no QR`).toBe('final');
        await expectNotEnrolled(rig, result, `${fault} at start`);
      } else {
        const ready = await scan(rig);
        rig.arrange!(fault, 'confirm');
        started = Date.now();
        const result = await ready.session.confirm(phoneCode(rig, ready), AbortSignal.timeout(driver.stallDeadlineMs * 3));
        expect(result.kind, `${fault} at the code check is final`).toBe('final');
        await expectNotEnrolled(rig, result, `${fault} at the code check`);
      }
      expect(Date.now() - started, `${fault} ends within the deadline`).toBeLessThan(driver.stallDeadlineMs * 2);
    });
}

/** The checks of providers that ask a server: its broken answers, at start and at the code check. */
export const enrollFaultChecks: Record<string, (driver: EnrollDriver) => Promise<void>> = Object.fromEntries(
  (['malformed', 'http_500', 'html', 'oversize', 'stall'] as const).flatMap((fault) => [
    [`a broken answer (${fault}) at start is a clear error, never enrolled`, brokenAnswer(fault, 'start')],
    [`a broken answer (${fault}) at the code check is a clear error, never enrolled`, brokenAnswer(fault, 'confirm')],
  ]),
);
