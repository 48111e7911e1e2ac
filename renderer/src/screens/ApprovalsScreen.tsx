/**
 * Approvals: a payment release is entered (or pre-filled by a link), approved by one or two approvers with
 * their own Auth0 step-up, and ends with a signed receipt; the history lists the receipts. In the sandbox the
 * simulated phone shows Guardian pushes and texted codes.
 */
import { useEffect } from 'react';
import { ScreenHeading } from '../components/ScreenHeading';
import { LinkNotice } from '../components/approvals/LinkNotice';
import { Receipt } from '../components/approvals/Receipt';
import { ReceiptHistory } from '../components/approvals/ReceiptHistory';
import { ReleaseForm } from '../components/approvals/ReleaseForm';
import { ReleasePanel } from '../components/approvals/ReleasePanel';
import { PhonePanel } from '../components/sandbox/PhonePanel';
import { PhoneJump } from '../components/sandbox/PhoneJump';
import { Notice } from '../components/Notice';
import { api } from '../lib/api';
import { screenHref } from '../stores/nav';
import { selectCurrent, useApprovals } from '../stores/approvals';
import { useProfiles } from '../stores/profiles';

export function ApprovalsScreen() {
  const all = useProfiles((s) => s.profiles);
  const profiles = all.filter((p) => p.capabilities.stepUp);
  const profileId = useApprovals((s) => s.profileId);
  const selectProfile = useApprovals((s) => s.selectProfile);
  const setApprover = useApprovals((s) => s.setApprover);
  const view = useApprovals((s) => s.view);
  const loadError = useApprovals((s) => s.loadError);
  const current = useApprovals(selectCurrent);
  const receipt = useApprovals((s) => s.receipt);
  const selected = profiles.find((p) => p.id === (current?.profileId ?? profileId)) ?? null;

  useEffect(() => {
    const { load, apply } = useApprovals.getState();
    const stop = api().events.onApprovalUpdated(apply);
    void load();
    return stop;
  }, []);
  // Default to a real profile; the sandbox only when nothing else is configured.
  useEffect(() => {
    if (!profiles.some((p) => p.id === profileId)) {
      const first = profiles.find((p) => !p.sandbox) ?? profiles[0];
      if (first) selectProfile(first.id);
    }
  }, [profiles, profileId, selectProfile]);

  return (
    <div className={selected?.sandbox ? 'screen approvals-screen with-phone' : 'screen approvals-screen'}>
      <div className="approvals-main">
        <ScreenHeading>Approvals</ScreenHeading>
        {selected?.sandbox ? (
          <PhoneJump>The simulated phone is below the release</PhoneJump>
        ) : null}
        <p className="screen-intro">
          A payment release counts only when its approvers confirm it with their own second factor. Each approval covers exactly the
          transaction shown; above the threshold two different people must approve.
        </p>
        {loadError ? <Notice tone="error">{loadError}</Notice> : null}
        {profiles.length === 0 ? (
          <Notice tone="info" title="No approvals profile">
            Add an Auth0 MFA (finance approvals) profile in <a href={screenHref('settings')}>Settings</a>, or turn the sandbox on.
          </Notice>
        ) : current ? (
          <ReleasePanel release={current} />
        ) : (
          <>
            <LinkNotice />
            <ReleaseForm profiles={profiles} />
            {receipt ? <Receipt receipt={receipt} /> : null}
          </>
        )}
        {view ? <ReceiptHistory receipts={view.receipts} /> : null}
      </div>
      {selected?.sandbox ? (
        <PhonePanel profileId={selected.id} pickDisabled={false} pickHint="Choose one to fill in the approver’s user name." onPickUser={(_profile, subject) => setApprover(subject)} />
      ) : null}
    </div>
  );
}
