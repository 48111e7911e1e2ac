/**
 * Composition root: builds every service from its dependencies. Electron's main entry and the browser
 * shell both call startApp(); nothing here imports Electron.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Handlers } from './ipc/dispatch.js';
import type { AppRuntime, IpcAudit, StartOptions } from './runtime-types.js';
import { createHandlers } from './handlers.js';
import { createProviderRegistry } from './providers/registry.js';
import { createSandbox, type Sandbox } from './sandbox/sandbox.js';
import { createApprovalsService } from './services/approvals/service.js';
import { createReceiptStore } from './services/approvals/receipts/store.js';
import { runAudited } from './services/audited-change.js';
import { createFileLogger, type FileLogger } from './services/app-log.js';
import { createOutbox } from './services/audit/forward/outbox.js';
import { createForwarding } from './services/audit/forward/service.js';
import { pruneTrail } from './services/audit/retention.js';
import { openAudit } from './services/audit/service.js';
import { createAppSettings } from './services/db/app-settings.js';
import { systemClock, type Clock } from './services/clock.js';
import { checkDatabase, DATABASE_FILE, openDatabase } from './services/db/database.js';
import { createProfileStore } from './services/db/profile-store.js';
import { createAccountStores } from './services/db/provider-accounts.js';
import { createEnrollmentService } from './services/enrollment/service.js';
import { createEventBus } from './services/events.js';
import { createFolderExport } from './services/exports.js';
import { createHttpPool, type HttpPool } from './services/http.js';
import { createLogger, type Logger } from './services/log.js';
import { createMethodsService } from './services/methods.js';
import { createProfileService, createSecretSource } from './services/profiles.js';
import { foreignEntries } from './services/policy/foreign.js';
import { createPolicyServices } from './services/policy/index.js';
import { policyLocation } from './services/policy/managed.js';
import { osOperator, type OperatorContext, type SecondOperatorProof } from './services/policy/operator.js';
import { operatorName, rolesFromClaims } from './services/operator/claims.js';
import { createEndpointRules } from './services/endpoints/rules.js';
import { createAccessGuard } from './services/operator/access.js';
import type { OidcSignInPolicy } from '../contract/policy/sign-in.js';
import { runOidcSignIn, type SignInResult } from './services/operator/oidc-sign-in.js';
import { createOperatorSession, type OperatorSession } from './services/operator/session.js';
import { createMethodFacts } from './services/verification/method-facts.js';
import { createVerificationService } from './services/verification/service.js';

export type { AppRuntime, StartOptions };

/** Wraps every handler so `before` runs first; a failure there is logged by the trail and never blocks the call. */
function syncedHandlers(handlers: Handlers, before: () => Promise<void>): Handlers {
  const wrapped = {} as Record<string, (input: unknown) => Promise<unknown>>;
  for (const [channel, handler] of Object.entries(handlers) as [string, (input: unknown) => Promise<unknown>][]) {
    wrapped[channel] = async (input) => {
      await before().catch(() => undefined);
      return handler(input);
    };
  }
  return wrapped as unknown as Handlers;
}

/** Key in app_settings: "on" or "off" once the user has chosen. */
export const SANDBOX_SETTING = 'sandbox.enabled';
/** Key in app_settings: a random id for this installation (the audit trail's device id). */
export const DEVICE_SETTING = 'device.id';
/** Key in app_settings: audit retention in days, or absent to keep everything. */
export const RETENTION_SETTING = 'audit.retentionDays';

const DAY_MS = 24 * 60 * 60_000;
/** At most this many IPC security events per kind and minute reach the trail; the rest are counted. */
const IPC_EVENTS_PER_MINUTE = 20;

