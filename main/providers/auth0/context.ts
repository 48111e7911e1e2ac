/** What the step-up calls of one Auth0 profile share: settings, dependencies, timing and the key cache. */
import type { Auth0Settings } from '../../../contract/providers/auth0.js';
import type { JwksCache } from '../shared/jwks.js';
import type { ProviderDeps } from '../types.js';

/** Timing knobs; the defaults suit production, tests and benchmarks shorten them. */
export interface Auth0Tuning {
  /** Deadline of every single HTTP request. */
  requestTimeoutMs: number;
  /** Wait before each push poll: /mfa/challenge names no interval (providers.md §1.5); slow_down adds 5 s. */
  pushIntervalMs: number;
  /** How long a fetched JWKS is reused (an unknown key id refetches it sooner). */
  jwksMaxAgeMs: number;
}

export const defaultTuning: Auth0Tuning = {
  requestTimeoutMs: 30_000,
  pushIntervalMs: 5_000,
  jwksMaxAgeMs: 10 * 60_000,
};

/** Auth0 mfa_tokens expire after 600 s, not configurable (providers.md §1.1). */
export const MFA_TOKEN_LIFETIME_MS = 600_000;

export interface Auth0Context {
  settings: Auth0Settings;
  deps: ProviderDeps;
  tuning: Auth0Tuning;
  jwks: JwksCache;
  /** The tenant as https://host (no final slash). */
  base: string;
  /** The ID token issuer: the tenant with its final slash, as Auth0 writes it. */
  issuer: string;
  /** How messages name the tenant: its host. */
  name: string;
}

/** Builds the context of one profile. */
export function contextFor(settings: Auth0Settings, deps: ProviderDeps, tuning: Auth0Tuning, jwks: JwksCache): Auth0Context {
  const base = settings.domain.replace(/\/+$/, '');
  return { settings, deps, tuning, jwks, base, issuer: `${base}/`, name: new URL(base).host };
}
