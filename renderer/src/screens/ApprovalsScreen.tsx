/** Approvals: not built yet. Says so plainly; shows no sample data. */
import { ScreenHeading } from '../components/ScreenHeading';

export function ApprovalsScreen() {
  return (
    <div className="screen">
      <ScreenHeading>Approvals</ScreenHeading>
      <div className="card placeholder">
        <p className="placeholder-text">Finance step-up approvals through Auth0 are not available yet in this version.</p>
        <p className="field-hint">This capability arrives in a later release. Nothing on this screen is active.</p>
      </div>
    </div>
  );
}
