/**
 * Who the operator is, and which roles they have, for the whole app. The OS account is always known. When the
 * managed policy configures a sign-in, the operator signs in through the organisation's OpenID provider and
 * gets the roles it grants, until the sign-in expires or they sign out. The sign-in lives here in main: the
 * renderer only ever sees the view below (no code, no token).
 */
import { channelNames } from '../../../contract/ipc.js';
import { operatorRoles, type OperatorRole, type SignInPolicy } from '../../../contract/policy/sign-in.js';
import { mayCall, mayOpen, screens } from '../../../contract/roles.js';
import type { RoleSource, SessionView } from '../../../contract/session.js';
import type { AuditInput } from '../audit/entry.js';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import { operatorName, rolesFromClaims } from './claims.js';
import type { SignInResult } from './oidc-sign-in.js';
import { failure, type SignInFailure } from './sign-in-failures.js';

export interface OperatorSessionDeps {
  osUser: string;
  /** The managed policy's sign-in section. */
  policy: SignInPolicy | undefined;
  /** False when there is no managed policy at all (an unmanaged installation). */
  managed: boolean;
  clock: Clock;
  audit: (input: AuditInput) => void;
  /** Runs one sign-in; null when no provider is configured, or this front end cannot open a browser. */
  runSignIn: ((signal: AbortSignal) => Promise<SignInResult>) | null;
  onChange: (view: SessionView) => void;
}

export interface OperatorSession {
  view(): SessionView;
  /** The roles in force now (an expired sign-in ends here, whatever its timer did). */
  roles(): readonly OperatorRole[];
  /** The operator as the audit trail records them. */
  operator(): string;
  /** True when a sign-in is configured and the operator is not signed in. */
  signInRequired(): boolean;
  signIn(): SessionView;
  cancelSignIn(): SessionView;
  signOut(): SessionView;
  close(): void;
}

interface SignedIn {
  name: string;
  subject: string;
  issuerHost: string;
  roles: OperatorRole[];
  expiresAt: number;
}

export function createOperatorSession(deps: OperatorSessionDeps): OperatorSession {
  const oidc = deps.policy?.oidc ?? null;
  // Why all roles only without a managed policy: nobody has said who may do what, and the person who
  // installed it controls the machine anyway. A managed installation grants the OS account only what it says.
  const baseRoles: OperatorRole[] = deps.managed ? [...(deps.policy?.osUserRoles ?? [])] : [...operatorRoles];
  const baseSource: RoleSource = deps.managed ? 'policy' : 'unmanaged';
  let signedIn: SignedIn | null = null;
  let attempt: AbortController | null = null;
  let message: string | null = null;
  let timer: NodeJS.Timeout | null = null;

  const label = (who: SignedIn | null): string => (who ? `${who.name} (OS: ${deps.osUser})` : deps.osUser);
  const changed = (): void => deps.onChange(session.view());
  const end = (action: 'operator.signout' | 'operator.session_expired'): void => {
    if (!signedIn) return;
    const who = signedIn;
    signedIn = null;
    if (timer) clearTimeout(timer);
    timer = null;
    deps.audit({
      event: 'session_expired',
      action,
      outcome: 'success',
      reasonCode: action === 'operator.signout' ? 'signed_out' : 'expired',
      operator: label(who),
      endpointHost: who.issuerHost,
      data: { osUser: deps.osUser, name: who.name, subject: who.subject, roles: who.roles },
    });
  };
  const current = (): SignedIn | null => {
    if (signedIn && deps.clock.now() >= signedIn.expiresAt) {
      end('operator.session_expired');
      message = 'Your sign-in has ended. Sign in again to go on.';
      changed();
    }
    return signedIn;
  };
  const record = (result: SignInResult | { ok: false; failure: SignInFailure }): void => {
    if (!result.ok) {
      message = result.failure.message;
      deps.audit({
        event: 'authn_login_fail',
        action: 'operator.signin',
        outcome: 'failure',
        reasonCode: result.failure.code,
        detail: result.failure.detail,
        endpointHost: oidc ? new URL(oidc.issuer).host : null,
        data: { osUser: deps.osUser },
      });
      return;
    }
    const policy = oidc!;
    const claims = result.claims as Record<string, unknown>;
    const name = operatorName(claims, policy);
    const subject = typeof claims.sub === 'string' ? claims.sub.slice(0, 200) : '';
    const roles = rolesFromClaims(claims, policy);
    if (roles.length === 0) {
      record({ ok: false, failure: failure('no_role', `no role for ${policy.rolesClaim} values of ${name} (sub ${subject})`, { name }) });
      return;
    }
    const expiresAt = deps.clock.now() + policy.sessionMinutes * 60_000;
    signedIn = { name, subject, issuerHost: result.issuerHost, roles, expiresAt };
    message = null;
    timer = setTimeout(() => current(), policy.sessionMinutes * 60_000);
    timer.unref();
    deps.audit({
      event: 'authn_login_success',
      action: 'operator.signin',
      outcome: 'success',
      operator: label(signedIn),
      endpointHost: result.issuerHost,
      data: { osUser: deps.osUser, name, subject, roles, expiresAt: new Date(expiresAt).toISOString() },
    });
  };

  const session: OperatorSession = {
    view() {
      const who = signedIn;
      const roles = who ? who.roles : baseRoles;
      return {
        osUser: deps.osUser,
        operator: label(who),
        signIn: !oidc ? 'not_configured' : attempt ? 'in_progress' : who ? 'signed_in' : 'signed_out',
        identity: who ? { name: who.name, issuerHost: who.issuerHost } : null,
        roles: [...roles],
        roleSource: who ? 'sign_in' : baseSource,
        expiresAt: who ? new Date(who.expiresAt).toISOString() : null,
        screens: screens.filter((screen) => mayOpen(roles, screen)),
        channels: channelNames.filter((channel) => mayCall(roles, channel)),
        message,
      };
    },
    roles: () => current()?.roles ?? baseRoles,
    operator: () => label(current()),
    signInRequired: () => oidc !== null && current() === null,
    signIn() {
      if (!oidc) throw new AppError('conflict', failure('not_configured', '').message);
      if (!deps.runSignIn) throw new AppError('conflict', 'This version of the app cannot open a browser for the sign-in. Use the desktop app.');
      if (current()) throw new AppError('conflict', `You are already signed in as ${signedIn!.name}. Sign out first to sign in as someone else.`);
      // A new attempt replaces one left waiting (say, a browser tab that was closed): one listener at a time.
      const previous = attempt;
      const mine = new AbortController();
      attempt = mine;
      previous?.abort();
      message = null;
      const run = deps.runSignIn;
      void run(mine.signal)
        .catch((error: unknown) => ({ ok: false as const, failure: failure('token_failed', error instanceof Error ? error.message.slice(0, 200) : 'unknown') }))
        .then((result) => {
          if (attempt !== mine) return;
          attempt = null;
          // Why: an aborted attempt may fail in any step; what happened is that the operator cancelled it.
          record(mine.signal.aborted ? { ok: false, failure: failure('cancelled', 'cancelled by the operator') } : result);
          changed();
        });
      return session.view();
    },
    cancelSignIn() {
      attempt?.abort();
      return session.view();
    },
    signOut() {
      attempt?.abort();
      if (current()) {
        end('operator.signout');
        message = 'You signed out.';
        changed();
      }
      return session.view();
    },
    close() {
      if (timer) clearTimeout(timer);
      attempt?.abort();
      attempt = null;
    },
  };
  return session;
}
