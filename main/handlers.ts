/** Maps every contract channel to the services. Validation already happened in dispatch(). */
import type { AuditSettingsView, ExportFormat } from '../contract/audit.js';
import type { AppInfo, SandboxView } from '../contract/domain.js';
import type { ApprovalsService } from './services/approvals/service.js';
import type { Handlers } from './ipc/dispatch.js';
import type { Sandbox } from './sandbox/sandbox.js';
import { exportTrail } from './services/audit/export.js';
import type { ForwardingService } from './services/audit/forward/service.js';
import type { AuditService } from './services/audit/service.js';
import type { RequestLog } from './services/db/request-log.js';
import type { EnrollmentService } from './services/enrollment/service.js';
import { AppError } from './services/errors.js';
import type { MethodsService } from './services/methods.js';
import type { PolicyServices } from './services/policy/index.js';
import type { OperatorContext } from './services/policy/operator.js';
import type { OperatorSession } from './services/operator/session.js';
import type { ProfileService } from './services/profiles.js';
import type { SecretStore } from './services/secrets.js';
import type { VerificationService } from './services/verification/service.js';

export interface HandlerDeps {
  info: Omit<AppInfo, 'keychain' | 'sandboxOffered'>;
  secrets: SecretStore;
  profiles: ProfileService;
  verifications: VerificationService;
  enrollments: EnrollmentService;
  methods: MethodsService;
  approvals: ApprovalsService;
  log: RequestLog;
  audit: AuditService;
  forwarding: ForwardingService;
  sandbox: Sandbox | null;
  /** Who is acting (operator sign-in fills it; the OS account otherwise), for the policy engine. */
  operatorContext: () => OperatorContext;
  policy: PolicyServices;
  session: OperatorSession;
  /** The operator now, as the audit trail records them. */
  operator: () => string;
  appVersion: string;
  logFolder: string;
  settings: { retentionDays(): number | null; setRetentionDays(days: number | null): void };
  exportTarget(format: ExportFormat, suggestedName: string): Promise<string | null>;
  openFolder?: (folder: string) => Promise<boolean>;
  setSandboxEnabled(on: boolean): Promise<void>;
  onAuditChange: () => void;
}

const NO_SANDBOX: SandboxView = { enabled: false, backends: [], prompts: [] };
/** How long a token check waits for the start-up integrity check (tokens are known only from verified entries). */
const CHECK_WAIT_MS = 30_000;

