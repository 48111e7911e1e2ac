/** Maps every contract channel to the services. Validation already happened in dispatch(). */
import type { AppInfo, SandboxView } from '../contract/domain.js';
import type { ApprovalsService } from './services/approvals/service.js';
import type { Handlers } from './ipc/dispatch.js';
import type { Sandbox } from './sandbox/sandbox.js';
import type { RequestLog } from './services/db/request-log.js';
import { AppError } from './services/errors.js';
import type { MethodsService } from './services/methods.js';
import type { ProfileService } from './services/profiles.js';
import type { SecretStore } from './services/secrets.js';
import type { VerificationService } from './services/verification/service.js';

export interface HandlerDeps {
  info: Omit<AppInfo, 'keychain' | 'sandboxOffered'>;
  secrets: SecretStore;
  profiles: ProfileService;
  verifications: VerificationService;
  methods: MethodsService;
  approvals: ApprovalsService;
  log: RequestLog;
  sandbox: Sandbox | null;
  setSandboxEnabled(on: boolean): Promise<void>;
  onAuditChange: () => void;
}

const NO_SANDBOX: SandboxView = { enabled: false, backends: [], prompts: [] };

export function createHandlers(deps: HandlerDeps): Handlers {
  const sandbox = (): Sandbox => {
    if (!deps.sandbox?.enabled()) throw new AppError('not_found', 'The sandbox is not running. Turn it on in Settings.');
    return deps.sandbox;
  };
  return {
    'app:info': async () => {
      const probe = await deps.secrets.probe();
      return {
        ...deps.info,
        sandboxOffered: deps.sandbox !== null,
        keychain: probe.state === 'available' ? { state: 'available', message: null } : { state: probe.state, message: probe.message },
      };
    },
    'profiles:list': () => deps.profiles.list(),
    'profiles:save': (input) => deps.profiles.save(input),
    'profiles:remove': async ({ id }) => {
      await deps.profiles.remove(id);
      return { removed: true as const };
    },
    'profiles:setSecret': async ({ id, secret }) => ({ secret: await deps.profiles.setSecret(id, secret) }),
    'profiles:deleteSecret': async ({ id }) => ({ secret: await deps.profiles.deleteSecret(id) }),
    'profiles:testConnection': ({ id }) => deps.profiles.testConnection(id),
    'verify:methods': ({ profileId, subject }) => deps.methods.lookup(profileId, subject),
    'verify:start': async (input) => deps.verifications.start(input),
    'verify:submitCode': ({ verificationId, code }) => deps.verifications.submitCode(verificationId, code),
    'verify:cancel': async ({ verificationId }) => deps.verifications.cancel(verificationId),
    'verify:record': async ({ verificationId, decision }) => deps.verifications.record(verificationId, decision),
    'verify:list': async () => deps.verifications.list(),
    'audit:list': async (query) => {
      try {
        return deps.log.list(query);
      } catch {
        throw new AppError('audit_unavailable', 'The request log could not be read. Check that the disk is readable, then try again.');
      }
    },
    'sandbox:state': async () => deps.sandbox?.state() ?? NO_SANDBOX,
    'sandbox:setEnabled': async ({ enabled }) => {
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
