/** Shared setup for the CIBA tests: an Auth0-style simulator, a real HTTP client, a virtual clock and providers. */
import { randomUUID } from 'node:crypto';
import type { CibaSettings } from '../../../contract/providers/ciba.js';
import type { CibaTuning } from '../../../main/providers/ciba/context.js';
import { createCibaProvider } from '../../../main/providers/ciba/provider.js';
import type { ProviderOutcome, ProviderProgress, StepResult, VerificationProvider } from '../../../main/providers/types.js';
import { systemClock, type Clock } from '../../../main/services/clock.js';
import { createHttpClient, type HttpClient } from '../../../main/services/http.js';
import { silentLogger } from '../../../main/services/log.js';
import { simulatorSettings } from '../../../simulators/ciba/settings.js';
import { startCibaSimulator, type CibaSimulator, type CibaSimulatorOptions } from '../../../simulators/ciba/simulator.js';

/** A clock whose sleeps move virtual time on at once (after a 1 ms real pause), shared by app and simulator. */
export interface VirtualClock extends Clock {
  /** Virtual milliseconds slept so far. */
  advanced(): number;
}

export function virtualClock(): VirtualClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    sleep: async (ms, signal) => {
      await systemClock.sleep(1, signal);
      offset += ms;
    },
    advanced: () => offset,
  };
}

export const ALICE = 'auth0|65f1a2b3c4d5e6f7a8b9c0d1';
export const BOB = 'auth0|65f1a2b3c4d5e6f7a8b9c0d2';
export const DAVE_NO_DEVICE = 'auth0|65f1a2b3c4d5e6f7a8b9c0d4';

export const testTuning: Partial<CibaTuning> = { requestTimeoutMs: 3000 };

export interface ProviderExtras {
  secret?: string | null;
  clock?: Clock;
  tuning?: Partial<CibaTuning>;
  http?: HttpClient;
}

export interface CibaRig {
  sim: CibaSimulator;
  http: HttpClient;
  clock: VirtualClock;
  settings: CibaSettings;
  provider: VerificationProvider;
  providerWith(patch?: Partial<CibaSettings>, extras?: ProviderExtras): VerificationProvider;
  close(): Promise<void>;
}

/** Starts a simulator on a virtual clock, and a provider for it on the same clock. */
export async function startRig(simOptions: Partial<CibaSimulatorOptions> = {}, patch: Partial<CibaSettings> = {}): Promise<CibaRig> {
  const clock = virtualClock();
  const sim = await startCibaSimulator({ clock, ...simOptions });
  const http = createHttpClient();
  const settings = simulatorSettings(sim, patch);
  const providerWith = (p: Partial<CibaSettings> = {}, x: ProviderExtras = {}): VerificationProvider => {
    const secret = x.secret === undefined ? sim.clientSecret : x.secret;
    const deps = { http: x.http ?? http, clock: x.clock ?? clock, logger: silentLogger, readSecret: () => Promise.resolve(secret) };
    return createCibaProvider({ ...settings, ...p }, deps, { ...testTuning, ...x.tuning });
  };
  return {
    sim,
    http,
    clock,
    settings,
    provider: providerWith(),
    providerWith,
    async close() {
      http.close();
      await sim.close();
    },
  };
}

export interface Run {
  step: StepResult;
  progress: ProviderProgress[];
  refs: Record<string, string>[];
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ProviderProgress) => void;
}

/** Runs one push verification of `subject` (already canonical) and records what it published. */
export async function verify(provider: VerificationProvider, subject: string, options: RunOptions = {}): Promise<Run> {
  const progress: ProviderProgress[] = [];
  const refs: Record<string, string>[] = [];
  const step = await provider.start({
    subject: { raw: subject, canonical: subject },
    contextId: randomUUID(),
    mode: 'push',
    signal: options.signal ?? new AbortController().signal,
    onRefs: (r) => refs.push(r),
    onProgress: (p) => {
      progress.push(p);
      options.onProgress?.(p);
    },
  });
  return { step, progress, refs };
}

/** The final outcome of a step; fails the test otherwise. */
export function outcomeOf(step: StepResult): ProviderOutcome {
  if (step.kind !== 'final') throw new Error(`expected a final step, got ${step.kind}`);
  return step.outcome;
}

/** The binding message published right after initiate, or null. */
export function bindingOf(run: Run): string | null {
  return run.progress.find((p) => p.bindingMessage !== undefined)?.bindingMessage ?? null;
}

/** Approves, on the simulated phone, the pending request that carries `binding`. */
export function approveOnPhone(sim: CibaSimulator, sub: string): (progress: ProviderProgress) => void {
  return (progress) => {
    if (!progress.bindingMessage) return;
    const request = sim.pending(sub).find((p) => p.bindingMessage === progress.bindingMessage);
    if (request) sim.approve(request.id);
  };
}
