/**
 * The verification as it runs and as it ends. The outcome is a large icon plus one word; only `approved` is
 * ever green or shows a check mark (see lib/status). Subscribes to verification updates while mounted.
 */
import { useEffect, useId, useRef } from 'react';
import type { VerificationView } from '../../../../contract/domain';
import { elapsedBetween, formatElapsed, formatLocalTime } from '../../lib/format';
import { isLive, presentView } from '../../lib/status';
import { useVerification } from '../../stores/verification';
import { Icon } from '../Icon';
import { Notice } from '../Notice';
import { useNow } from '../useNow';
import { CodeEntry } from './CodeEntry';

/** Time since the verification started; ticks every second while it is live. */
function Elapsed({ view }: { view: VerificationView }) {
  const now = useNow(isLive(view.status));
  return <span className="elapsed-value">{formatElapsed(elapsedBetween(view.startedAt, view.endedAt, now))}</span>;
}

export function StatusPanel({ view, onNew }: { view: VerificationView; onNew: () => void }) {
  const ids = useId();
  const presentation = presentView(view);
  const live = isLive(view.status);
  // Why `recorded`: an approval the audit log does not hold yet must not read as one to act on.
  const approved = view.status === 'approved' && view.recorded;
  const cancel = useVerification((s) => s.cancel);
  const cancelBusy = useVerification((s) => s.cancelBusy);
  const actionError = useVerification((s) => s.actionError);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Move focus to the outcome when the verification starts and when it ends, so it is announced.
  useEffect(() => {
    if (view.status !== 'awaiting_code') headingRef.current?.focus();
  }, [view.id, view.status, live]);

  return (
    <section
      className={`card status-panel tone-${presentation.tone}`}
      data-testid="verification-outcome"
      data-status={view.status}
      aria-labelledby={`${ids}-word`}
    >
      <div aria-live="polite" aria-atomic="true">
        <div className="status-head">
          <Icon name={presentation.icon} className="status-icon" />
          <div>
            <h2 id={`${ids}-word`} ref={headingRef} tabIndex={-1} className="status-word">
              {presentation.word}
            </h2>
            <p className="status-title">{view.title}</p>
          </div>
        </div>
        <p className="status-message">{view.message}</p>
        {!view.recorded && !live ? (
          <p className="status-unrecorded" role="alert" data-testid="not-recorded">
            This result is not in the audit log yet (the app cannot write to its database; the disk may be full). Do not proceed
            with the reset or release until this message goes away: the app keeps retrying and updates this panel when it is
            recorded.
          </p>
        ) : null}
      </div>
      {view.code && !live ? (
        <details className="status-details">
          <summary>Details for IT</summary>
          <p className="status-code">
            Code: <code>{view.code}</code>
          </p>
          {view.detail ? <p className="status-detail-text">{view.detail}</p> : null}
        </details>
      ) : null}

      {!live && !approved && view.nextSteps ? (
        <div className="next-steps" role="note" aria-label="What to do now">
          <p className="next-steps-title">What to do now</p>
          <p className="next-steps-text">{view.nextSteps}</p>
        </div>
      ) : null}
      {!live && approved && view.nextSteps ? <p className="status-note">{view.nextSteps}</p> : null}

      {live && view.progress.bindingMessage ? (
        <div className="binding-message" data-testid="binding-message">
          <p className="binding-message-label">Read this code to the caller</p>
          <p className="binding-message-text">{view.progress.bindingMessage}</p>
          <p className="binding-message-hint">
            The request on their phone shows the same code. They approve only if the codes match.
          </p>
        </div>
      ) : null}
      {live && (view.progress.note || view.progress.polls > 0) ? (
        <p className="status-progress" data-testid="status-progress">
          {view.progress.note}
          {view.progress.polls > 0 ? ` Checked ${view.progress.polls} ${view.progress.polls === 1 ? 'time' : 'times'} so far.` : ''}
        </p>
      ) : null}

      {live && view.script ? (
        <div className="agent-script">
          <p className="agent-script-label">Say to the caller</p>
          <p className="agent-script-text" data-testid="agent-script">
            {view.script}
          </p>
        </div>
      ) : null}

      {view.status === 'awaiting_code' ? <CodeEntry key={view.id} attemptsLeft={view.otpAttemptsLeft} /> : null}

      {actionError ? <Notice tone="error">{actionError}</Notice> : null}

      <dl className="status-meta">
        <div>
          <dt>Account</dt>
          <dd>{view.subject}</dd>
        </div>
        <div>
          <dt>Ticket</dt>
          <dd>{view.ticket}</dd>
        </div>
        <div>
          <dt>Profile</dt>
          <dd>{view.profileName}</dd>
        </div>
        <div>
          <dt>Mode</dt>
          <dd>{view.mode === 'push' ? 'Push' : 'Code read-back'}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>
            <time dateTime={view.startedAt}>{formatLocalTime(view.startedAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{live ? 'Elapsed' : 'Took'}</dt>
          <dd>
            <Elapsed view={view} />
          </dd>
        </div>
      </dl>

      <div className="status-actions">
        {live ? (
          <button type="button" className="button button-danger" onClick={() => void cancel()} disabled={cancelBusy}>
            Cancel verification
          </button>
        ) : (
          <button type="button" className="button button-primary" onClick={onNew}>
            Start a new verification
          </button>
        )}
      </div>
    </section>
  );
}

/** Shown between Send and the first answer from main (there is no verification id yet). */
export function SendingPanel() {
  return (
    <section className="card status-panel tone-live" aria-live="polite">
      <div className="status-head">
        <Icon name="waiting" className="status-icon" />
        <div>
          <h2 className="status-word">SENDING</h2>
          <p className="status-title">Contacting the identity provider…</p>
        </div>
      </div>
    </section>
  );
}
