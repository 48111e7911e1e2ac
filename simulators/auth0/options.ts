/**
 * Configuration of the simulated Auth0 tenant (providers.md §1.7). Behaviours the reference marks as [GUESS]
 * (statuses, the poll interval, lifetimes of codes) are options, with the default it considers most likely.
 */
import { randomBytes } from 'node:crypto';
import type { ClientRegistration } from '../shared/client-auth.js';
import { defaultUsers } from './fixtures.js';

/** How the simulated phone answers a Guardian push: on the sandbox panel, or scripted. */
export type PushBehaviour = 'interactive' | { action: 'approve' | 'reject'; delayMs?: number };

export type SimFactor = 'otp' | 'push' | 'sms' | 'voice' | 'email' | 'recovery-code';

export interface SimAuthenticator {
  /** Auth0-style id, e.g. totp|dev_…, push|dev_…, sms|dev_…, recovery-code|dev_… */
  id: string;
  factor: SimFactor;
  /** Device name (push) or masked phone number (sms, voice) as Auth0 lists it. */
  name?: string;
  /** OTP secret (otp, and the offline code of a push device). */
  secret?: Buffer;
  /** Recovery code (recovery-code). */
  code?: string;
  active: boolean;
  /** The authenticator whose enrollment created this one (Guardian push brings its offline OTP). */
  enrolledWith?: string;
}

export interface SimUser {
  /** Auth0 user id: the ID token's sub. */
  sub: string;
  /** Sign-in name (an email address). */
  username: string;
  password: string;
  description: string;
  blocked?: boolean;
  authenticators: SimAuthenticator[];
  push?: PushBehaviour;
}

/** The simulator's notion of time, so tests can move it on without waiting. */
export interface SimClock {
  now(): number;
}

export interface Auth0SimulatorOptions extends ClientRegistration {
  /** 0 picks a free port; the server listens on 127.0.0.1 only. */
  port: number;
  /** Database connections the password-realm grant accepts. */
  realms: string[];
  /** "always": every password sign-in answers mfa_required; "never": tokens for the password alone. */
  mfaPolicy: 'always' | 'never';
  /** Challenge types the application may use (Dashboard: the MFA factors enabled for it). */
  enabledChallengeTypes: ('otp' | 'oob')[];
  /** Minimum seconds between two polls of one push (providers.md §1.7 item 4: default 5 [GUESS]). */
  minPollIntervalS: number;
  /** false: polls are never refused as too early (latency benchmarks). */
  enforceInterval: boolean;
  /** mfa_token lifetime: 600 s, not configurable at Auth0 (§1.1). */
  mfaTokenLifetimeS: number;
  /** How long a push or a texted code stays redeemable (§1.5: codes expire after 5 minutes). */
  oobLifetimeS: number;
  /** Failed-code bucket: 10 attempts, one more every 6 minutes (§1.5). */
  bucketSize: number;
  bucketRefillS: number;
  /** Wrong passwords in a row before brute-force protection answers too_many_attempts. */
  maxPasswordFailures: number;
  /** Status of authorization_pending and slow_down answers (not documented; default 400 [GUESS]). */
  pendingStatus: number;
  /** Status of too_many_attempts (not documented; default 429 [GUESS]). */
  tooManyStatus: number;
  idTokenLifetimeS: number;
  /** Longest a `stall` fault holds a request before dropping the connection. */
  stallMaxMs: number;
  defaultPush: PushBehaviour;
  users: SimUser[];
  clock: SimClock;
  /** Sandbox profile the phone prompts belong to. */
  profileId: string;
}

/** Options a running simulator may change. */
export type TunableOptions = Pick<
  Auth0SimulatorOptions,
  'mfaPolicy' | 'enabledChallengeTypes' | 'minPollIntervalS' | 'pendingStatus' | 'tooManyStatus' | 'defaultPush' | 'authMethods'
>;

export const tunableKeys: readonly (keyof TunableOptions)[] = ['mfaPolicy', 'enabledChallengeTypes', 'minPollIntervalS', 'pendingStatus', 'tooManyStatus', 'defaultPush', 'authMethods'];

export const systemSimClock: SimClock = { now: () => Date.now() };

/** Fills in defaults. Users are copied: enrollments change them, and each simulator has its own. */
export function resolveOptions(input: Partial<Auth0SimulatorOptions> = {}): Auth0SimulatorOptions {
  const options: Auth0SimulatorOptions = {
    port: 0,
    clientId: `sim-auth0-${randomBytes(6).toString('hex')}`,
    clientSecret: randomBytes(24).toString('base64url'),
    authMethods: ['client_secret_post', 'client_secret_basic', 'private_key_jwt'],
    clientPublicKeyPem: null,
    clientKeyId: null,
    realms: ['Username-Password-Authentication'],
    mfaPolicy: 'always',
    enabledChallengeTypes: ['otp', 'oob'],
    minPollIntervalS: 5,
    enforceInterval: true,
    mfaTokenLifetimeS: 600,
    oobLifetimeS: 300,
    bucketSize: 10,
    bucketRefillS: 360,
    maxPasswordFailures: 10,
    pendingStatus: 400,
    tooManyStatus: 429,
    idTokenLifetimeS: 36_000,
    stallMaxMs: 30_000,
    defaultPush: 'interactive',
    users: defaultUsers(),
    clock: systemSimClock,
    profileId: '',
    ...input,
  };
  return { ...options, users: options.users.map((user) => ({ ...user, authenticators: user.authenticators.map((a) => ({ ...a })) })) };
}
