/**
 * Simulator configuration. Behaviours providers.md §2 marks as unknown or [GUESS] are options here, with the
 * default the reference considers most likely for Auth0.
 */
import { randomBytes } from 'node:crypto';
import type { SimAuthMethod } from '../shared/client-auth.js';
import { defaultUsers } from './fixtures.js';


/** How the simulated phone answers: shown on the sandbox panel, or scripted. `ignore` lets it expire. */
export type PhoneBehaviour = 'interactive' | { action: 'approve' | 'deny' | 'ignore'; delayMs?: number };

export interface CibaSimUser {
  /** Auth0 user id, e.g. auth0|65f…; the ID token's `sub`. */
  sub: string;
  email: string;
  description: string;
  /** Enrolled in Guardian push; without it the backchannel request is refused. */
  pushDevice: boolean;
  behaviour?: PhoneBehaviour;
}

/** The simulator's notion of time, so tests can move it on without waiting. */
export interface SimClock {
  now(): number;
}

export interface CibaSimulatorOptions {
  /** 0 picks a free port; the server listens on 127.0.0.1 only. */
  port: number;
  clientId: string;
  clientSecret: string;
  /** The client authentication methods the application accepts (Auth0 allows one per application). */
  authMethods: SimAuthMethod[];
  /** PEM public key (SPKI) registered for private_key_jwt, and its key id when it has one. */
  clientPublicKeyPem: string | null;
  clientKeyId: string | null;
  /** `interval` answered by /bc-authorize, in seconds (Auth0: 5); also the minimum time between polls. */
  intervalS: number;
  /** false: polls are never refused as too early (latency benchmarks poll back to back). */
  enforceInterval: boolean;
  /** Seconds added to Retry-After (and to the wait the simulator enforces) after a slow_down; 0 = Auth0's +5 s only. */
  retryAfterExtraS: number;
  /** Upper bound of requested_expiry (Auth0: 300 s; also the default when none is requested). */
  maxExpiryS: number;
  /** true: binding messages follow Auth0's documented rule (no spaces); false: spaces allowed, as SDK mocks send. */
  strictBindingMessage: boolean;
  /** What an expired request answers: Auth0 uses access_denied for both denial and expiry. */
  expiryError: 'access_denied' | 'expired_token';
  /** Error for a login_hint naming nobody ([GUESS] invalid_request). */
  unknownUserError: 'invalid_request' | 'unknown_user_id';
  /** HTTP status of every error answer except invalid_client (401). */
  errorStatus: number;
  /** Lifetime of issued ID tokens, seconds. */
  idTokenLifetimeS: number;
  /** Longest a `stall` fault holds a request before dropping the connection. */
  stallMaxMs: number;
  defaultBehaviour: PhoneBehaviour;
  users: CibaSimUser[];
  clock: SimClock;
  /** Sandbox profile the phone prompts belong to. */
  profileId: string;
}

/** Options a running simulator may change. */
export type TunableOptions = Pick<
  CibaSimulatorOptions,
  'authMethods' | 'intervalS' | 'retryAfterExtraS' | 'maxExpiryS' | 'strictBindingMessage' | 'expiryError' | 'unknownUserError' | 'errorStatus' | 'defaultBehaviour'
>;

export const tunableKeys: readonly (keyof TunableOptions)[] = [
  'authMethods', 'intervalS', 'retryAfterExtraS', 'maxExpiryS', 'strictBindingMessage', 'expiryError', 'unknownUserError', 'errorStatus', 'defaultBehaviour',
];

export const systemSimClock: SimClock = { now: () => Date.now() };

/** Fills in defaults. */
export function resolveOptions(input: Partial<CibaSimulatorOptions> = {}): CibaSimulatorOptions {
  return {
    port: 0,
    clientId: `sim-ciba-${randomBytes(6).toString('hex')}`,
    clientSecret: randomBytes(24).toString('base64url'),
    authMethods: ['client_secret_basic', 'client_secret_post', 'private_key_jwt'],
    clientPublicKeyPem: null,
    clientKeyId: null,
    intervalS: 5,
    enforceInterval: true,
    retryAfterExtraS: 0,
    maxExpiryS: 300,
    strictBindingMessage: true,
    expiryError: 'access_denied',
    unknownUserError: 'invalid_request',
    errorStatus: 400,
    idTokenLifetimeS: 3600,
    stallMaxMs: 30_000,
    defaultBehaviour: 'interactive',
    users: defaultUsers(),
    clock: systemSimClock,
    profileId: '',
    ...input,
  };
}
