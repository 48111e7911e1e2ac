/**
 * The simulated tenant's state: users and their authenticators, mfa_tokens (600 s), out-of-band transactions,
 * the failed-code bucket (10, one back every 6 minutes), brute-force counts, the armed fault and the counts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { TenantKeys } from '../shared/tenant-keys.js';
import { FaultState } from '../shared/fault-state.js';
import { challengeFaults, isChallengeFault, isTokenFault, type Auth0Fault, type BodyFault, type TokenFault } from './faults.js';
import { OobStore } from './oob.js';
import type { Auth0SimulatorOptions, SimUser } from './options.js';

/** Requests answered since start (or the last reset). */
export interface Auth0SimCounts {
  /** Every request to /oauth/token, and per grant. */
  token: number;
  passwordGrants: number;
  otpGrants: number;
  /** mfa-oob grants: push polls and binding codes. */
  oobGrants: number;
  recoveryGrants: number;
  challenges: number;
  authenticators: number;
  associations: number;
  jwks: number;
  /** Push polls that came before the interval (or Retry-After) allowed. A well-behaved client causes none. */
  earlyPolls: number;
  slowDowns: number;
}

export const zeroCounts = (): Auth0SimCounts => ({
  token: 0, passwordGrants: 0, otpGrants: 0, oobGrants: 0, recoveryGrants: 0, challenges: 0, authenticators: 0, associations: 0, jwks: 0, earlyPolls: 0, slowDowns: 0,
});

interface MfaToken {
  sub: string;
  expiresAt: number;
}

/** An authenticator app showing codes on the simulated phone (a pending OTP challenge or enrollment). */
export interface OtpDisplay {
  id: string;
  sub: string;
  username: string;
  secret: Buffer;
  until: number;
  receivedAt: string;
}

export class Auth0SimCore extends FaultState<Exclude<Auth0Fault, 'none' | 'slow_down'>> {
  /** Issuer with its final slash, as Auth0 writes it. */
  issuer = '';
  counts = zeroCounts();
  readonly keys = new TenantKeys();
  readonly oobs: OobStore;
  readonly seenJti = new Set<string>();
  readonly otpDisplays = new Map<string, OtpDisplay>();
  private readonly mfaTokens = new Map<string, MfaToken>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly passwordFailures = new Map<string, number>();
  /** The last time step accepted per OTP authenticator: a code is never accepted twice. */
  readonly usedSteps = new Map<string, number>();

  constructor(readonly options: Auth0SimulatorOptions) {
    super();
    this.oobs = new OobStore(options.clock, () => this.notify());
  }

  now(): number {
    return this.options.clock.now();
  }

  userBySub(sub: string): SimUser | undefined {
    return this.options.users.find((user) => user.sub === sub);
  }

  userByName(username: string): SimUser | undefined {
    const wanted = username.trim().toLowerCase();
    return this.options.users.find((user) => user.username.toLowerCase() === wanted);
  }

  issueMfaToken(sub: string): string {
    const token = `Fe26.2**${randomBytes(32).toString('base64url')}`;
    this.mfaTokens.set(token, { sub, expiresAt: this.now() + this.options.mfaTokenLifetimeS * 1000 });
    return token;
  }

  /** The user of an mfa_token, or why not: unknown (malformed) or expired (after 600 s). */
  readMfaToken(token: string | undefined): { ok: true; user: SimUser } | { ok: false; expired: boolean } {
    const entry = token ? this.mfaTokens.get(token) : undefined;
    if (!entry) return { ok: false, expired: false };
    if (this.now() >= entry.expiresAt) return { ok: false, expired: true };
    const user = this.userBySub(entry.sub);
    return user ? { ok: true, user } : { ok: false, expired: false };
  }

  /** Ends an mfa_token's life now (tests). */
  expireMfaTokens(sub?: string): void {
    for (const entry of this.mfaTokens.values()) if (sub === undefined || entry.sub === sub) entry.expiresAt = this.now();
  }

  /** Attempts left in the user's failed-code bucket, after refilling one per bucketRefillS. */
  attemptsLeft(sub: string): number {
    const { bucketSize, bucketRefillS } = this.options;
    const bucket = this.buckets.get(sub) ?? { tokens: bucketSize, at: this.now() };
    const refills = Math.floor((this.now() - bucket.at) / (bucketRefillS * 1000));
    if (refills > 0) {
      bucket.tokens = Math.min(bucketSize, bucket.tokens + refills);
      bucket.at = bucket.tokens === bucketSize ? this.now() : bucket.at + refills * bucketRefillS * 1000;
    }
    this.buckets.set(sub, bucket);
    return bucket.tokens;
  }

  /** A failed code takes one attempt from the bucket. */
  spendAttempt(sub: string): void {
    const left = this.attemptsLeft(sub);
    const bucket = this.buckets.get(sub)!;
    // The refill clock starts when the bucket first drops below full.
    if (left === this.options.bucketSize) bucket.at = this.now();
    bucket.tokens = Math.max(0, left - 1);
  }

  /** Counts a wrong password; true once brute-force protection blocks the user. */
  passwordFailed(sub: string): boolean {
    const count = (this.passwordFailures.get(sub) ?? 0) + 1;
    this.passwordFailures.set(sub, count);
    return count >= this.options.maxPasswordFailures;
  }

  passwordBlocked(sub: string): boolean {
    return (this.passwordFailures.get(sub) ?? 0) >= this.options.maxPasswordFailures;
  }

  passwordSucceeded(sub: string): void {
    this.passwordFailures.delete(sub);
  }

  /** Shows the user's authenticator app on the simulated phone for 5 minutes. */
  showOtp(user: SimUser, secret: Buffer): void {
    for (const [id, display] of this.otpDisplays) if (display.sub === user.sub) this.otpDisplays.delete(id);
    const id = randomUUID();
    this.otpDisplays.set(id, { id, sub: user.sub, username: user.username, secret, until: this.now() + 300_000, receivedAt: new Date().toISOString() });
    this.notify();
  }

  /** True when `step` of an OTP authenticator was already accepted (replay); records it otherwise. */
  replayed(authenticatorId: string, step: number): boolean {
    const last = this.usedSteps.get(authenticatorId);
    if (last !== undefined && step <= last) return true;
    this.usedSteps.set(authenticatorId, step);
    return false;
  }



  /** The armed fault of the next out-of-band challenge answer, as the body fault it sends. */
  takeChallengeFault(): BodyFault | null {
    const fault = this.takeFault(isChallengeFault);
    return fault ? challengeFaults[fault] : null;
  }

  takeTokenFault(): TokenFault | null {
    return this.takeFault(isTokenFault);
  }




  shutdown(): void {
    this.oobs.shutdown();
    this.clearListeners();
  }
}
