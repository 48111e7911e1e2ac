/** Shared setup for the Auth0 tests: the simulator and the real step-up provider on one virtual clock. */
import type { Auth0Settings } from '../../../contract/providers/auth0.js';
import type { Auth0Tuning } from '../../../main/providers/auth0/context.js';
import { createAuth0StepUp } from '../../../main/providers/auth0/step-up.js';
import type { FactorResult, SignInResult, StepUpAuthenticator, StepUpFactor, StepUpProvider, StepUpSession } from '../../../main/providers/step-up.js';
import { createHttpClient, type HttpClient } from '../../../main/services/http.js';
import { silentLogger } from '../../../main/services/log.js';
import { simulatorSettings } from '../../../simulators/auth0/settings.js';
import { startAuth0Simulator, type Auth0Simulator, type Auth0SimulatorOptions } from '../../../simulators/auth0/simulator.js';
import { virtualClock, type VirtualClock } from '../ciba/helpers.js';

export const ALICE = 'alice@example.com';
export const BOB = 'bob@example.com';
export const CAROL = 'carol@example.com';
export const ERIN = 'erin@example.com';
export const MALLORY = 'mallory@example.com';

export interface Auth0Rig {
  sim: Auth0Simulator;
  http: HttpClient;
  clock: VirtualClock;
  settings: Auth0Settings;
  stepUp: StepUpProvider;
  stepUpWith(patch?: Partial<Auth0Settings>, extras?: { secret?: string | null; tuning?: Partial<Auth0Tuning> }): StepUpProvider;
  close(): Promise<void>;
}

/** Starts a simulator on a virtual clock, and a step-up provider for it on the same clock. */
export async function startRig(simOptions: Partial<Auth0SimulatorOptions> = {}, patch: Partial<Auth0Settings> = {}): Promise<Auth0Rig> {
  const clock = virtualClock();
  const sim = await startAuth0Simulator({ clock, ...simOptions });
  const http = createHttpClient();
  const settings = simulatorSettings(sim, patch);
  const stepUpWith: Auth0Rig['stepUpWith'] = (p = {}, x = {}) => {
    const secret = x.secret === undefined ? sim.clientSecret : x.secret;
    return createAuth0StepUp({ ...settings, ...p }, { http, clock, logger: silentLogger, readSecret: () => Promise.resolve(secret) }, { requestTimeoutMs: 3000, ...x.tuning });
  };
  return {
    sim,
    http,
    clock,
    settings,
    stepUp: stepUpWith(),
    stepUpWith,
    async close() {
      http.close();
      await sim.close();
    },
  };
}

/** Signs in with the user's simulator password (or `password`). */
export function signIn(rig: Auth0Rig, username: string, password?: string, stepUp = rig.stepUp): Promise<SignInResult> {
  return stepUp.signIn({ username, password: password ?? rig.sim.user(username)!.password, signal: new AbortController().signal });
}

/** Signs in and fails the test unless a second factor is asked for. */
export async function mfaSession(rig: Auth0Rig, username: string, stepUp = rig.stepUp): Promise<{ session: StepUpSession; authenticators: StepUpAuthenticator[] }> {
  const result = await signIn(rig, username, undefined, stepUp);
  if (result.kind !== 'mfa') throw new Error(`expected mfa_required, got ${JSON.stringify(result)}`);
  return result;
}

export function authenticatorOf(list: StepUpAuthenticator[], factor: StepUpFactor): StepUpAuthenticator {
  const found = list.find((a) => a.factor === factor);
  if (!found) throw new Error(`no ${factor} authenticator in ${JSON.stringify(list)}`);
  return found;
}

/** The failure code of a result, or its kind when it has none. */
export function codeOf(result: FactorResult | SignInResult | { kind: string; failure?: { code: string } }): string {
  return 'failure' in result && result.failure ? result.failure.code : result.kind;
}

export const signal = (): AbortSignal => new AbortController().signal;
