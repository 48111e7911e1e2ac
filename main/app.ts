/**
 * Composition root: builds every service from its dependencies. Electron's main entry and the browser
 * shell both call startApp(); nothing here imports Electron.
 */
import os from 'node:os';
import type { AppRuntime, StartOptions } from './runtime-types.js';
import { createHandlers } from './handlers.js';
import { createProviderRegistry } from './providers/registry.js';
import { createSandbox, type Sandbox } from './sandbox/sandbox.js';
import { createApprovalsService } from './services/approvals/service.js';
import { createReceiptStore } from './services/approvals/receipts/store.js';
import { runAudited } from './services/audited-change.js';
import { createAppSettings } from './services/db/app-settings.js';
import { systemClock } from './services/clock.js';
import { openDatabase } from './services/db/database.js';
import { createProfileStore } from './services/db/profile-store.js';
import { createRequestLog } from './services/db/request-log.js';
import { createEventBus } from './services/events.js';
import { createFolderExport } from './services/exports.js';
import { createHttpPool } from './services/http.js';
import { createLogger } from './services/log.js';
import { createMethodsService } from './services/methods.js';
import { createProfileService, createSecretSource } from './services/profiles.js';
import { createMethodFacts } from './services/verification/method-facts.js';
import { createVerificationService } from './services/verification/service.js';

export type { AppRuntime, StartOptions };

/** Key in app_settings: "on" or "off" once the user has chosen. */
export const SANDBOX_SETTING = 'sandbox.enabled';

/** The operator as the OS knows them; recorded with every request. */
export function currentOperator(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

export async function startApp(options: StartOptions): Promise<AppRuntime> {
  const logger = options.logger ?? createLogger();
  const clock = options.clock ?? systemClock;
  const operator = options.operator ?? currentOperator();
  const db = openDatabase(options.dataDir);
  const log = createRequestLog(db, clock, operator);
  const interrupted = log.closeInterrupted();
  if (interrupted > 0) logger.log('warn', 'request_log_interrupted_rows', { count: interrupted });
  const appSettings = createAppSettings(db);
  const events = createEventBus((error) =>
    logger.log('error', 'event_listener_failed', { error: error instanceof Error ? error.name : 'unknown' }),
  );
  const onAuditChange = (): void => events.emit('audit:changed', { at: new Date(clock.now()).toISOString() });
  const httpPool = createHttpPool();

  const sandboxStart = options.sandbox ?? {};
  let sandbox: Sandbox | null = null;
  if (sandboxStart.offered !== false) {
    const current = createSandbox({
      logger,
      ...(sandboxStart.options ? { options: sandboxStart.options } : {}),
      ...(sandboxStart.contributions ? { contributions: sandboxStart.contributions } : {}),
    });
    sandbox = current;
    current.onChange(() => events.emit('sandbox:changed', current.state()));
    const chosen = appSettings.get(SANDBOX_SETTING);
    if (sandboxStart.forceOn || chosen === 'on' || (chosen === null && sandboxStart.defaultOn !== false)) await current.setEnabled(true);
  }

  const registry = createProviderRegistry({ http: httpPool, clock, logger, secrets: createSecretSource(options.secrets, sandbox) });
  const profiles = createProfileService({
    store: createProfileStore(db, clock),
    secrets: options.secrets,
    log,
    logger,
    registry,
    sandbox,
    onChange: onAuditChange,
  });
  const methodFacts = createMethodFacts(clock);
  const verifications = createVerificationService({
    log,
    methodFacts,
    events,
    clock,
    logger,
    ...(options.limits ? { limits: options.limits } : {}),
    resolve: (profileId) => profiles.resolve(profileId),
  });
  const methods = createMethodsService({ log, logger, resolve: (profileId) => profiles.resolve(profileId), onAuditChange, facts: methodFacts });
  const approvals = createApprovalsService({
    log,
    events,
    clock,
    logger,
    secrets: options.secrets,
    receipts: createReceiptStore(db),
    resolve: (profileId) => profiles.resolve(profileId),
    saveFile: options.saveFile ?? createFolderExport(options.dataDir),
    onAuditChange,
  });
  const handlers = createHandlers({
    info: { name: 'MFA Approver', version: options.version, shell: options.shell, operator },
    secrets: options.secrets,
    profiles,
    verifications,
    methods,
    approvals,
    log,
    sandbox,
    setSandboxEnabled: async (on) => {
      if (!sandbox) return;
      const current = sandbox;
      const was = current.enabled();
      const saved = appSettings.get(SANDBOX_SETTING);
      // Logged with the change, or not changed at all (services/audited-change.ts).
      await runAudited(log, logger, [{ entry: { action: on ? 'sandbox.enable' : 'sandbox.disable' } }], [
        { run: () => current.setEnabled(on), undo: () => current.setEnabled(was) },
        {
          run: () => appSettings.set(SANDBOX_SETTING, on ? 'on' : 'off'),
          undo: () => (saved === null ? undefined : appSettings.set(SANDBOX_SETTING, saved)),
        },
      ]).finally(onAuditChange);
    },
    onAuditChange,
  });
  logger.log('info', 'app_started', { shell: options.shell, version: options.version, sandbox: sandbox?.enabled() ?? false });
  return {
    handlers,
    events,
    logger,
    sandbox,
    http: httpPool.get(),
    openDeepLink: (url) => approvals.receiveLink(url),
    async close() {
      verifications.close();
      approvals.close();
      await sandbox?.close();
      httpPool.closeAll();
      db.close();
    },
  };
}