/** The OS account running the app; recorded with every request (with the signed-in name, when there is one). */
export function currentOperator(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

function tee(a: Logger, b: Logger): Logger {
  return { log: (level, event, fields) => (a.log(level, event, fields), b.log(level, event, fields)) };
}

export async function startApp(options: StartOptions): Promise<AppRuntime> {
  const clock = options.clock ?? systemClock;
  const osUser = options.operator ?? currentOperator();
  const managed = options.policy?.policy ?? null;
  // Bound once the audit log exists: the session records its sign-ins there.
  let session: OperatorSession | null = null;
  const operatorNow = (): string => session?.operator() ?? osUser;
  // Who is acting, as the policy engine sees them: the session's operator and roles (sign-in or OS account).
  const operatorContext =
    options.operatorContext ??
    ((): OperatorContext => (session ? { operator: session.operator(), roles: session.roles(), via: session.view().signIn === 'signed_in' ? 'sign-in' : 'os' } : osOperator(osUser)));
  const wantFile = options.fileLog ?? options.logger === undefined;
  const fileLogger: FileLogger | null = wantFile
    ? createFileLogger(options.dataDir, options.logger ? {} : { echo: (line) => process.stderr.write(line + '\n') })
    : null;
  const logger = options.logger && fileLogger ? tee(options.logger, fileLogger) : (options.logger ?? fileLogger ?? createLogger());
  const logFolder = fileLogger?.folder ?? path.join(options.dataDir, 'logs');

  const databasePath = path.join(options.dataDir, DATABASE_FILE);
  const db = openDatabase(options.dataDir);
  const damage = checkDatabase(db);
  if (damage.length > 0) logger.log('error', 'database_damaged', { file: databasePath, problem: damage[0] });
  const appSettings = createAppSettings(db);
  const deviceId = appSettings.get(DEVICE_SETTING) ?? randomUUID();
  appSettings.set(DEVICE_SETTING, deviceId);

  const events = createEventBus((error) =>
    logger.log('error', 'event_listener_failed', { error: error instanceof Error ? error.name : 'unknown' }),
  );
  const onAuditChange = (): void => events.emit('audit:changed', { at: new Date(clock.now()).toISOString() });
  const audit = await openAudit({
    db,
    dataDir: options.dataDir,
    databasePath,
    secrets: options.secrets,
    clock,
    logger,
    operator: osUser,
    operatorNow,
    // Which front end wrote an entry travels with the version (the runbook CLI beside the desktop app).
    appVersion: options.shell === 'cli' ? `${options.version} (cli)` : options.version,
    deviceId,
    damage,
    // A short-lived CLI never rotates the audit keys: the desktop app does, and the CLI follows.
    ...(options.audit?.trail || options.shell === 'cli'
      ? { trail: { ...options.audit?.trail, ...(options.shell === 'cli' ? { checkpoints: false } : {}) } }
      : {}),
    ...(options.audit?.retryMs !== undefined ? { retryMs: options.audit.retryMs } : {}),
    ...(options.audit?.startupCheckWaitMs !== undefined ? { startupCheckWaitMs: options.audit.startupCheckWaitMs } : {}),
  });
  const log = audit.log;
  if (audit.interrupted > 0) logger.log('warn', 'request_log_interrupted_rows', { count: audit.interrupted });
  audit.integrity.onChange(() => {
    events.emit('audit:integrity', audit.integrity.view());
    onAuditChange();
  });
  const httpPool = createHttpPool();
  const runSignIn = signInRunner(options, httpPool, clock);

  const policy = createPolicyServices({
    managed,
    source: managed ? (options.policy?.path ?? null) : null,
    location: options.policy?.path ?? policyLocation(process.platform, process.env),
    log,
    limits: audit.limits,
    ledger: audit.ledger,
    now: () => clock.now(),
    foreign: foreignEntries(db),
    secondOperator: options.secondOperator ?? secondOperatorBySignIn(managed?.signIn?.oidc, runSignIn),
    ...(options.limits ? { limitsOverride: options.limits } : {}),
  });
  const forwarding = createForwarding({
    settings: appSettings,
    secrets: options.secrets,
    record: (input) => void log.append(input),
    managed: policy.policy.audit.forwarding,
    userDestinations: policy.policy.audit.userDestinations,
  });
  const outbox = createOutbox({
    db,
    trail: audit.trail,
    clock,
    logger,
    destinations: () => forwarding.destinations(),
    secretFor: (id) => forwarding.secretFor(id),
    ...(options.audit?.forwarding ? { options: options.audit.forwarding } : {}),
  });
  forwarding.attach(outbox);

  const retentionDays = (): number | null => {
    // A managed retention wins over what was chosen here before the policy arrived.
    const fixed = policy.policy.audit.retentionDays;
    if (fixed !== undefined) return fixed;
    const value = Number(appSettings.get(RETENTION_SETTING));
    return Number.isInteger(value) && value > 0 ? value : null;
  };
  const prune = (): void =>
    void pruneTrail({
      db,
      trail: audit.trail,
      recorder: audit.recorder,
      clock,
      logger,
      retentionDays,
      healthy: () => audit.integrity.view().requestsAllowed,
      forwardedThrough: () => outbox.minimumDelivered(),
    }).catch((error: unknown) => logger.log('error', 'audit_prune_failed', { error: error instanceof Error ? error.message : 'unknown' }));
  const pruneTimer = setInterval(prune, DAY_MS);
  pruneTimer.unref();

  const sandboxStart = options.sandbox ?? {};
  const sandboxManaged = policy.policy.sandbox.offered;
  let sandbox: Sandbox | null = null;
  // The managed policy decides whether the sandbox is offered at all; offered by policy, it stays on.
  if (sandboxStart.offered !== false && sandboxManaged !== false) {
    const current = createSandbox({
      logger,
      now: () => clock.now(),
      ...(sandboxStart.options ? { options: sandboxStart.options } : {}),
      ...(sandboxStart.contributions ? { contributions: sandboxStart.contributions } : {}),
    });
    sandbox = current;
    current.onChange(() => events.emit('sandbox:changed', current.state()));
    const chosen = appSettings.get(SANDBOX_SETTING);
    if (sandboxManaged === true || sandboxStart.forceOn || chosen === 'on' || (chosen === null && sandboxStart.defaultOn !== false)) await current.setEnabled(true);
  }

  const accounts = createAccountStores(db, options.secrets, clock);
  const endpointRules = createEndpointRules({ packaged: options.packaged === true, policy: managed?.endpoints });
  const registry = createProviderRegistry({
    http: httpPool,
    clock,
    logger,
    secrets: createSecretSource(options.secrets, sandbox),
    accounts: (profileId) => accounts.forProfile(profileId),
    // The sandbox's own profiles point at its simulators on loopback: they are the app's, not the keyboard's.
    endpointCheck: (profile) => {
      if (sandbox?.profile(profile.id)) return null;
      const check = endpointRules.urlCheck(profile.kind, profile.settings);
      return check ? (url) => check(url)?.message ?? null : null;
    },
  });
  const profiles = createProfileService({
    accounts,
    store: createProfileStore(db, clock),
    secrets: options.secrets,
    log,
    logger,
    registry,
    sandbox,
    rules: endpointRules,
    onChange: onAuditChange,
  });
  const methodFacts = createMethodFacts(clock);
  const verifications = createVerificationService({
    log,
    methodFacts,
    events,
    clock,
    logger,
    policy,
    operator: operatorContext,
    resolve: (profileId) => profiles.resolve(profileId),
  });
  const enrollments = createEnrollmentService({
    log,
    events,
    clock,
    logger,
    ...(options.enrollmentLimits ? { limits: options.enrollmentLimits } : {}),
    resolve: (profileId) => profiles.resolve(profileId),
    admit: (facts) => policy.engine.admitEnrollment(facts),
  });
  const methods = createMethodsService({
    log,
    logger,
    resolve: (profileId) => profiles.resolve(profileId),
    onAuditChange,
    facts: methodFacts,
    policy,
    operator: () => operatorContext().operator,
  });
  const approvals = createApprovalsService({
    log,
    events,
    clock,
    logger,
    secrets: options.secrets,
    receipts: createReceiptStore(db),
    // A finance approval calls a real tenant: on an installation without a managed policy only the sandbox's.
    resolve: (profileId) => {
      const resolved = profiles.resolve(profileId);
      if (resolved) {
        const { profile } = resolved;
        policy.engine.admitRealUse({ action: 'policy.approval', profileId: profile.id, profileName: profile.displayName, provider: profile.kind, sandbox: resolved.sandbox }, resolved.sandbox);
      }
      return resolved;
    },
    saveFile: options.saveFile ?? createFolderExport(options.dataDir),
    onAuditChange,
  });
  const operatorSession = createOperatorSession({
    osUser,
    policy: managed?.signIn,
    managed: managed !== null,
    clock,
    audit: (input) => void log.append(input),
    runSignIn,
    onChange: (view) => events.emit('session:changed', view),
  });
  session = operatorSession;
  const exportsDir = path.join(options.dataDir, 'exports');
  const handlers = createHandlers({
    info: { name: 'MFA Approver', version: options.version, shell: options.shell, operator: osUser },
    secrets: options.secrets,
    profiles,
    verifications,
    enrollments,
    methods,
    approvals,
    log,
    audit,
    forwarding,
    sandbox,
    operatorContext,
    policy,
    session: operatorSession,
    operator: operatorNow,
    appVersion: options.version,
    logFolder,
    settings: {
      retentionDays,
      setRetentionDays: (days) => {
        const before = retentionDays();
        if (days === null) appSettings.set(RETENTION_SETTING, '');
        else appSettings.set(RETENTION_SETTING, String(days));
        log.record({ action: 'audit.retention', event: 'sensitive_update' }, { outcome: 'success', data: { before, after: days } });
        prune();
      },
    },
    exportTarget:
      options.exportTarget ??
      (async (_format, name) => {
        fs.mkdirSync(exportsDir, { recursive: true, mode: 0o700 });
        return path.join(exportsDir, name);
      }),
    ...(options.openFolder ? { openFolder: options.openFolder } : {}),
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

  // Before each call: take in what another process on the same folder appended (and a key it moved).
  const synced = syncedHandlers(handlers, () => audit.trail.refresh());
  const ipcAudit = createIpcAudit(log.append, clock.now);
  const access = createAccessGuard(operatorSession, ipcAudit.roleRefused);
  log.append({
    event: 'sys_startup',
    action: 'app.start',
    outcome: 'success',
    detail: `${options.shell === 'electron' ? 'Desktop app' : 'Browser shell'} ${options.version} started.`,
    data: { shell: options.shell, platform: process.platform, sandbox: sandbox?.enabled() ?? false, interruptedClosed: audit.interrupted, damage: damage.slice(0, 5) },
  });
  prune();
  logger.log('info', 'app_started', { shell: options.shell, version: options.version, sandbox: sandbox?.enabled() ?? false });
  let closed = false;
  return {
    handlers: synced,
    events,
    logger,
    sandbox,
    http: httpPool.get(),
    openDeepLink: (url) => approvals.receiveLink(url),
    audit,
    outbox,
    ipcAudit,
    session: operatorSession,
    access,
    recordCrash(error) {
      log.append({
        event: 'sys_crash',
        action: 'app.crash',
        outcome: 'failure',
        reasonCode: error instanceof Error ? error.name : 'unknown',
        detail: error instanceof Error ? error.message : String(error),
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(pruneTimer);
      operatorSession.close();
      verifications.close();
      enrollments.close();
      approvals.close();
      log.append({ event: 'sys_shutdown', action: 'app.stop', outcome: 'success' });
      await outbox.close();
      await sandbox?.close();
      httpPool.closeAll();
      await audit.close();
      db.close();
      await fileLogger?.close();
    },
  };
}

/**
 * A second operator's approval proven by their own sign-in through the organisation's provider (the same
 * browser flow, one time, nothing kept): their name and roles from the verified ID token, or null when they
 * did not complete it or have no role. Null without a sign-in: then nobody's identity can be proven here.
 */
function secondOperatorBySignIn(
  oidc: OidcSignInPolicy | undefined,
  runSignIn: ((signal: AbortSignal) => Promise<SignInResult>) | null,
): SecondOperatorProof | null {
  if (!oidc || !runSignIn) return null;
  return async () => {
    const result = await runSignIn(new AbortController().signal).catch(() => null);
    if (!result?.ok) return null;
    const claims = result.claims as Record<string, unknown>;
    const roles = rolesFromClaims(claims, oidc);
    return roles.length > 0 ? { operator: operatorName(claims, oidc), roles, via: 'sign-in' } : null;
  };
}

/** The sign-in runner when the policy configures a provider and this front end can open a browser. */
function signInRunner(options: StartOptions, http: HttpPool, clock: Clock): ((signal: AbortSignal) => Promise<SignInResult>) | null {
  const oidc = options.policy?.policy?.signIn?.oidc;
  const openBrowser = options.openBrowser;
  if (!oidc || !openBrowser) return null;
  return (signal) => runOidcSignIn({ policy: oidc, http: http.get(oidc.proxyUrl), clock, openBrowser }, signal);
}

/** IPC security events into the trail, at most IPC_EVENTS_PER_MINUTE per kind and minute (a flood is counted). */
function createIpcAudit(append: AppRuntime['audit']['log']['append'], now: () => number): IpcAudit {
  const windows = new Map<string, { start: number; count: number; dropped: number }>();
  const allow = (kind: string): number | null => {
    const window = windows.get(kind);
    if (!window || now() - window.start > 60_000) {
      const dropped = window?.dropped ?? 0;
      windows.set(kind, { start: now(), count: 1, dropped: 0 });
      return dropped;
    }
    window.count += 1;
    if (window.count <= IPC_EVENTS_PER_MINUTE) return 0;
    window.dropped += 1;
    return null;
  };
  return {
    senderRejected(channel, reason) {
      const dropped = allow('sender');
      if (dropped === null) return;
      append({ event: 'authz_fail', action: 'ipc.sender', outcome: 'refused', reasonCode: 'untrusted_sender', detail: `${channel}: ${reason}`, data: dropped > 0 ? { notRecordedBefore: dropped } : null });
    },
    validationFailed(channel, message) {
      const dropped = allow('validation');
      if (dropped === null) return;
      append({ event: 'input_validation_fail', action: 'ipc.validation', outcome: 'refused', reasonCode: 'bad_request', detail: `${channel}: ${message}`, data: dropped > 0 ? { notRecordedBefore: dropped } : null });
    },
    roleRefused(channel, detail, data) {
      const dropped = allow('role');
      if (dropped === null) return;
      append({ event: 'authz_fail', action: 'ipc.role', outcome: 'refused', reasonCode: 'role_missing', detail, data: dropped > 0 ? { ...data, notRecordedBefore: dropped } : data });
    },
  };
}
