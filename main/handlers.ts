/** Maps every contract channel to the services. Validation already happened in dispatch(). */
import type { AppInfo, SandboxView } from '../contract/domain.js';
import type { Handlers } from './ipc/dispatch.js';
import type { Sandbox } from './sandbox/sandbox.js';
import type { RequestLog } from './services/db/request-log.js';
import type { EnrollmentService } from './services/enrollment/service.js';
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
  enrollments: EnrollmentService;
  methods: MethodsService;
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
    'enroll:start': (input) => deps.enrollments.start(input),
    'enroll:setupKey': async ({ enrollmentId }) => deps.enrollments.setupKey(enrollmentId),
    'enroll:confirm': ({ enrollmentId, code }) => deps.enrollments.confirm(enrollmentId, code),
    'enroll:cancel': ({ enrollmentId }) => deps.enrollments.cancel(enrollmentId),
    'enroll:list': async () => deps.enrollments.list(),
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
    'sandbox:scan': async ({ uri }) => {
      const scanned = sandbox().scan(uri);
      // The reason names what is wrong with the QR code, never its contents.
      if (!scanned.ok) throw new AppError('bad_request', `uri: ${scanned.message}`);
      return sandbox().state();
    },
  };
}
