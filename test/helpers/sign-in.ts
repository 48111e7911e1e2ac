/** Operator sign-in in tests: a policy for the test OpenID provider, a browser that signs in, and waiting for the session. */
import type { ManagedPolicy } from '../../contract/policy/index.js';
import type { LoadedPolicy } from '../../main/services/policy/managed.js';
import { managed } from './policy.js';
import { oidcSignInSchema, type OidcSignInPolicy } from '../../contract/policy/sign-in.js';
import type { SessionView } from '../../contract/session.js';
import type { OidcServer } from '../support/oidc-server.js';
import { visitAuthorization, type VisitOptions, type VisitResult } from '../support/oidc-browser.js';
import type { TestRuntime } from './runtime.js';

/** The roles the test provider's groups map to. */
export const ROLE_MAPPING = {
  helpdesk: ['helpdesk-agents'],
  approver: ['finance-approvers'],
  auditor: ['security-auditors'],
  admin: ['mfa-admins'],
};

/** The oidc section of a managed policy pointing at the test provider. */
export function oidcPolicy(server: OidcServer, patch: Partial<OidcSignInPolicy> = {}): OidcSignInPolicy {
  return oidcSignInSchema.parse({
    issuer: server.issuer,
    clientId: server.signIn.clientId,
    scope: 'openid email profile groups',
    rolesClaim: 'groups',
    roleMapping: ROLE_MAPPING,
    redirectPath: server.signIn.redirectPath,
    timeoutSeconds: 30,
    ...patch,
  });
}

/** A managed policy whose only section is the sign-in (plus `extra`). */
export function signInPolicy(server: OidcServer, patch: Partial<OidcSignInPolicy> = {}, extra: Partial<ManagedPolicy> = {}): LoadedPolicy {
  return managed({ signIn: { oidc: oidcPolicy(server, patch) }, ...extra });
}

/**
 * A stand-in for the system browser: each sign-in is carried out by the next scripted visit (account, consent,
 * a forged callback…). Its results are kept for the test to read.
 */
export function scriptedBrowser() {
  const queue: VisitOptions[] = [];
  const visits: Promise<VisitResult>[] = [];
  const opened: { url: string; endpoint: string }[] = [];
  return {
    opened,
    visits,
    /** The next sign-in acts like this. */
    next(options: VisitOptions) {
      queue.push(options);
    },
    open(url: string, endpoint: string): boolean {
      opened.push({ url, endpoint });
      const options = queue.shift();
      if (options) visits.push(visitAuthorization(url, options));
      return true;
    },
  };
}

/** Resolves with the first session view (from `session:changed`) that passes `accept`. */
export function nextSession(rt: TestRuntime, accept: (view: SessionView) => boolean, timeoutMs = 15_000): Promise<SessionView> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error('no matching session:changed event'));
    }, timeoutMs);
    const stop = rt.runtime.events.subscribe((event, payload) => {
      if (event !== 'session:changed' || !accept(payload as SessionView)) return;
      clearTimeout(timer);
      stop();
      resolve(payload as SessionView);
    });
  });
}
