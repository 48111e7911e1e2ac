/**
 * The verification as it runs and as it ends. The outcome is a large icon plus one word; only `approved` is
 * ever green or shows a check mark (see lib/status). Each change of status moves focus to the heading, which
 * carries the word and who did what: that is how it is announced, once (the panel has no live region).
 */
import type { VerificationView } from '../../../../contract/domain';
import { elapsedBetween, formatElapsed, formatLocalTime } from '../../lib/format';
import { isLive, presentView } from '../../lib/status';
import { useVerification } from '../../stores/verification';
import { Breakable } from '../Breakable';
import { Notice } from '../Notice';
import { DetailsForIt, Fact, OutcomeHead } from '../Outcome';
import { useNow } from '../useNow';
import { CodeEntry } from './CodeEntry';
import { NextSteps } from './NextSteps';

/** Time since the verification started; ticks every second while it is live. */
function Elapsed({ view }: { view: VerificationView }) {
  const now = useNow(isLive(view.status));
  return <span className="elapsed-value">{formatElapsed(elapsedBetween(view.startedAt, view.endedAt, now))}</span>;
}

function Meta({ view }: { view: VerificationView }) {
  const live = isLive(view.status);
  return (
    <dl className="status-meta">
      <Fact term="Account">
        <Breakable text={view.subject} />
      </Fact>
      <Fact term="Ticket">{view.ticket}</Fact>
      {view.reasonType ? <Fact term="Request type">{view.reasonType}</Fact> : null}
      {view.assurance ? (
        <Fact term="Assurance" testId="assurance">
          <strong>{view.assurance.level.toUpperCase()}</strong>: {view.assurance.basis}
          {view.assurance.met ? '' : ` (this account needs ${view.assurance.required.toUpperCase()})`}
          {view.assurance.approvedBy ? `; approved by ${view.assurance.approvedBy.operator}${view.assurance.approvedBy.via === 'attested' ? ' (named at this desk, not signed in)' : ''}` : ''}
        </Fact>
      ) : null}
      <Fact term="Profile">{view.profileName}</Fact>
      <Fact term="Mode">{view.mode === 'push' ? 'Push' : 'Code read-back'}</Fact>
      <Fact term="Started">
        <time dateTime={view.startedAt}>{formatLocalTime(view.startedAt)}</time>
      </Fact>
      <Fact term={live ? 'Elapsed' : 'Took'}>
        <Elapsed view={view} />
      </Fact>
    </dl>
  );
}

function Progress({ view }: { view: VerificationView }) {
  return (
    <>
      {view.progress.bindingMessage ? (
        <div className="binding-message" data-testid="binding-message">
          <p className="binding-message-label">Read this code to the caller</p>
          <p className="binding-message-text">{view.progress.bindingMessage}</p>
          <p className="binding-message-hint">
            The request on their phone shows the same code. They approve only if the codes match.
          </p>
        </div>
      ) : null}
      {view.progress.note || view.progress.polls > 0 ? (
        <p className="status-progress" data-testid="status-progress">
          {view.progress.note}
          {view.progress.polls > 0 ? ` Checked ${view.progress.polls} ${view.progress.polls === 1 ? 'time' : 'times'} so far.` : ''}
        </p>
      ) : null}
      {view.script ? (
        <div className="agent-script">
          <p className="agent-script-label">Say to the caller</p>
          <p className="agent-script-text" data-testid="agent-script">
            {view.script}
          </p>
        </div>
      ) : null}
    </>
  );
}

export function StatusPanel({ view, onNew }: { view: VerificationView; onNew: () => void }) {
  const presentation = presentView(view);
  const live = isLive(view.status);
  const cancel = useVerification((s) => s.cancel);
  const cancelBusy = useVerification((s) => s.cancelBusy);
  const codeBusy = useVerification((s) => s.codeBusy);
  const actionError = useVerification((s) => s.actionError);
  // While a code is checked the verification is briefly pending again; the code entry stays, with focus.
  const codeShown = view.status === 'awaiting_code' || (codeBusy && view.status === 'pending');

  return (
    <section
      className={`card status-panel tone-${presentation.tone}`}
      data-testid="verification-outcome"
      data-status={view.status}
      aria-labelledby="status-heading"
    >
      <OutcomeHead
        id="status-heading"
        icon={presentation.icon}
        word={presentation.word}
        title={view.title}
        focus={!codeShown}
        focusKey={`${view.id} ${view.status}`}
      />
      <p className="status-message">{view.message}</p>
      {!view.recorded && !live ? (
        <p className="status-unrecorded" role="alert" data-testid="not-recorded">
          This result is not in the audit log yet (the app cannot write to its database; the disk may be full). Do not proceed
          with the reset or release until this message goes away: the app keeps retrying and updates this panel when it is
          recorded.
        </p>
      ) : null}

      {!live ? <DetailsForIt code={view.code} detail={view.detail} /> : null}

      {live ? <Progress view={view} /> : null}
      {codeShown ? <CodeEntry key={view.id} attemptsLeft={view.otpAttemptsLeft} /> : null}
      {actionError ? <Notice tone="error">{actionError}</Notice> : null}

      <Meta view={view} />

      {live ? (
        <div className="status-actions">
          <button type="button" className="button button-danger" aria-disabled={cancelBusy || undefined} onClick={() => !cancelBusy && void cancel()}>
            Cancel verification
          </button>
        </div>
      ) : (
        <NextSteps view={view} onNew={onNew} />
      )}
    </section>
  );
}

/** Shown between Send and the first answer from main (there is no verification id yet); takes focus. */
export function SendingPanel() {
  return (
    <section className="card status-panel tone-live" aria-labelledby="sending-heading" data-testid="sending">
      <OutcomeHead id="sending-heading" icon="waiting" word="SENDING" title="The app is contacting the identity provider…" focus focusKey="sending" />
    </section>
  );
}
