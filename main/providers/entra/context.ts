/** What the push and OTP flows of one provider instance share. */
import type { EntraSettings } from '../../../contract/providers/entra.js';
import type { Clock } from '../../services/clock.js';
import type { Logger } from '../../services/log.js';
import type { ProviderOutcome, ProviderRefs, StepResult } from '../types.js';
import type { EntraConnectorClient } from './client.js';
import type { EntraEndpoints } from './cloud.js';
import type { BeginResponse } from './schemas.js';
import { datacenterOf } from './affinity.js';

/** Timing knobs; the defaults suit production, tests shorten them. */
export interface EntraProviderOptions {
  /**
   * HTTP timeout of a blocking (SyncCall=true) Begin. Unset in production: the profile's deadline (default
   * 60 s, when the service itself answers PhoneAppNoResponse) applies, so a stalled connector ends as timed
   * out within the deadline the profile shows. Tests and benchmarks shorten it.
   */
  syncBeginTimeoutMs?: number;
  /** HTTP timeout of every other connector call. */
  requestTimeoutMs: number;
  tokenTimeoutMs: number;
  /** Wrong codes tolerated before lockout; the simulator uses the same rule. */
  maxWrongCodes: number;
}

export const defaultProviderOptions: EntraProviderOptions = {
  requestTimeoutMs: 30_000,
  tokenTimeoutMs: 30_000,
  maxWrongCodes: 3,
};

export interface EntraContext {
  settings: EntraSettings;
  endpoints: EntraEndpoints;
  client: EntraConnectorClient;
  clock: Clock;
  logger: Logger;
  options: EntraProviderOptions;
}

/** A final step. */
export function finalStep(outcome: ProviderOutcome, refs: ProviderRefs): StepResult {
  return { kind: 'final', outcome, refs };
}

/** Records the SessionId and datacenter of a Begin answer in `refs`. */
export function addBeginRefs(refs: ProviderRefs, response: BeginResponse): ProviderRefs {
  if (response.sessionId) refs.sessionId = response.sessionId.slice(0, 100);
  const dc = datacenterOf(response.affinityUrl);
  if (dc) refs.datacenter = dc;
  return refs;
}
