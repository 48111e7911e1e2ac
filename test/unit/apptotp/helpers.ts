/** A rig for the app's own authenticator: provider, memory storage, a hand-set clock and a phone that scanned the QR. */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { apptotpContract } from '../../../contract/providers/apptotp.js';
import { createApptotpProvider } from '../../../main/providers/apptotp/provider.js';
import type { EnrollmentSession, StepResult, Subject, VerificationProvider } from '../../../main/providers/types.js';
import { silentLogger } from '../../../main/services/log.js';
import { createHttpClient } from '../../../main/services/http.js';
import { fromBase32, totp } from '../../../main/services/totp.js';
import { manualClock, memoryAccounts, type ManualClock, type MemoryAccounts } from '../../helpers/accounts.js';
import { decodeQr } from '../../helpers/qr.js';

export const ALEX: Subject = { raw: 'Alex@Example.com', canonical: 'alex@example.com' };

export interface AuthenticatorRig {
  provider: VerificationProvider;
  accounts: MemoryAccounts;
  clock: ManualClock;
  /** A new provider instance on the same storage: what a restart of the app looks like. */
  restart(): VerificationProvider;
}

export function authenticatorRig(settings: Partial<{ issuer: string; maxAttempts: number; lockoutMinutes: number }> = {}): AuthenticatorRig {
  const parsed = apptotpContract.settingsSchema.parse({ issuer: 'Contoso IT', ...settings });
  const accounts = memoryAccounts();
  const clock = manualClock();
  const make = (): VerificationProvider =>
    createApptotpProvider(parsed, { http: createHttpClient(), clock, logger: silentLogger, readSecret: async () => null, accounts });
  return { provider: make(), accounts, clock, restart: make };
}

/** What the phone's authenticator app holds after scanning the QR: the secret, read from the image. */
export function scanned(qr: string): { uri: URL; secret: Buffer } {
  const text = decodeQr(qr);
  expect(text).toMatch(/^otpauth:\/\/totp\//);
  const uri = new URL(text!);
  return { uri, secret: fromBase32(uri.searchParams.get('secret')!)! };
}

/** Starts an enrollment and returns the session with the phone that scanned it. */
export async function startEnrolling(rig: AuthenticatorRig, subject = ALEX): Promise<{ session: EnrollmentSession; phone: Buffer; qr: string }> {
  const started = await rig.provider.enrollment!.start({ subject, enrollmentId: randomUUID(), userPassword: null, signal: new AbortController().signal });
  if (started.kind !== 'ready') throw new Error(`expected a QR, got ${started.outcome.code}`);
  return { session: started.session, phone: scanned(started.display.qr).secret, qr: started.display.qr };
}

/** Enrolls `subject` with the phone's current code; returns the phone's secret. */
export async function enroll(rig: AuthenticatorRig, subject = ALEX): Promise<Buffer> {
  const { session, phone } = await startEnrolling(rig, subject);
  const result = await session.confirm(totp(phone, rig.clock.now()), new AbortController().signal);
  expect(result).toMatchObject({ kind: 'final', outcome: { status: 'enrolled' } });
  return phone;
}

/** Starts a code check for `subject` and submits `code` to it. */
export async function check(provider: VerificationProvider, code: string, subject = ALEX): Promise<StepResult> {
  const signal = new AbortController().signal;
  const started = await provider.start({ subject, contextId: randomUUID(), mode: 'otp', signal });
  if (started.kind !== 'challenge') return started;
  return provider.submitCode({ subject, contextId: randomUUID(), challenge: started.challenge, code, signal });
}

export const statusOf = (step: StepResult): string => (step.kind === 'final' ? step.outcome.status : step.kind);
