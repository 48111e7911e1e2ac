/** What the flows of one CIBA provider instance share. */
import type { CibaSettings } from '../../../contract/providers/ciba.js';
import { hostOf } from '../../../contract/urls.js';
import type { OutcomeContext } from '../shared/outcomes.js';
import type { ProviderDeps, ProviderOutcome, ProviderRefs, StepResult } from '../types.js';
import type { JwksCache } from '../shared/jwks.js';
import type { ServerSource } from './server.js';

/** Timing knobs; the defaults suit production, tests and benchmarks shorten them. */
export interface CibaTuning {
  /** Deadline of every single HTTP request (initiate, one poll, discovery, JWKS). */
  requestTimeoutMs: number;
  /** How long discovered endpoints are reused before discovery runs again. */
  metadataMaxAgeMs: number;
  /** How long a fetched JWKS is reused (an unknown key id refetches it sooner). */
  jwksMaxAgeMs: number;
}

export const defaultTuning: CibaTuning = {
  requestTimeoutMs: 30_000,
  metadataMaxAgeMs: 60 * 60_000,
  jwksMaxAgeMs: 10 * 60_000,
};

export interface CibaContext {
  settings: CibaSettings;
  deps: ProviderDeps;
  tuning: CibaTuning;
  server: ServerSource;
  jwks: JwksCache;
  /** How outcomes name the provider: its host, e.g. "your-tenant.eu.auth0.com". */
  providerName: string;
}

/** The name the agent sees for this provider: its host; a loopback address (the sandbox) says nothing to an agent. */
export function providerNameOf(settings: CibaSettings): string {
  const host = hostOf(settings.issuer);
  if (!host || /^(127\.|\[::1\]|localhost)/.test(host)) return 'The identity provider';
  return host;
}

/** Outcome context for a request that may (or may not) have put a push on the phone. */
export function outcomeContext(ctx: CibaContext, pushMayBeOut: boolean): OutcomeContext {
  return { provider: ctx.providerName, pushMayBeOut };
}

export function finalStep(outcome: ProviderOutcome, refs: ProviderRefs): StepResult {
  return { kind: 'final', outcome, refs: { ...refs } };
}
