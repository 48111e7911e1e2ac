/**
 * The enrollment as it runs and as it ends. While it waits: the QR code (large enough to scan from another
 * screen), the time-step countdown, the code field. At the end: one unmistakable word and what to tell the
 * user next. ENROLLED never takes the green of APPROVED: an enrollment does not verify the caller. Each end
 * moves focus to the heading, which carries the word: that is how it is announced (no live region).
 */
import type { EnrollmentView } from '../../../../contract/domain';
import { formatElapsed } from '../../lib/format';
import { isLiveEnrollment, presentEnrollment } from '../../lib/enrollRules';
import { useEnrollment } from '../../stores/enrollment';
import { Breakable } from '../Breakable';
import { Notice } from '../Notice';
import { DetailsForIt, Fact, OutcomeHead } from '../Outcome';
import { useNow } from '../useNow';
import { EnrollCodeEntry } from './EnrollCodeEntry';
import { EnrollFacts } from './EnrollFacts';
import { SetupKey } from './SetupKey';
import { StepCountdown } from './StepCountdown';

function ExpiresIn({ at }: { at: string }) {
  const now = useNow(true);
  return <span data-testid="enroll-expiry">{formatElapsed(Date.parse(at) - now)}</span>;
}

export function EnrollPanel({ view, onNew }: { view: EnrollmentView; onNew: () => void }) {
  const presentation = presentEnrollment(view.status);
  const live = isLiveEnrollment(view.status);
  const cancel = useEnrollment((s) => s.cancel);
  const cancelBusy = useEnrollment((s) => s.cancelBusy);
  const actionError = useEnrollment((s) => s.actionError);
  const nextTitle = view.status === 'enrolled' ? 'What to tell the user' : 'What to do now';

  return (
    <section className={`card status-panel enroll-panel tone-${presentation.tone}`} data-testid="enrollment-outcome" data-status={view.status} aria-labelledby="enroll-status-heading">
      {/* The outcome takes focus when the enrollment ends, so it is announced; while waiting the code field has it. */}
      <OutcomeHead id="enroll-status-heading" icon={presentation.icon} word={presentation.word} title={view.title} focus={!live} focusKey={view.id} />
      <p className="status-message">{view.message}</p>

      {live && view.qr ? (
        <div className="enroll-qr-block">
          <figure className="enroll-qr-frame">
            <img className="enroll-qr" data-testid="enroll-qr" src={view.qr} alt={`QR code to add ${view.accountLabel ?? view.subject} to an authenticator app`} />
            <figcaption className="enroll-qr-label">{view.accountLabel}</figcaption>
          </figure>
          <div className="enroll-qr-side">
            <StepCountdown period={view.period} />
            {view.expiresAt ? (
              <p className="field-hint">
                This QR code stops working in <ExpiresIn at={view.expiresAt} />.
              </p>
            ) : null}
            <EnrollCodeEntry attemptsLeft={view.attemptsLeft} busy={view.status === 'checking'} />
            {view.setupKeyAvailable ? <SetupKey /> : null}
          </div>
        </div>
      ) : null}

      {!live ? <DetailsForIt code={view.code} detail={view.detail} /> : null}

      {!live && view.nextSteps ? (
        <div className="next-steps" role="note" aria-label={nextTitle}>
          <p className="next-steps-title">{nextTitle}</p>
          <p className="next-steps-text">{view.nextSteps}</p>
        </div>
      ) : null}

      <EnrollFacts view={view} />
      {actionError ? <Notice tone="error">{actionError}</Notice> : null}

      <dl className="status-meta">
        <Fact term="Account">
          <Breakable text={view.subject} />
        </Fact>
        <Fact term="Ticket">{view.ticket}</Fact>
        <Fact term="Profile">{view.profileName}</Fact>
      </dl>

      <div className="status-actions">
        {live ? (
          <button
            type="button"
            className="button button-danger"
            aria-disabled={cancelBusy || view.status === 'checking' || undefined}
            onClick={() => !cancelBusy && view.status !== 'checking' && void cancel()}
          >
            Cancel enrollment
          </button>
        ) : (
          <button type="button" className="button button-primary" onClick={onNew}>
            Enroll another user
          </button>
        )}
      </div>
    </section>
  );
}
