/** Settings: provider profiles, their secrets and connection tests. */
import { useState } from 'react';
import type { ProfileSummary } from '../../../contract/domain';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Notice } from '../components/Notice';
import { ScreenHeading } from '../components/ScreenHeading';
import { ProfileCard } from '../components/settings/ProfileCard';
import { ProfileForm } from '../components/settings/ProfileForm';
import { AuditSettings } from '../components/settings/AuditSettings';
import { SandboxSetting } from '../components/settings/SandboxSetting';
import { useProfiles } from '../stores/profiles';

type Editing = { profile: ProfileSummary | null } | null;

export function SettingsScreen() {
  const profiles = useProfiles((s) => s.profiles);
  const loaded = useProfiles((s) => s.loaded);
  const error = useProfiles((s) => s.error);
  const remove = useProfiles((s) => s.remove);
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<ProfileSummary | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [savedNote, setSavedNote] = useState<string | null>(null);

  const confirmRemove = async () => {
    if (!removing) return;
    setRemoveBusy(true);
    const result = await remove(removing.id);
    setRemoveBusy(false);
    setRemoveError(result.ok ? null : result.message);
    if (result.ok) {
      setSavedNote(`Profile “${removing.displayName}” removed.`);
      if (editing?.profile?.id === removing.id) setEditing(null);
    }
    setRemoving(null);
  };

  return (
    <div className="screen settings-screen">
      <ScreenHeading>Settings</ScreenHeading>
      <div className="toolbar">
        <button
          type="button"
          className="button button-primary"
          disabled={editing !== null}
          onClick={() => {
            setSavedNote(null);
            setEditing({ profile: null });
          }}
        >
          Add profile
        </button>
      </div>

      {error ? <Notice tone="error" title="Could not load profiles">{error}</Notice> : null}
      {removeError ? <Notice tone="error" title="The profile was not removed">{removeError}</Notice> : null}
      {savedNote ? <Notice tone="info">{savedNote}</Notice> : null}

      {editing ? (
        <ProfileForm
          key={editing.profile?.id ?? 'new'}
          profile={editing.profile}
          onDone={(saved) => {
            setEditing(null);
            if (saved) {
              setSavedNote(`Profile “${saved.displayName}” saved.`);
            }
          }}
        />
      ) : null}

      {loaded && profiles.length === 0 && !error ? <p className="empty-state">No profiles yet.</p> : null}
      <ul className="profile-list" aria-label="Profiles">
        {profiles.map((profile) => (
          <ProfileCard
            key={profile.id}
            profile={profile}
            onEdit={() => {
              setSavedNote(null);
              setEditing({ profile });
            }}
            onRemove={() => {
              setRemoveError(null);
              setRemoving(profile);
            }}
          />
        ))}
      </ul>

      <SandboxSetting />

      <AuditSettings />

      <ConfirmDialog
        open={removing !== null}
        title="Remove this profile?"
        confirmLabel="Remove profile"
        busy={removeBusy}
        onConfirm={() => void confirmRemove()}
        onCancel={() => setRemoving(null)}
      >
        <p>
          “{removing?.displayName}” will be removed from this computer. Verifications can no longer use it. This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </div>
  );
}
