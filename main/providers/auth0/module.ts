/**
 * The Auth0 MFA provider as a module. Its capability is step-up of the signed-in approver; as a caller
 * verification provider it refuses everything (its contract offers neither push nor code to the Verify screen).
 */
import type { VerificationMode } from '../../../contract/domain.js';
import { auth0Contract } from '../../../contract/providers/auth0.js';
import { errorOutcome } from '../shared/outcomes.js';
import { defineModule, type StepResult, type VerificationProvider } from '../types.js';
import { createAuth0StepUp } from './step-up.js';

const NOT_FOR_CALLERS = 'This profile is for finance approvals (the approver’s own step-up); it cannot verify a caller. Nothing was sent.';

export const auth0Module = defineModule({
  contract: auth0Contract,
  /**
   * Every setting that decides where the client secret (or an assertion signed with the key) and the
   * approver's password are sent, and how and as whom the client authenticates. Changing any of them drops
   * the stored secret. The proxy is not among them: calls are tunnelled with CONNECT, so TLS stays end to end.
   */
  secretRoutingKeys: ['domain', 'clientAuth', 'clientId'],
  proxyUrl: (settings) => settings.proxyUrl,
  /** The tenant (its host goes with every request: token, challenge, associate, keys). */
  endpoints: (settings) => ({ tenant: settings.domain }),
  // Only the tenant's host: every Auth0 call and the ID token's keys live there.
  publishedHosts: (settings) => ({ hosts: [new URL(settings.domain).host.toLowerCase()], owner: `the Auth0 tenant ${new URL(settings.domain).host}` }),
  create: (settings, deps): VerificationProvider => {
    const stepUp = createAuth0StepUp(settings, deps);
    const refuse = (contextId: string): Promise<StepResult> =>
      Promise.resolve({ kind: 'final', outcome: errorOutcome('not_supported', 'Not for caller verification', NOT_FOR_CALLERS, null), refs: { contextId } });
    return {
      listMethods: () => Promise.resolve({ ok: false, code: 'not_supported', message: NOT_FOR_CALLERS }),
      start: (request) => refuse(request.contextId),
      submitCode: (request) => refuse(request.contextId),
      testConnection: (signal) => stepUp.testConnection(signal),
      script: (_mode: VerificationMode) => NOT_FOR_CALLERS,
    };
  },
  stepUp: (settings, deps) => createAuth0StepUp(settings, deps),
});
