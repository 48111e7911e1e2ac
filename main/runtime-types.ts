/** The assembled app as a transport sees it: handlers to dispatch to and events to forward. */
import type { ExportFormat } from '../contract/audit.js';
import type { Handlers } from './ipc/dispatch.js';
import type { Outbox, OutboxOptions } from './services/audit/forward/outbox.js';
import type { AuditService } from './services/audit/service.js';
import type { TrailOptions } from './services/audit/trail.js';
import type { Sandbox } from './sandbox/sandbox.js';
import type { SandboxContribution, SandboxStartOptions } from '../simulators/types.js';
import type { Clock } from './services/clock.js';
import type { HttpClient } from './services/http.js';
import type { EnrollmentLimits } from './services/enrollment/service.js';
import type { VerificationLimits } from './services/verification/limits.js';
import type { EventBus } from './services/events.js';
import type { Logger } from './services/log.js';
import type { SecretStore } from './services/secrets.js';

export interface AppRuntime {
  handlers: Handlers;
  events: EventBus;
  logger: Logger;
  /** The sandbox (simulated providers), when offered; tests and the shell's demo mode script it. */
  sandbox: Sandbox | null;
  /** The shared provider HTTP client without a proxy (benchmarks read its connection counts). */
  http: HttpClient;
  /** A deep link from the OS (mfa-approver://approve?…): parsed strictly, it only pre-fills the Approvals form. */
  openDeepLink(url: string): void;
  /** The audit trail and its parts (tests and benchmarks inspect them). */
  audit: AuditService;
  outbox: Outbox;
  /** Security events the transports see before a handler runs; recorded in the audit trail (rate-limited). */
  ipcAudit: IpcAudit;
  /** Records an unexpected crash (best effort, before the process ends). */
  recordCrash(error: unknown): void;
  close(): Promise<void>;
}

export interface IpcAudit {
  /** A request from something other than the app's window (Electron sender check, bridge token/origin). */
  senderRejected(channel: string, reason: string): void;
  /** A payload that failed the contract's schema. */
  validationFailed(channel: string, message: string): void;
}

export interface AuditStartOptions {
  trail?: TrailOptions;
  /** First retry delay for audit writes the database refused. */
  retryMs?: number;
  forwarding?: OutboxOptions;
  startupCheckWaitMs?: number;
}

export interface SandboxStart {
  /** Whether the sandbox is offered at all. Default true. */
  offered?: boolean;
  /**
   * Whether it runs until the user turns it off. The browser shell and tests: true. A packaged build: false,
   * so simulated approvals never appear unless the user asks for them.
   */
  defaultOn?: boolean;
  /** Turn it on for this run only, whatever the saved choice (the CLI's --sandbox). */
  forceOn?: boolean;
  options?: SandboxStartOptions;
  contributions?: readonly SandboxContribution[];
}

export interface StartOptions {
  /** Folder for the SQLite database (Electron: app.getPath('userData')). */
  dataDir: string;
  shell: 'electron' | 'browser' | 'cli';
  version: string;
  secrets: SecretStore;
  logger?: Logger;
  sandbox?: SandboxStart;
  clock?: Clock;
  operator?: string;
  limits?: Partial<VerificationLimits>;
  enrollmentLimits?: Partial<EnrollmentLimits>;
  /**
   * Saves an export (receipt, public key) where the user chooses; resolves with the path, or null when they
   * cancel. Default: the exports folder of the data folder.
   */
  saveFile?: (suggestedName: string, contents: string) => Promise<string | null>;
  audit?: AuditStartOptions;
  /**
   * Write the rotating app log in `<dataDir>/logs`. Default: on when no `logger` is given; with a logger,
   * lines go to both.
   */
  fileLog?: boolean;
  /** Where an export goes: the desktop app asks with a save dialog (null: cancelled); default `<dataDir>/exports`. */
  exportTarget?: (format: ExportFormat, suggestedName: string) => Promise<string | null>;
  /** Opens a folder in the OS file manager (desktop app); absent in the browser shell. */
  openFolder?: (folder: string) => Promise<boolean>;
}
