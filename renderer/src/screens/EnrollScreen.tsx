/**
 * Enroll authenticator: choose the profile and the user, show the QR code, take the first code the user
 * reads back, and say plainly how it ended. With a sandbox profile, the simulated phone can scan the QR.
 */
import { useEffect, useRef } from 'react';
import type { EnrollmentView } from '../../../contract/domain';
import { ScreenHeading } from '../components/ScreenHeading';
import { EnrollForm } from '../components/enroll/EnrollForm';
import { EnrollPanel } from '../components/enroll/EnrollPanel';
import { PhonePanel } from '../components/sandbox/PhonePanel';
import { useFlowUpdates } from '../components/useFlowUpdates';
import { api } from '../lib/api';
import { enrollableProfiles, isLiveEnrollment } from '../lib/enrollRules';
import { useEnrollment } from '../stores/enrollment';
import { useProfiles } from '../stores/profiles';

/** Main's enrollment updates, followed while the Enroll screen is shown. */
const followEnrollments = (listener: (view: EnrollmentView) => void) => api().events.onEnrollmentUpdated(listener);

/** Follows enrollment updates while the screen is shown; keeps the profile choice valid. */
function useEnrollmentSync(): void {
  const profiles = useProfiles((s) => s.profiles);
  const profileId = useEnrollment((s) => s.profileId);
  const setProfile = useEnrollment((s) => s.setProfile);
  useFlowUpdates(useEnrollment, followEnrollments, isLiveEnrollment);
  useEffect(() => {
    const able = enrollableProfiles(profiles);
    if (!able.some((p) => p.id === profileId) && able[0]) setProfile(able[0].id);
  }, [profiles, profileId, setProfile]);
}

export function EnrollScreen() {
  useEnrollmentSync();
  const current = useEnrollment((s) => s.current);
  const starting = useEnrollment((s) => s.starting);
  const profileId = useEnrollment((s) => s.profileId);
  const setField = useEnrollment((s) => s.setField);
  const reset = useEnrollment((s) => s.reset);
  const setProfile = useEnrollment((s) => s.setProfile);
  const sandbox = useProfiles((s) => s.profiles.find((p) => p.id === profileId)?.sandbox ?? false);
  const subjectRef = useRef<HTMLInputElement>(null);

  const startNew = () => {
    reset();
    window.setTimeout(() => subjectRef.current?.focus(), 0);
  };

  return (
    <div className={sandbox ? 'screen verify-screen enroll-screen with-phone' : 'screen verify-screen enroll-screen'}>
      <div className="verify-main">
        <ScreenHeading>Enroll authenticator</ScreenHeading>
        <p className="screen-intro">
          Add Microsoft Authenticator for a user on the phone with you: they scan the QR code and read back the first code it shows.
          Later you can verify them by the codes it shows.
        </p>
        {current ? <EnrollPanel view={current} onNew={startNew} /> : <EnrollForm subjectInputRef={subjectRef} />}
      </div>
      {sandbox ? (
        <PhonePanel
          profileId={profileId}
          pickDisabled={current !== null || starting}
          scanner
          onPickUser={(id, subject) => {
            setProfile(id);
            setField('subject', subject);
            subjectRef.current?.focus();
          }}
        />
      ) : null}
    </div>
  );
}
