/**
 * What the agent does after an outcome. APPROVED says what may now happen. DENIED and FRAUD make "Do not
 * proceed" the primary action (recorded in the audit log) with an escalation step, and put "Start a new
 * verification" in second place, as after any outcome where a push may still be on the phone.
 */
import { useEffect, useRef, useState } from 'react';
import type { VerificationDecision, VerificationView } from '../../../../contract/domain';
import { formatLocalTime } from '../../lib/format';
import { useVerification } from '../../stores/verification';
import { Breakable } from '../Breakable';
import { ProofNeeded } from './ProofNeeded';
import { TokenPanel } from './TokenPanel';

/** Outcomes after which the agent must not proceed and should escalate: the account holder said no. */
const refusals: ReadonlySet<VerificationView['status']> = new Set(['denied', 'fraud']);

/** A line saying a decision was recorded; takes focus when it appears (it replaces the button pressed). */
function Recorded({ at, children, focus }: { at: string; children: string; focus: boolean }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <p ref={ref} tabIndex={-1} className="recorded" data-testid="recorded">
      {children} Recorded in the audit log at <time dateTime={at}>{formatLocalTime(at)}</time>.
    </p>
  );
}

function useRecord() {
  const record = useVerification((s) => s.record);
  const [busy, setBusy] = useState<VerificationDecision | null>(null);
  const [pressed, setPressed] = useState<VerificationDecision | null>(null);
  const run = async (decision: VerificationDecision) => {
    if (busy) return;
    setBusy(decision);
    setPressed(decision);
    await record(decision);
    setBusy(null);
  };
  return { busy, pressed, run };
}

/** Where to turn after a denial or a fraud report; opened from "Escalate to security". */
function Escalation({ view, onRecord, busy, justRecorded }: { view: VerificationView; onRecord: () => void; busy: boolean; justRecorded: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section className="escalation" aria-labelledby="escalation-heading" data-testid="escalation">
      <h3 id="escalation-heading" ref={ref} tabIndex={-1} className="escalation-title">
        Escalate to security
      </h3>
      <ol className="escalation-steps">
        <li>Do not reset anything for this account, and do not tell the caller why.</li>
        <li>
          Tell your security team now, by your organisation’s escalation route. Give them: ticket {view.ticket}, the account{' '}
          <Breakable text={view.subject} />, the time ({formatLocalTime(view.endedAt ?? view.startedAt)}), the outcome, and the number the caller is
          calling from.
        </li>
        <li>If the account holder can be reached on a number you already have on file, let security decide whether to call them.</li>
      </ol>
      {view.decisions.escalated ? (
        <Recorded at={view.decisions.escalated} focus={justRecorded}>
          You escalated this call to security.
        </Recorded>
      ) : (
        <button type="button" className="button button-primary" aria-disabled={busy || undefined} onClick={onRecord}>
          Record that I escalated it
        </button>
      )}
    </section>
  );
}

/** The next steps and actions of a finished verification. */
export function NextSteps({ view, onNew }: { view: VerificationView; onNew: () => void }) {
  // Why `recorded`: an approval the audit log does not hold yet must not read as one to act on.
  const approved = view.status === 'approved' && view.recorded;
  const refused = refusals.has(view.status);
  const insufficient = view.status === 'insufficient';
  const { busy, pressed, run } = useRecord();
  const [escalating, setEscalating] = useState(false);
  // A push may still be on the phone, the holder said no, or this approval needs completing: a new
  // verification is not the next step.
  const newIsSecondary = refused || view.ambiguous || insufficient;

  return (
    <>
      {insufficient ? <ProofNeeded view={view} /> : null}
      {!insufficient && ((view.nextSteps && (approved || view.status !== 'approved')) || refused) ? (
        <div className={approved ? 'next-steps next-steps-approved' : 'next-steps'} data-testid="next-steps">
          <p className="next-steps-title">{approved ? 'What you may do now' : 'What to do now'}</p>
          {view.nextSteps ? <p className="next-steps-text">{view.nextSteps}</p> : null}
          {approved ? <TokenPanel view={view} /> : null}
          {refused ? (
            <div className="next-steps-actions">
              {view.decisions.do_not_proceed ? (
                <Recorded at={view.decisions.do_not_proceed} focus={pressed === 'do_not_proceed'}>
                  You did not proceed with the request.
                </Recorded>
              ) : (
                <button
                  type="button"
                  className="button button-primary"
                  aria-disabled={busy !== null || undefined}
                  onClick={() => void run('do_not_proceed')}
                >
                  Do not proceed — record it
                </button>
              )}
              {escalating ? null : (
                <button type="button" className="button" onClick={() => setEscalating(true)}>
                  Escalate to security
                </button>
              )}
            </div>
          ) : null}
          {refused && escalating ? (
            <Escalation
              view={view}
              busy={busy !== null}
              justRecorded={pressed === 'escalated'}
              onRecord={() => void run('escalated')}
            />
          ) : null}
        </div>
      ) : null}

      <div className={newIsSecondary ? 'status-actions status-actions-secondary' : 'status-actions'}>
        {newIsSecondary ? (
          <p className="secondary-note">
            {refused
              ? 'When you have done the above and this call is over:'
              : insufficient
                ? 'Only if the caller cannot complete the above:'
                : 'Only for a different call: another push to this account now would look like push-bombing.'}
          </p>
        ) : null}
        <button type="button" className={newIsSecondary ? 'button button-quiet' : 'button button-primary'} onClick={onNew}>
          Start a new verification
        </button>
      </div>
    </>
  );
}
