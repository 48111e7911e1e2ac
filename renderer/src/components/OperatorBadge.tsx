/**
 * The operator in the header: who, how they were identified, their roles, and sign-in or sign-out. An
 * installation without a managed policy says plainly that nobody signed in.
 */
import { roleList } from '../lib/roles';
import { useSession } from '../stores/session';

export function OperatorBadge() {
  const view = useSession((s) => s.view);
  const busy = useSession((s) => s.busy);
  const signIn = useSession((s) => s.signIn);
  const signOut = useSession((s) => s.signOut);
  if (!view) return null;
  const name = view.identity?.name ?? view.osUser;
  const how =
    view.roleSource === 'sign_in'
      ? `Signed in through ${view.identity?.issuerHost ?? 'your organisation'} as OS user ${view.osUser}`
      : view.roleSource === 'unmanaged'
        ? 'No managed policy on this computer: the OS account has every role'
        : 'The OS account, with the roles the managed policy gives it';
  return (
    <div className="operator" data-testid="operator">
      <span className="operator-label">Operator</span>{' '}
      <span className="operator-name" title={how}>
        {name}
      </span>{' '}
      <span className="operator-roles" data-testid="operator-roles">
        ({roleList(view.roles)})
      </span>
      {view.signIn === 'signed_in' ? null : (
        <span className="badge badge-quiet" data-testid="not-signed-in" title={how}>
          Not signed in
        </span>
      )}
      {view.signIn === 'signed_in' ? (
        <button type="button" className="button button-quiet" disabled={busy} onClick={() => void signOut()}>
          Sign out
        </button>
      ) : view.signIn === 'signed_out' ? (
        <button type="button" className="button button-quiet" disabled={busy} onClick={() => void signIn()}>
          Sign in
        </button>
      ) : null}
    </div>
  );
}
