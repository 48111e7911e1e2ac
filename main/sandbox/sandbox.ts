/**
 * The sandbox tenant: the Entra simulator started inside the app on 127.0.0.1, offered as a built-in
 * profile so the real provider client runs over real HTTP, plus the simulated phone the agent answers.
 */
import type { EntraSettings, PhoneAction, SandboxFault, SandboxView } from '../../contract/domain.js';
import { simulatorSettings } from '../providers/entra/simulator/settings.js';
import { startEntraSimulator, type EntraSimulator } from '../providers/entra/simulator/simulator.js';

/** Fixed id so the sandbox profile is stable across restarts (it is never stored in the database). */
export const SANDBOX_PROFILE_ID = '5a4db0c5-0000-4000-8000-000000000001';
export const SANDBOX_PROFILE_NAME = 'Sandbox (simulated Entra tenant)';

export interface Sandbox {
  settings: EntraSettings;
  /** Credential of the simulated tenant, generated per run. It opens nothing real, so it is not a keychain secret. */
  clientSecret: string;
  state(): SandboxView;
  respond(promptId: string, action: PhoneAction): boolean;
  setFault(fault: SandboxFault): void;
  onChange(listener: () => void): () => void;
  simulator: EntraSimulator;
  close(): Promise<void>;
}

export interface SandboxOptions {
  /** How long an unanswered push waits before the simulator answers "no response". */
  pushTimeoutMs?: number;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const simulator = await startEntraSimulator({
    ...(options.pushTimeoutMs ? { pushTimeoutMs: options.pushTimeoutMs } : {}),
  });
  const settings = simulatorSettings(simulator);
  return {
    settings,
    clientSecret: simulator.clientSecret,
    simulator,
    state: () => ({
      enabled: true,
      users: simulator.users(),
      prompts: simulator.prompts(),
      nextFault: simulator.nextFault(),
    }),
    respond: (promptId, action) => simulator.respond(promptId, action),
    setFault: (fault) => simulator.setFault(fault),
    onChange: (listener) => simulator.onChange(listener),
    close: () => simulator.close(),
  };
}
