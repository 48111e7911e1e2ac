/**
 * The simulated phone of the sandbox profile: who can be verified, the prompts "on the phone", and the
 * fault the sandbox provider injects into its next response. Follows sandbox changes while mounted.
 */
import { useEffect, useId } from 'react';
import type { PhonePrompt, SandboxUserView } from '../../../../contract/domain';
import { faultLabel, faultOptions, isFault } from '../../lib/faults';
import { formatLocalTime } from '../../lib/format';
import { api } from '../../lib/api';
import { useSandbox } from '../../stores/sandbox';
import { Notice } from '../Notice';

const promptKinds: Record<PhonePrompt['kind'], string> = {
  push: 'Push notification',
  voice: 'Phone call',
  sms: 'Text message',
};

function PromptCard({ prompt }: { prompt: PhonePrompt }) {
  const ids = useId();
  const respond = useSandbox((s) => s.respond);
  const answering = useSandbox((s) => !!s.answering[prompt.id]);
  return (
    <li className="phone-prompt" data-testid="phone-prompt">
      <div role="group" aria-labelledby={`${ids}-title`}>
        <p id={`${ids}-title`} className="phone-prompt-title">
          {promptKinds[prompt.kind]} for <span className="phone-prompt-upn">{prompt.upn}</span>
        </p>
        <p className="phone-prompt-time">
          Received <time dateTime={prompt.receivedAt}>{formatLocalTime(prompt.receivedAt)}</time>
        </p>
        {prompt.kind === 'sms' && prompt.code ? (
          <p className="phone-prompt-code">
            Code: <span className="sms-code">{prompt.code}</span>
          </p>
        ) : null}
        <div className="phone-actions">
          <button type="button" className="button" disabled={answering} onClick={() => void respond(prompt.id, 'approve')}>
            Approve
          </button>
          <button type="button" className="button" disabled={answering} onClick={() => void respond(prompt.id, 'deny')}>
            Deny
          </button>
          <button
            type="button"
            className="button button-danger"
            disabled={answering}
            onClick={() => void respond(prompt.id, 'fraud')}
          >
            Report fraud
          </button>
          <button type="button" className="button button-quiet" disabled={answering} onClick={() => void respond(prompt.id, 'ignore')}>
            Ignore
          </button>
        </div>
      </div>
    </li>
  );
}

function UserList({
  users,
  onPick,
  disabled,
}: {
  users: SandboxUserView[];
  onPick: (upn: string) => void;
  disabled: boolean;
}) {
  if (users.length === 0) return <p className="field-note">The sandbox has no users.</p>;
  return (
    <ul className="sandbox-users">
      {users.map((user) => (
        <li key={user.upn}>
          <button type="button" className="sandbox-user" disabled={disabled} onClick={() => onPick(user.upn)}>
            <span className="sandbox-user-upn">{user.upn}</span>
            <span className="sandbox-user-description">{user.description}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function PhonePanel({ onPickUser, pickDisabled }: { onPickUser: (upn: string) => void; pickDisabled: boolean }) {
  const ids = useId();
  const view = useSandbox((s) => s.view);
  const error = useSandbox((s) => s.error);
  const load = useSandbox((s) => s.load);
  const apply = useSandbox((s) => s.apply);
  const setFault = useSandbox((s) => s.setFault);

  useEffect(() => {
    const unsubscribe = api().events.onSandboxChanged(apply);
    void load();
    return unsubscribe;
  }, [load, apply]);

  return (
    <aside className="card phone-panel" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="card-title">
        Simulated phone
      </h2>
      <p className="phone-intro">
        This is the sandbox: pushes to sandbox users appear here instead of on a real phone.
      </p>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {view && !view.enabled ? <Notice tone="warning">The sandbox is turned off in this build.</Notice> : null}

      <h3 className="section-title">On the phone</h3>
      <div aria-live="polite">
        {view && view.prompts.length > 0 ? (
          <ul className="phone-prompts">
            {view.prompts.map((prompt) => (
              <PromptCard key={prompt.id} prompt={prompt} />
            ))}
          </ul>
        ) : (
          <p className="field-note">No prompts waiting.</p>
        )}
      </div>

      <div className="field fault-field">
        <label htmlFor={`${ids}-fault`}>Next provider response</label>
        <select
          id={`${ids}-fault`}
          value={view?.nextFault ?? 'none'}
          disabled={!view}
          onChange={(event) => {
            if (isFault(event.target.value)) void setFault(event.target.value);
          }}
        >
          {faultOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        {view && view.nextFault !== 'none' ? (
          <p className="field-hint fault-armed">
            The next call to the sandbox provider will answer: {faultLabel(view.nextFault)}.
          </p>
        ) : null}
      </div>

      <h3 className="section-title">Sandbox users</h3>
      <p className="field-hint">Choose one to fill in the target account.</p>
      {view ? <UserList users={view.users} onPick={onPickUser} disabled={pickDisabled} /> : <p className="field-note">Loading…</p>}
    </aside>
  );
}
