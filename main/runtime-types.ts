/** The assembled app as a transport sees it: handlers to dispatch to and events to forward. */
import type { ExportFormat } from '../contract/audit.js';
import type { Channel } from '../contract/ipc.js';
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
import type { LoadedPolicy } from './services/policy/managed.js';
import type { OperatorContext, SecondOperatorProof } from './services/policy/operator.js';
import type { Logger } from './services/log.js';
import type { SecretStore } from './services/secrets.js';
import type { AccessGuard } from './services/operator/access.js';
import type { OperatorSession } from './services/operator/session.js';

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
  /** The operator: OS account, sign-in, roles. */
  session: OperatorSession;
  /** The role check dispatch runs before every handler (contract/roles.ts). */
  access: AccessGuard;
  /** Records an unexpected crash (best effort, before the process ends). */
  recordCrash(error: unknown): void;
  close(): Promise<void>;
}

export interface IpcAudit {
  /** A request from something other than the app's window (Electron sender check, bridge token/origin). */
  senderRejected(channel: string, reason: string): void;
  /** A payload that failed the contract's schema. */
  validationFailed(channel: string, message: string): void;
  /** A request the operator's roles do not allow. */
  roleRefused(channel: Channel, detail: string, data: Record<string, unknown>): void;
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
  /**
   * The managed policy the entry loaded (main/services/policy/managed.ts); absent: none is deployed and the
   * app's defaults apply. A policy that could not be loaded never gets here: the entry stops with its error.
   */
  policy?: LoadedPolicy;
  /** Who is acting; operator sign-in fills it. Default: the OS account with every role. */
  operatorContext?: () => OperatorContext;
  /** Proves a second operator's identity for one approval (operator sign-in); absent with OS operators only. */
  secondOperator?: SecondOperatorProof;
  /** Test hook: limits in milliseconds, below what a policy file may say. */
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
  /** A packaged build (Electron: app.isPackaged): profiles may call only their provider's published hosts. */
  packaged?: boolean;
  /**
   * Opens the operator's sign-in page in the system browser (Electron: the OS browser, for the configured
   * authorization endpoint only; the browser shell: a new tab). Absent: this front end cannot sign in.
   */
  openBrowser?: (url: string, authorizationEndpoint: string) => Promise<boolean> | boolean;
}
