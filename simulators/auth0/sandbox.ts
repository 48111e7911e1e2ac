/**
 * The third sandbox profile, "Sandbox (simulated Auth0 approvals)": the Auth0 MFA API simulator on 127.0.0.1
 * with the real Auth0 module pointed at it. Its simulated phone shows Guardian pushes (approve, reject,
 * ignore), Guardian enrollment QR codes, text messages with their code and the authenticator app's code.
 */
import type { SandboxBackend, SandboxContribution, SandboxStartOptions } from '../types.js';
import { faultViews, isAuth0Fault } from './faults.js';
import { simulatorSettings } from './settings.js';
import { startAuth0Simulator, type Auth0SimulatorOptions } from './simulator.js';

/** Fixed id, so the sandbox profile is stable across restarts (it is never stored in the database). */
export const AUTH0_SANDBOX_PROFILE_ID = '5a4db0c5-0000-4000-8000-000000000003';
export const AUTH0_SANDBOX_PROFILE_NAME = 'Sandbox (simulated Auth0 approvals)';

export type Auth0SandboxBackend = Extract<SandboxBackend, { kind: 'auth0' }>;

/**
 * Starts the simulator for the sandbox. An unanswered push or texted code expires after pushTimeoutMs (at least
 * 15 s, at most Auth0's 300 s). `simulator` is for tests only.
 */
export async function startAuth0Sandbox(options: SandboxStartOptions = {}, simulator: Partial<Auth0SimulatorOptions> = {}): Promise<Auth0SandboxBackend> {
  const oobLifetimeS = options.pushTimeoutMs ? Math.max(15, Math.min(300, Math.round(options.pushTimeoutMs / 1000))) : 300;
  const sim = await startAuth0Simulator({ ...simulator, profileId: AUTH0_SANDBOX_PROFILE_ID, oobLifetimeS });
  return {
    kind: 'auth0',
    profileId: AUTH0_SANDBOX_PROFILE_ID,
    profileName: AUTH0_SANDBOX_PROFILE_NAME,
    settings: simulatorSettings(sim),
    secret: sim.clientSecret,
    simulator: sim,
    users: () => sim.users(),
    prompts: () => sim.prompts(),
    respond: (promptId, action) => sim.respond(promptId, action),
    faults: faultViews,
    setFault(id) {
      if (!isAuth0Fault(id)) return false;
      sim.setFault(id);
      return true;
    },
    nextFault: () => sim.nextFault(),
    onChange: (listener) => sim.onChange(listener),
    close: () => sim.close(),
  };
}

export const auth0Sandbox: SandboxContribution = { kind: 'auth0', start: (options) => startAuth0Sandbox(options) };
