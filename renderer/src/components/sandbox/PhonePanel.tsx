/**
 * The simulated phone of the sandbox: the prompts of every simulated provider "on the phone" (with the
 * binding message the real phone would show), its authenticator app (accounts added by scanning the QR on
 * screen, each with its rolling code), the users of the selected sandbox profile, and the fault its
 * simulator injects into its next answer. Follows sandbox changes while mounted.
 */
import { useEffect, useId } from 'react';
import type { PhoneAction, PhonePrompt, SandboxBackendView, SandboxUserView } from '../../../../contract/domain';
import { formatLocalTime } from '../../lib/format';
import { api } from '../../lib/api';
import { useSandbox } from '../../stores/sandbox';
import { Breakable } from '../Breakable';
import { Notice } from '../Notice';
import { useNow } from '../useNow';

const promptKinds: Record<PhonePrompt['kind'], string> = {
  push: 'Push notification',
  voice: 'Phone call',
  sms: 'Text message',
  otp: 'Authenticator app',
  totp: 'Authenticator app',
};

const actionLabels: Record<PhoneAction, string> = {
  approve: 'Approve',
  deny: 'Deny',
  fraud: 'Report fraud',
  ignore: 'Ignore',
};

/** An account in the phone's authenticator app: the code it shows now and when it changes. */
function TotpAccountCard({ prompt }: { prompt: PhonePrompt }) {
  const ids = useId();
  const respond = useSandbox((s) => s.respond);
  const answering = useSandbox((s) => !!s.answering[prompt.id]);
  const now = useNow(true);
  const left = prompt.validUntil ? Math.max(0, Math.ceil((Date.parse(prompt.validUntil) - now) / 1000)) : null;
  const code = prompt.code ?? '';
  return (
    <li className="phone-prompt phone-totp" data-testid="phone-totp">
      <div role="group" aria-labelledby={`${ids}-title`}>
        <p id={`${ids}-title`} className="phone-prompt-title">
          {promptKinds.totp}:{' '}
          <span className="phone-prompt-upn">
            <Breakable text={prompt.subject} />
          </span>
        </p>
        <p className="phone-prompt-time">{prompt.source}</p>
        <p className="phone-totp-code" data-testid="phone-totp-code" aria-label={`Code ${code.split('').join(' ')}`}>
          {code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code}
        </p>
        {left !== null ? <p className="phone-prompt-time">{left > 0 ? `New code in ${left} s` : 'New code coming…'}</p> : null}
        <div className="phone-actions">
          <button type="button" className="button button-quiet" aria-disabled={answering || undefined} onClick={() => !answering && void respond(prompt.id, 'ignore')}>
            Remove account
          </button>
        </div>
      </div>
    </li>
  );
}

/** The phone's camera pointed at the QR code on screen (Enroll screen only). */
function ScanButton() {
  const scan = useSandbox((s) => s.scanScreen);
  const scanning = useSandbox((s) => s.scanning);
  return (
    <div className="phone-scan">
      <button type="button" className="button" aria-disabled={scanning || undefined} onClick={() => !scanning && void scan()}>
        {scanning ? 'Scanning…' : 'Scan the QR code on screen'}
      </button>
      <p className="field-hint">Like the user pointing Microsoft Authenticator at your screen: the phone reads the picture, nothing else.</p>
    </div>
  );
}

/** One sentence for the phone's live region: how many prompts wait, never their buttons. */
function promptSummary(prompts: readonly PhonePrompt[]): string {
  if (prompts.length === 0) return 'No prompts on the simulated phone.';
  const first = prompts[0]!;
  const more = prompts.length > 1 ? ` and ${prompts.length - 1} more` : '';
  return `Simulated phone: ${promptKinds[first.kind].toLowerCase()} for ${first.subject}${more}.`;
}

function PromptCard({ prompt }: { prompt: PhonePrompt }) {
  if (prompt.kind === 'totp') return <TotpAccountCard prompt={prompt} />;
  return <PushCard prompt={prompt} />;
}

