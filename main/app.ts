/**
 * Composition root: builds every service from its dependencies. Electron's main entry and the browser
 * shell both call startApp(); nothing here imports Electron.
 */
import os from 'node:os';
import type { AppRuntime, StartOptions } from './runtime-types.js';
import { createHandlers } from './handlers.js';
import { createProviderRegistry } from './providers/registry.js';
import { startSandbox, type Sandbox } from './sandbox/sandbox.js';
import { systemClock } from './services/clock.js';
import { openDatabase } from './services/db/database.js';
import { createProfileStore } from './services/db/profile-store.js';
import { createRequestLog } from './services/db/request-log.js';
import { createEventBus } from './services/events.js';
import { createHttpPool } from './services/http.js';
import { createLogger } from './services/log.js';
import { createProfileService } from './services/profiles.js';
import { createVerificationService } from './services/verification.js';

export type { AppRuntime, StartOptions };

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
  const events = createEventBus((error) =>
    logger.log('error', 'event_listener_failed', { error: error instanceof Error ? error.name : 'unknown' }),
  );
  const onAuditChange = (): void => events.emit('audit:changed', { at: new Date(clock.now()).toISOString() });
  const httpPool = createHttpPool();
  const http = httpPool.get();
  let sandbox: Sandbox | null = null;
  if (options.sandboxTenant !== false) {
    sandbox = await startSandbox(options.sandboxOptions);
    const current = sandbox;
    current.onChange(() => events.emit('sandbox:changed', current.state()));
  }
  let readSecret: (profileId: string) => Promise<string | null> = async () => null;
  const registry = createProviderRegistry({ http: httpPool, clock, logger }, (id) => readSecret(id));
  const profiles = createProfileService({
    store: createProfileStore(db, clock),
    secrets: options.secrets,
    log,
    registry,
    sandbox,
    onChange: onAuditChange,
  });
  readSecret = (id) => profiles.readSecret(id);
  const verifications = createVerificationService({
    log,
    events,
    clock,
    logger,
    ...(options.limits ? { limits: options.limits } : {}),
    resolve: (profileId) => {
      const resolved = profiles.resolve(profileId);
      return resolved
        ? { id: resolved.profile.id, displayName: resolved.profile.displayName, kind: resolved.profile.kind, provider: resolved.provider }
        : null;
    },
  });
  const handlers = createHandlers({
    info: { name: 'MFA Approver', version: options.version, shell: options.shell, operator },
    secrets: options.secrets,
    profiles,
    verifications,
    log,
    sandbox,
    onAuditChange,
  });
  logger.log('info', 'app_started', { shell: options.shell, version: options.version, sandbox: sandbox !== null });
  return {
    handlers,
    events,
    logger,
    sandbox,
    http,
    async close() {
      verifications.close();
      await sandbox?.close();
      httpPool.closeAll();
      db.close();
    },
  };
}
