/** One profile in Settings: what it points at, the state of its secret, and what can be done with it. */

import type { ReactNode } from 'react';
import type { ProfileSummary } from '../../../../contract/domain';
import { contractFor } from '../../../../contract/providers/index';
import { secretStateViews } from '../../lib/secretState';
import { useAppInfo } from '../../stores/appInfo';
import { useProfiles } from '../../stores/profiles';
import { ConnectionResult } from './ConnectionResult';
import { SecretForm } from './SecretForm';

/** Element ids inside a profile's card, so Settings can put focus back on the card or on what opened a form. */
export const profileCardIds = (id: string) => ({ title: `profile-${id}-title`, edit: `profile-${id}-edit`, remove: `profile-${id}-remove` });

export function ProfileCard({
  profile,
  confirmation,
  onEdit,
  onRemove,
}: {
  profile: ProfileSummary;
  /** A confirmation about this profile (just saved, or not removed), shown at the top of its card. */
  confirmation: ReactNode;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const test = useProfiles((s) => s.tests[profile.id]);
  const testConnection = useProfiles((s) => s.testConnection);
  const reload = useProfiles((s) => s.load);
  const reloadInfo = useAppInfo((s) => s.load);
  const contract = contractFor(profile.kind);
  const facts = contract.summary(profile.settings as never);
  const needsSecret = contract.secret(profile.settings as never) !== null;
  const secret = secretStateViews[profile.secret];
  const cardIds = profileCardIds(profile.id);
  const testing = test?.status === 'running';

  return (
    <li className="card profile-card">
      <div className="profile-head">
        <h2 id={cardIds.title} className="card-title" tabIndex={-1}>
          {profile.displayName}
        </h2>
        {profile.sandbox ? <span className="badge badge-sandbox">Sandbox</span> : null}
      </div>
      {confirmation}
      <dl className="profile-facts">
        <div>
          <dt>Provider</dt>
          <dd>{contract.displayName}</dd>
        </div>
        {facts.map((fact) => (
          <div key={fact.label}>
            <dt>{fact.label}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
        <div>
          <dt>Secret</dt>
          {needsSecret ? <dd className={secret.className}>{secret.text}</dd> : <dd>none needed</dd>}
        </div>
      </dl>
      {needsSecret && secret.help ? <p className="secret-state-help">{secret.help}</p> : null}

      {profile.sandbox ? (
        <p className="field-hint">
          The sandbox profile is built in: it talks to simulators on this computer and cannot be edited or removed.
        </p>
      ) : null}

      <div className="form-actions">
        <button
          type="button"
          className="button"
          aria-disabled={testing || undefined}
          onClick={() => !testing && void testConnection(profile.id)}
        >
          Test connection
        </button>
        {secret.recheck ? (
          <button type="button" className="button" onClick={() => void Promise.all([reload(), reloadInfo()])}>
            Check again
          </button>
        ) : null}
        {!profile.sandbox ? (
          <>
            <button id={cardIds.edit} type="button" className="button" onClick={onEdit}>
              Edit
            </button>
            <button id={cardIds.remove} type="button" className="button button-danger" onClick={onRemove}>
              Remove profile
            </button>
          </>
        ) : null}
      </div>
      <ConnectionResult state={test} />

      {!profile.sandbox ? <SecretForm profile={profile} /> : null}
    </li>
  );
}