function PushCard({ prompt }: { prompt: PhonePrompt }) {
  const ids = useId();
  const respond = useSandbox((s) => s.respond);
  const answering = useSandbox((s) => !!s.answering[prompt.id]);
  return (
    <li className="phone-prompt" data-testid="phone-prompt">
      <div role="group" aria-labelledby={`${ids}-title`}>
        <p id={`${ids}-title`} className="phone-prompt-title">
          {promptKinds[prompt.kind]} for{' '}
          <span className="phone-prompt-upn">
            <Breakable text={prompt.subject} />
          </span>
        </p>
        <p className="phone-prompt-time">
          {prompt.source}, received <time dateTime={prompt.receivedAt}>{formatLocalTime(prompt.receivedAt)}</time>
        </p>
        {prompt.bindingMessage ? (
          <p className="phone-prompt-binding" data-testid="phone-binding-message">
            Code shown: <span className="binding-code">{prompt.bindingMessage}</span>
          </p>
        ) : null}
        {(prompt.kind === 'sms' || prompt.kind === 'otp') && prompt.code ? (
          <p className="phone-prompt-code">
            Code: <span className="sms-code">{prompt.code}</span>
          </p>
        ) : null}
        <div className="phone-actions">
          {prompt.actions.map((action) => (
            <button
              key={action}
              type="button"
              className={action === 'fraud' ? 'button button-danger' : action === 'ignore' ? 'button button-quiet' : 'button'}
              aria-disabled={answering || undefined}
              onClick={async () => {
                if (answering) return;
                await respond(prompt.id, action);
                // The answered prompt leaves the phone: keep focus on the phone until the outcome takes it.
                window.setTimeout(() => {
                  if (!document.activeElement || document.activeElement === document.body) document.getElementById('simulated-phone')?.focus();
                }, 0);
              }}
            >
              {actionLabels[action]}
            </button>
          ))}
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
  onPick: (subject: string) => void;
  disabled: boolean;
}) {
  if (users.length === 0) return <p className="field-note">This sandbox profile has no users.</p>;
  return (
    <ul className="sandbox-users">
      {users.map((user) => (
        <li key={user.subject}>
          <button type="button" className="sandbox-user" disabled={disabled} onClick={() => onPick(user.subject)}>
            <span className="sandbox-user-upn">
              <Breakable text={user.subject} />
            </span>
            <span className="sandbox-user-description">{user.description}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function FaultChoice({ backend }: { backend: SandboxBackendView }) {
  const ids = useId();
  const setFault = useSandbox((s) => s.setFault);
  const armed = backend.faults.find((f) => f.id === backend.nextFault);
  return (
    <div className="field fault-field">
      <label htmlFor={`${ids}-fault`}>Next provider response</label>
      <select
        id={`${ids}-fault`}
        value={backend.nextFault}
        onChange={(event) => void setFault(backend.profileId, event.target.value)}
      >
        {backend.faults.map((fault) => (
          <option key={fault.id} value={fault.id}>
            {fault.label}
          </option>
        ))}
      </select>
      {armed && armed.id !== 'none' ? (
        <p className="field-hint fault-armed">The next call to this sandbox provider will answer: {armed.label}.</p>
      ) : null}
    </div>
  );
}

export function PhonePanel({
  profileId,
  onPickUser,
  pickDisabled,
  scanner = false,
  pickHint = 'Choose one to fill in the target account.',
}: {
  /** The selected sandbox profile: its users and faults are shown. */
  profileId: string | null;
  onPickUser: (profileId: string, subject: string) => void;
  pickDisabled: boolean;
  /** Offer to scan the QR code on screen with the phone's authenticator app. */
  scanner?: boolean;
  pickHint?: string;
}) {
  const view = useSandbox((s) => s.view);
  const error = useSandbox((s) => s.error);
  const load = useSandbox((s) => s.load);
  const apply = useSandbox((s) => s.apply);
  const backend = view?.backends.find((b) => b.profileId === profileId) ?? null;

  useEffect(() => {
    const unsubscribe = api().events.onSandboxChanged(apply);
    void load();
    return unsubscribe;
  }, [load, apply]);

  return (
    <aside className="card phone-panel" aria-labelledby="simulated-phone">
      <h2 id="simulated-phone" className="card-title" tabIndex={-1}>
        Simulated phone
      </h2>
      <p className="phone-intro">
        This is the sandbox: pushes to sandbox users, and the accounts its authenticator app has scanned, appear here instead of on a real phone.
      </p>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {view && !view.enabled ? <Notice tone="warning">The sandbox is turned off. Turn it on in Settings.</Notice> : null}
      {scanner && view?.enabled ? <ScanButton /> : null}

      <h3 className="section-title">On the phone</h3>
      <p className="visually-hidden" role="status">
        {view ? promptSummary(view.prompts) : ''}
      </p>
      {view && view.prompts.length > 0 ? (
        <ul className="phone-prompts">
          {view.prompts.map((prompt) => (
            <PromptCard key={prompt.id} prompt={prompt} />
          ))}
        </ul>
      ) : (
        <p className="field-note">No prompts waiting.</p>
      )}

      {backend && backend.faults.length > 0 ? <FaultChoice backend={backend} /> : null}

      <h3 className="section-title">Sandbox users</h3>
      <p className="field-hint">{pickHint}</p>
      {backend ? (
        <UserList users={backend.users} onPick={(subject) => onPickUser(backend.profileId, subject)} disabled={pickDisabled} />
      ) : (
        <p className="field-note">{view ? 'Select a sandbox profile.' : 'Loading…'}</p>
      )}
    </aside>
  );
}
