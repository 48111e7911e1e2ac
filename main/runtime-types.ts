/** The assembled app as a transport sees it: handlers to dispatch to and events to forward. */
import type { Handlers } from './ipc/dispatch.js';
import type { Sandbox, SandboxOptions } from './sandbox/sandbox.js';
import type { Clock } from './services/clock.js';
import type { HttpClient } from './services/http.js';
import type { VerificationLimits } from './services/verification.js';
import type { EventBus } from './services/events.js';
import type { Logger } from './services/log.js';
import type { SecretStore } from './services/secrets.js';

export interface AppRuntime {
  handlers: Handlers;
  events: EventBus;
  logger: Logger;
  /** The embedded sandbox tenant, when running (tests and the shell's demo mode use it). */
  sandbox: Sandbox | null;
  /** The shared provider HTTP client (benchmarks read its connection counts). */
  http: HttpClient;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Folder for the SQLite database (Electron: app.getPath('userData')). */
  dataDir: string;
  shell: 'electron' | 'browser';
  version: string;
  secrets: SecretStore;
  logger?: Logger;
  /** Start the embedded sandbox tenant (simulators on 127.0.0.1). Default true. */
  sandboxTenant?: boolean;
  sandboxOptions?: SandboxOptions;
  clock?: Clock;
  operator?: string;
  limits?: Partial<VerificationLimits>;
}