/** Resolves once the trail's integrity check is no longer running, or after `ms`. */
function integrityChecked(audit: AuditService, ms: number): Promise<void> {
  if (audit.integrity.view().state !== 'checking') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    const stop = audit.integrity.onChange(() => {
      if (audit.integrity.view().state !== 'checking') done();
    });
    function done(): void {
      clearTimeout(timer);
      stop();
      resolve();
    }
  });
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const sandbox = (): Sandbox => {
    if (!deps.sandbox?.enabled()) throw new AppError('not_found', 'The sandbox is not running. Turn it on in Settings.');
    return deps.sandbox;
  };
  const auditSettings = (): AuditSettingsView => ({
    retentionDays: deps.settings.retentionDays(),
    logFolder: deps.logFolder,
    canOpenFolders: deps.openFolder !== undefined,
  });
  let exporting = false;
  return {
    'app:info': async () => {
      const probe = await deps.secrets.probe();
      return {
        ...deps.info,
        sandboxOffered: deps.sandbox !== null,
        keychain: probe.state === 'available' ? { state: 'available', message: null } : { state: probe.state, message: probe.message },
      };
    },
    'session:state': async () => deps.session.view(),
    'session:signIn': async () => deps.session.signIn(),
    'session:cancelSignIn': async () => deps.session.cancelSignIn(),
    'session:signOut': async () => deps.session.signOut(),
    'app:openLogFolder': async () => ({ opened: deps.openFolder ? await deps.openFolder(deps.logFolder) : false, path: deps.logFolder }),
    'profiles:list': () => deps.profiles.list(),
    'profiles:save': (input) => {
      deps.policy.guardManaged('profiles', 'Adding and changing profiles');
      const allowed = deps.policy.policy.providers.allowed;
      if (allowed && !allowed.includes(input.kind)) deps.policy.refuseManaged('profiles', `Which providers may be used (${allowed.join(', ')})`);
      return deps.profiles.save(input);
    },
    'profiles:remove': async ({ id }) => {
      deps.policy.guardManaged('profiles', 'Removing profiles');
      await deps.profiles.remove(id);
      return { removed: true as const };
    },
    'profiles:setSecret': async ({ id, secret }) => ({ secret: await deps.profiles.setSecret(id, secret) }),
    'profiles:deleteSecret': async ({ id }) => ({ secret: await deps.profiles.deleteSecret(id) }),
    'profiles:testConnection': ({ id }) => {
      const resolved = deps.profiles.resolve(id);
      if (resolved) {
        const { profile } = resolved;
        deps.policy.engine.admitRealUse({ action: 'policy.connection_test', profileId: profile.id, profileName: profile.displayName, provider: profile.kind, sandbox: resolved.sandbox }, resolved.sandbox);
      }
      return deps.profiles.testConnection(id);
    },
    'verify:methods': ({ profileId, subject }) => deps.methods.lookup(profileId, subject),
    'verify:start': async (input) => deps.verifications.start(input),
    'verify:submitCode': ({ verificationId, code }) => deps.verifications.submitCode(verificationId, code),
    'verify:cancel': async ({ verificationId }) => deps.verifications.cancel(verificationId),
    'verify:record': async ({ verificationId, decision }) => deps.verifications.record(verificationId, decision),
    'verify:list': async () => deps.verifications.list(),
    'enroll:start': (input) => deps.enrollments.start(input),
    'enroll:setupKey': async ({ enrollmentId }) => deps.enrollments.setupKey(enrollmentId),
    'enroll:confirm': ({ enrollmentId, code }) => deps.enrollments.confirm(enrollmentId, code),
    'enroll:cancel': ({ enrollmentId }) => deps.enrollments.cancel(enrollmentId),
    'enroll:list': async () => deps.enrollments.list(),
    'verify:secondApproval': ({ verificationId, approver }) => deps.verifications.secondApproval(verificationId, approver),
    'policy:view': async () => deps.policy.view(),
    'policy:locks': async () => deps.policy.locks.list(),
    'policy:clearLock': async ({ targetCanonical, note }) => {
      const cleared = deps.policy.locks.clear(targetCanonical, note, deps.operatorContext());
      deps.onAuditChange();
      return cleared;
    },
    'token:check': async (input) => {
      await integrityChecked(deps.audit, CHECK_WAIT_MS);
      const canonical = (profileId: string | null, raw: string): string => {
        const checked = profileId ? deps.profiles.resolve(profileId)?.checkSubject(raw) : null;
        return checked?.ok ? checked.canonical : raw.trim().toLowerCase();
      };
      const view = deps.policy.tokens.check(input, canonical);
      deps.onAuditChange();
      return view;
    },
    'audit:list': async (query) => {
      try {
        return deps.log.list(query);
      } catch {
        throw new AppError('audit_unavailable', 'The request log could not be read. Check that the disk is readable, then try again.');
      }
    },
    'audit:query': async (query) => deps.audit.queries.page(query),
    'audit:entry': async ({ seq }) => {
      const found = deps.audit.queries.entry(seq);
      if (!found) throw new AppError('not_found', `There is no audit entry ${seq}.`);
      return found;
    },
    'audit:integrity': async () => deps.audit.integrity.view(),
    'audit:verify': () => deps.audit.integrity.check('manual'),
    'audit:acknowledge': async ({ note }) => {
      if (deps.audit.integrity.view().state !== 'broken') throw new AppError('conflict', 'There is no integrity problem to acknowledge.');
      return deps.audit.integrity.acknowledge(deps.operator(), note);
    },
    'audit:export': async ({ format }) => {
      if (exporting) throw new AppError('conflict', 'An export is already running.');
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = await deps.exportTarget(format, `mfa-approver-audit-${stamp}.${format === 'csv' ? 'csv' : 'jsonl'}`);
      if (!file) return null;
      exporting = true;
      try {
        return await exportTrail(
          { db: deps.audit.db, trail: deps.audit.trail, recorder: deps.audit.recorder, appVersion: deps.appVersion },
          file,
          format,
          deps.operator(),
        );
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new AppError('internal', `The export failed: ${error instanceof Error ? error.message : 'unknown error'}. Nothing partial was left behind.`);
      } finally {
        exporting = false;
      }
    },
    'audit:settings': async () => auditSettings(),
    'audit:setRetention': async ({ days }) => {
      deps.policy.guardManaged('audit.retention', 'How long audit entries are kept');
      deps.settings.setRetentionDays(days);
      return auditSettings();
    },
    'audit:forwarding': () => deps.forwarding.list(),
    'audit:saveDestination': (input) => {
      if (input.id && deps.forwarding.isManaged(input.id)) deps.policy.refuseManaged('audit.forwarding', `The forwarding destination “${input.name}”`);
      if (!input.id && !deps.policy.policy.audit.userDestinations) deps.policy.refuseManaged('audit.forwarding', 'Where audit entries are forwarded');
      return deps.forwarding.save(input);
    },
    'audit:removeDestination': async ({ id }) => {
      if (deps.forwarding.isManaged(id)) deps.policy.refuseManaged('audit.forwarding', 'This forwarding destination');
      await deps.forwarding.remove(id);
      return { removed: true as const };
    },
    'audit:setDestinationSecret': async ({ id, secret }) => {
      await deps.forwarding.setSecret(id, secret);
      return { secretSet: true };
    },
    'sandbox:state': async () => deps.sandbox?.state() ?? NO_SANDBOX,
    'sandbox:setEnabled': async ({ enabled }) => {
      deps.policy.guardManaged('sandbox', 'Whether the sandbox is offered');
      if (!deps.sandbox) throw new AppError('forbidden', 'The sandbox is not offered in this installation.');
      await deps.setSandboxEnabled(enabled);
      return deps.sandbox.state();
    },
    'sandbox:respond': async ({ promptId, action }) => {
      if (!sandbox().respond(promptId, action)) {
        throw new AppError('not_found', 'That prompt is no longer waiting on the simulated phone.');
      }
      return sandbox().state();
    },
    'sandbox:setFault': async ({ profileId, fault }) => {
      if (!sandbox().setFault(profileId, fault)) throw new AppError('bad_request', 'fault: not offered by that sandbox profile');
      return sandbox().state();
    },
    'sandbox:scan': async ({ uri }) => {
      const scanned = sandbox().scan(uri);
      // The reason names what is wrong with the QR code, never its contents.
      if (!scanned.ok) throw new AppError('bad_request', `uri: ${scanned.message}`);
      return sandbox().state();
    },
    ...approvalHandlers(deps.approvals),
  };
}

