/** A screen the operator's roles do not open (reached by its address): says so, shows nothing of it. */
import { roleList } from '../lib/roles';
import { selectRoles, useSession } from '../stores/session';
import { ScreenHeading } from './ScreenHeading';

export function NoAccess({ title }: { title: string }) {
  const roles = useSession(selectRoles);
  return (
    <div className="screen" data-testid="no-access">
      <ScreenHeading>{title}</ScreenHeading>
      <div className="card placeholder">
        <p className="placeholder-text">Your role does not open this screen.</p>
        <p className="field-hint">
          You are signed in with: {roleList(roles)}. Ask your administrator if you need access.
        </p>
      </div>
    </div>
  );
}
