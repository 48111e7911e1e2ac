/**
 * Settings: provider profiles, their secrets and connection tests. After every save, remove or cancel, focus
 * lands on the confirmation (in the affected profile's card, or at the top once the profile is gone) or
 * back on the button that opened what was cancelled.
 */
import { useEffect, useState } from 'react';
import type { ProfileSummary } from '../../../contract/domain';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Notice } from '../components/Notice';
import { ScreenHeading } from '../components/ScreenHeading';
import { ProfileCard, profileCardIds } from '../components/settings/ProfileCard';
import { ProfileForm } from '../components/settings/ProfileForm';
import { AuditSettings } from '../components/settings/AuditSettings';
import { LockedAccounts } from '../components/settings/LockedAccounts';
import { ManagedBadge } from '../components/settings/ManagedBadge';
import { PolicySummary } from '../components/settings/PolicySummary';
import { SandboxSetting } from '../components/settings/SandboxSetting';
import { selectManaged, usePolicy } from '../stores/policy';
import { useProfiles } from '../stores/profiles';

type Editing = { profile: ProfileSummary | null } | null;
/** A confirmation: in the card of `profileId`, or at the top of the screen when null. */
type Confirmation = { profileId: string | null; tone: 'info' | 'error'; text: string };

const CONFIRMATION_ID = 'settings-confirmation';
const ADD_ID = 'settings-add-profile';

/** Moves focus to an element id after the render that shows it; a new request each time, even for the same id. */
function useFocusAfterRender(): (id: string) => void {
  const [request, setRequest] = useState<{ id: string; n: number } | null>(null);
  useEffect(() => {
    if (request) document.getElementById(request.id)?.focus();
  }, [request]);
  return (id) => setRequest((r) => ({ id, n: (r?.n ?? 0) + 1 }));
}

export function SettingsScreen() {
  const profiles = useProfiles((s) => s.profiles);
  const loaded = useProfiles((s) => s.loaded);
  const error = useProfiles((s) => s.error);
  const remove = useProfiles((s) => s.remove);
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<ProfileSummary | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const focus = useFocusAfterRender();
  const profilesManaged = usePolicy(selectManaged('profiles'));

  const confirm = (next: Confirmation) => {
    setConfirmation(next);
    focus(CONFIRMATION_ID);
  };

  const confirmRemove = async () => {
    if (!removing || removeBusy) return;
    setRemoveBusy(true);
    const result = await remove(removing.id);
    setRemoveBusy(false);
    if (result.ok) {
      if (editing?.profile?.id === removing.id) setEditing(null);
      confirm({ profileId: null, tone: 'info', text: `Profile “${removing.displayName}” removed.` });
    } else {
      confirm({ profileId: removing.id, tone: 'error', text: `The profile was not removed. ${result.message}` });
    }
    setRemoving(null);
  };

  const confirmationNotice = (
    <Notice id={CONFIRMATION_ID} focusable tone={confirmation?.tone ?? 'info'} testId="settings-confirmation">
      {confirmation?.text}
    </Notice>
  );

  return (
    <div className="screen settings-screen">
      <ScreenHeading>Settings</ScreenHeading>
      {profilesManaged ? (
        <ManagedBadge what="Which profiles exist" />
      ) : (
        <div className="toolbar">
          <button
            id={ADD_ID}
            type="button"
            className="button button-primary"
            disabled={editing !== null}
            onClick={() => {
              setConfirmation(null);
              setEditing({ profile: null });
            }}
          >
            Add profile
          </button>
        </div>
      )}

      {error ? <Notice tone="error" title="Could not load profiles">{error}</Notice> : null}
      {confirmation && confirmation.profileId === null ? confirmationNotice : null}

      {editing ? (
        <ProfileForm
          key={editing.profile?.id ?? 'new'}
          profile={editing.profile}
          onDone={(saved) => {
            const opener = editing.profile ? profileCardIds(editing.profile.id).edit : ADD_ID;
            setEditing(null);
            if (!saved) return focus(opener);
            const next = saved.secret === 'set' ? '' : ' Set its secret below.';
            confirm({ profileId: saved.id, tone: 'info', text: `Profile “${saved.displayName}” saved.${next}` });
          }}
        />
      ) : null}

      {loaded && profiles.length === 0 && !error ? <p className="empty-state">No profiles yet.</p> : null}
      <ul className="profile-list" aria-label="Profiles">
        {profiles.map((profile) => (
          <ProfileCard
            key={profile.id}
            profile={profile}
            managed={profilesManaged}
            confirmation={confirmation?.profileId === profile.id ? confirmationNotice : null}
            onEdit={() => {
              setConfirmation(null);
              setEditing({ profile });
            }}
            onRemove={() => setRemoving(profile)}
          />
        ))}
      </ul>

      <LockedAccounts />

      <SandboxSetting />

      <AuditSettings />

      <PolicySummary />

      <ConfirmDialog
        open={removing !== null}
        title="Remove this profile?"
        confirmLabel="Remove profile"
        busy={removeBusy}
        onConfirm={() => void confirmRemove()}
        onCancel={() => {
          if (removing) focus(profileCardIds(removing.id).remove);
          setRemoving(null);
        }}
      >
        <p>
          “{removing?.displayName}” will be removed from this computer. Verifications can no longer use it. This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </div>
  );
}
