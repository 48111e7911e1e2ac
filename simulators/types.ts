/**
 * What a provider's simulator contributes to the sandbox: a built-in profile that points the real provider
 * module at the simulator over loopback HTTP, its users, and the prompts its simulated phone shows.
 * Simulators are imported by the sandbox, tests and benchmarks only, never by production code.
 */
import type { PhoneAction, PhonePrompt, SandboxFaultView, SandboxUserView } from '../contract/domain.js';
import type { ProviderKind, SettingsInputOf } from '../contract/providers/index.js';

/** A running simulator behind one sandbox profile. */
export type SandboxBackend = { [K in ProviderKind]: SandboxBackendOf<K> }[ProviderKind];

interface SandboxBackendOf<K extends ProviderKind> {
  kind: K;
  /** Fixed id, so the sandbox profile is stable across restarts (it is never stored in the database). */
  profileId: string;
  profileName: string;
  /** Settings that point the real provider module at the simulator (checked by the module's schema). */
  settings: SettingsInputOf<K>;
  /** Credential of the simulated provider, generated per run. It opens nothing real, so it is not a keychain secret. */
  secret: string;
  /** The simulator itself, for tests and benchmarks that script it (typed by the simulator's own module). */
  simulator: unknown;
  users(): SandboxUserView[];
  /** Prompts on the simulated phone, newest first. */
  prompts(): PhonePrompt[];
  /** Answers a prompt; false when it is no longer waiting. */
  respond(promptId: string, action: PhoneAction): boolean;
  faults: readonly SandboxFaultView[];
  /** Arms a fault for the next answer ("none" disarms); false for an unknown fault id. */
  setFault(id: string): boolean;
  nextFault(): string;
  /** Fires when prompts or the armed fault change. Returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}

export interface SandboxStartOptions {
  /** How long an unanswered push waits before the simulator gives up. */
  pushTimeoutMs?: number;
}

/** One line of simulators/index.ts per provider that has a sandbox. */
export interface SandboxContribution {
  kind: ProviderKind;
  start(options: SandboxStartOptions): Promise<SandboxBackend>;
}
