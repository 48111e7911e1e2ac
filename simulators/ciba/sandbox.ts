/**
 * The second sandbox profile, "Sandbox (simulated Auth0 CIBA)": the Auth0-style simulator on 127.0.0.1 with
 * the real CIBA provider module pointed at it. Prompts on the simulated phone carry the binding code; the
 * agent approves, denies or ignores them (CIBA has no "report fraud" answer).
 */
import type { SandboxBackend, SandboxContribution, SandboxStartOptions } from '../types.js';
import { faultViews, isCibaFault } from './faults.js';
import { simulatorSettings } from './settings.js';
import { startCibaSimulator, type CibaSimulatorOptions } from './simulator.js';

/** Fixed id, so the sandbox profile is stable across restarts (it is never stored in the database). */
export const CIBA_SANDBOX_PROFILE_ID = '5a4db0c5-0000-4000-8000-000000000002';
export const CIBA_SANDBOX_PROFILE_NAME = 'Sandbox (simulated Auth0 CIBA)';

/** The backend of kind "ciba"; its simulator is the CibaSimulator (tests script it). */
export type CibaSandboxBackend = Extract<SandboxBackend, { kind: 'ciba' }>;

/**
 * Starts the simulator for the sandbox. An unanswered request expires after pushTimeoutMs (at least 15 s, at most Auth0's
 * 300 s). `simulator` is for tests only (a shorter interval).
 */
export async function startCibaSandbox(options: SandboxStartOptions = {}, simulator: Partial<CibaSimulatorOptions> = {}): Promise<CibaSandboxBackend> {
  // Never shorter than three polls at Auth0's 5 s pace: a shorter life would expire before the first poll.
  const maxExpiryS = options.pushTimeoutMs ? Math.max(15, Math.min(300, Math.round(options.pushTimeoutMs / 1000))) : 300;
  const sim = await startCibaSimulator({ ...simulator, profileId: CIBA_SANDBOX_PROFILE_ID, maxExpiryS });
  return {
    kind: 'ciba',
    profileId: CIBA_SANDBOX_PROFILE_ID,
    profileName: CIBA_SANDBOX_PROFILE_NAME,
    // Auth0's own pacing (5 s interval); scope with email so the email naming works too.
    settings: simulatorSettings(sim, { scope: 'openid email' }),
    secret: sim.clientSecret,
    simulator: sim,
    users: () => sim.users(),
    prompts: () => sim.prompts(),
    respond: (promptId, action) => sim.respond(promptId, action),
    faults: faultViews,
    setFault(id) {
      if (!isCibaFault(id)) return false;
      sim.setFault(id);
      return true;
    },
    nextFault: () => sim.nextFault(),
    onChange: (listener) => sim.onChange(listener),
    close: () => sim.close(),
  };
}

export const cibaSandbox: SandboxContribution = { kind: 'ciba', start: (options) => startCibaSandbox(options) };
