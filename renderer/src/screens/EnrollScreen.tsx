/** Enroll authenticator: not built yet. Says so plainly; shows no sample data. */
import { ScreenHeading } from '../components/ScreenHeading';

export function EnrollScreen() {
  return (
    <div className="screen">
      <ScreenHeading>Enroll authenticator</ScreenHeading>
      <div className="card placeholder">
        <p className="placeholder-text">Microsoft Authenticator enrollment is not available yet in this version.</p>
        <p className="field-hint">This capability arrives in a later release. Nothing on this screen is active.</p>
      </div>
    </div>
  );
}
