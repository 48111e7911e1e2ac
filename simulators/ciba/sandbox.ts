/**
 * The second sandbox profile, "Sandbox (simulated Auth0 CIBA)": the Auth0-style simulator on 127.0.0.1 with
 * the real CIBA provider module pointed at it. Prompts on the simulated phone carry the binding code; the
 * agent approves, denies or ignores them (CIBA has no "report fraud" answer).
 */
import type { ProviderKind, SettingsInputOf } from '../../contract/providers/index.js';
import type { SandboxContribution, SandboxStartOptions } from '../types.js';
import type { CibaSettings } from '../../contract/providers/ciba.js';
import type { PhoneAction, PhonePrompt, SandboxFaultView, SandboxUserView } from '../../contract/domain.js';
import { faultViews, isCibaFault } from './faults.js';
import { simulatorSettings } from './settings.js';
import { startCibaSimulator, type CibaSimulatorOptions } from './simulator.js';

/** Fixed id, so the sandbox profile is stable across restarts (it is never stored in the database). */
export const CIBA_SANDBOX_PROFILE_ID = '5a4db0c5-0000-4000-8000-000000000002';
export const CIBA_SANDBOX_PROFILE_NAME = 'Sandbox (simulated Auth0 CIBA)';

/** The backend as simulators/types.ts's SandboxBackend expects it for kind "ciba". */
export interface CibaSandboxBackend {
  kind: 'ciba';
  profileId: string;
  profileName: string;
  settings: CibaSettings;
  secret: string;
  users(): SandboxUserView[];
  prompts(): PhonePrompt[];
  respond(promptId: string, action: PhoneAction): boolean;
  faults: readonly SandboxFaultView[];
  setFault(id: string): boolean;
  nextFault(): string;
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}

/**
 * Starts the simulator for the sandbox. An unanswered request expires after pushTimeoutMs (at most Auth0's
 * 300 s). `simulator` is for tests only (a shorter interval).
 */
export async function startCibaSandbox(options: SandboxStartOptions = {}, simulator: Partial<CibaSimulatorOptions> = {}): Promise<CibaSandboxBackend> {
  const maxExpiryS = options.pushTimeoutMs ? Math.max(1, Math.min(300, Math.round(options.pushTimeoutMs / 1000))) : 300;
  const sim = await startCibaSimulator({ ...simulator, profileId: CIBA_SANDBOX_PROFILE_ID, maxExpiryS });
  return {
    kind: 'ciba',
    profileId: CIBA_SANDBOX_PROFILE_ID,
    profileName: CIBA_SANDBOX_PROFILE_NAME,
    // Auth0's own pacing (5 s interval); scope with email so the email naming works too.
    settings: simulatorSettings(sim, { scope: 'openid email' }),
    secret: sim.clientSecret,
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

export const cibaSandbox = { kind: 'ciba' as const, start: (options: SandboxStartOptions) => startCibaSandbox(options) };

/**
 * Compile-time check that cibaSandbox is a SandboxContribution, active as soon as "ciba" is a registered
 * provider kind (the lead adds it to contract/providers/index.ts); until then it checks nothing.
 */
type Fits = 'ciba' extends ProviderKind
  ? typeof cibaSandbox extends SandboxContribution
    ? CibaSandboxBackend['settings'] extends SettingsInputOf<'ciba' & ProviderKind>
      ? true
      : never
    : never
  : true;
export const cibaSandboxFits: Fits = true;