type ApprovalChannel = Extract<keyof Handlers, `approvals:${string}`>;

/** The approvals channels: each a thin call into the approvals service. */
function approvalHandlers(approvals: ApprovalsService): Pick<Handlers, ApprovalChannel> {
  return {
    'approvals:state': async () => approvals.state(),
    'approvals:create': async (input) => approvals.create(input),
    'approvals:discard': async ({ releaseId }) => approvals.discard(releaseId),
    'approvals:signIn': (input) => approvals.signIn(input),
    'approvals:challenge': ({ stepUpId, authenticatorId }) => approvals.challenge(stepUpId, authenticatorId),
    'approvals:submitCode': ({ stepUpId, code }) => approvals.submitCode(stepUpId, code),
    'approvals:cancel': async ({ stepUpId }) => approvals.cancel(stepUpId),
    'approvals:enroll': ({ stepUpId, ...request }) => approvals.enroll(stepUpId, request),
    'approvals:setupKey': async ({ stepUpId }) => ({ setupKey: approvals.setupKey(stepUpId) }),
    'approvals:takeRecoveryCode': async ({ stepUpId }) => ({ recoveryCode: approvals.takeRecoveryCode(stepUpId) }),
    'approvals:ackRecoveryCode': async ({ stepUpId }) => approvals.ackRecoveryCode(stepUpId),
    'approvals:signReceipt': ({ releaseId }) => approvals.signReceipt(releaseId),
    'approvals:receipt': async ({ id }) => approvals.receipt(id),
    'approvals:exportReceipt': ({ id }) => approvals.exportReceipt(id),
    'approvals:publicKey': () => approvals.publicKey(),
    'approvals:exportPublicKey': () => approvals.exportPublicKey(),
    'approvals:openLink': async ({ url }) => approvals.openLink(url),
    'approvals:takeLink': async () => ({ draft: approvals.takeLink() }),
  };
}
