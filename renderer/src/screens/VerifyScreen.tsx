/** Verify caller: the form, the live status/outcome, and the simulated phone when the sandbox is selected. */
import { useEffect, useRef } from 'react';
import type { VerificationView } from '../../../contract/domain';
import { ScreenHeading } from '../components/ScreenHeading';
import { PhonePanel } from '../components/sandbox/PhonePanel';
import { PhoneJump } from '../components/sandbox/PhoneJump';
import { useFlowUpdates } from '../components/useFlowUpdates';
import { SendingPanel, StatusPanel } from '../components/verify/StatusPanel';
import { VerifyForm } from '../components/verify/VerifyForm';
import { api } from '../lib/api';
import { isLive } from '../lib/status';
import { usePolicy } from '../stores/policy';
import { selectIsSandboxSelected, useProfiles } from '../stores/profiles';
import { useVerification } from '../stores/verification';

/** Main's verification updates, followed while the Verify screen is shown. */
const followVerifications = (listener: (view: VerificationView) => void) => api().events.onVerificationUpdated(listener);

export function VerifyScreen() {
  useFlowUpdates(useVerification, followVerifications, isLive);
  // The request types and ticket formats the form offers come from the policy in force.
  const loadPolicy = usePolicy((s) => s.load);
  useEffect(() => void loadPolicy(), [loadPolicy]);
  const sandbox = useProfiles(selectIsSandboxSelected);
  const selectedId = useProfiles((s) => s.selectedId);
  const current = useVerification((s) => s.current);
  const sending = useVerification((s) => s.sending);
  const setField = useVerification((s) => s.setField);
  const reset = useVerification((s) => s.reset);
  const selectProfile = useProfiles((s) => s.select);
  const subjectRef = useRef<HTMLInputElement>(null);

  const startNew = () => {
    reset();
    // The form re-enables on the next render; then put the agent back at the start of it.
    window.setTimeout(() => subjectRef.current?.focus(), 0);
  };

  return (
    <div className={sandbox ? 'screen verify-screen with-phone' : 'screen verify-screen'}>
      <div className="verify-main">
        <ScreenHeading>Verify caller</ScreenHeading>
        {sandbox ? (
          <PhoneJump>The simulated phone is below the form</PhoneJump>
        ) : null}
        <p className="screen-intro">
          Send a verification to the account the caller claims. Only an <strong>APPROVED</strong> result proves
          the caller controls that account&apos;s registered method.
        </p>
        {current ? (
          <StatusPanel view={current} onNew={startNew} />
        ) : (
          <>
            {sending ? <SendingPanel /> : null}
            <VerifyForm subjectInputRef={subjectRef} />
          </>
        )}
      </div>
      {sandbox ? (
        <PhonePanel
          profileId={selectedId}
          pickDisabled={current !== null || sending}
          onPickUser={(profileId, subject) => {
            selectProfile(profileId);
            setField('subject', subject);
            subjectRef.current?.focus();
            // A picked account is complete: check its methods now rather than after the typing pause.
            const profile = useProfiles.getState().profiles.find((p) => p.id === profileId);
            if (profile?.capabilities.methods) void useVerification.getState().checkMethods(profileId);
          }}
        />
      ) : null}
    </div>
  );
}
