/**
 * What the agent records after an outcome that is not an approval: "I did not proceed" and "I escalated to
 * security". Each becomes its own request-log row next to the verification's, so the audit shows what was
 * done about a denial or a fraud report, by whom and when.
 */
import type { VerificationDecision, VerificationView } from '../../../contract/domain.js';
import type { Clock } from '../clock.js';
import type { RequestLog } from '../db/request-log.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import { isLive, type Live } from './live.js';
import type { Transitions } from './transitions.js';

const actions: Record<VerificationDecision, { action: string; detail: string }> = {
  do_not_proceed: { action: 'verify.not_proceeded', detail: 'The agent did not proceed with the request.' },
  escalated: { action: 'verify.escalated', detail: 'The agent escalated the call to security.' },
};

export interface Recorder {
  record(live: Live, decision: VerificationDecision): VerificationView;
}

/** Creates the recorder of the agent's decisions; it writes through the request log and publishes the view. */
export function createRecorder(deps: { log: RequestLog; clock: Clock; logger: Logger; transitions: Transitions }): Recorder {
  return {
    record(live, decision) {
      if (isLive(live)) throw new AppError('conflict', 'The verification is still running. Wait for its outcome first.');
      // Why: an approval needs no "do not proceed"; recording one would contradict the outcome in the log.
      if (live.view.status === 'approved') throw new AppError('conflict', 'This verification was approved; there is nothing to record.');
      if (live.view.decisions[decision]) return { ...live.view };
      const { action, detail } = actions[decision];
      const view = live.view;
      try {
        deps.log.record(
          {
            action,
            target: view.subject,
            targetCanonical: live.subject.canonical,
            sandbox: view.sandbox,
            profileId: view.profileId,
            profileName: view.profileName,
            providerKind: view.providerKind,
            reason: view.reason,
            ticket: view.ticket,
            refs: { ...live.refs, verificationId: view.id },
          },
          { outcome: 'recorded', outcomeCode: view.code, detail: `${detail} Outcome of the verification: ${view.status}.` },
        );
      } catch (error) {
        deps.logger.log('error', 'audit_write_failed', { error: error instanceof Error ? error.message : 'unknown' });
        throw new AppError('internal', 'The request log could not be written, so this was not recorded. Check the disk and try again.');
      }
      live.view = { ...view, decisions: { ...view.decisions, [decision]: new Date(deps.clock.now()).toISOString() } };
      deps.transitions.publish(live);
      deps.transitions.auditChanged();
      return { ...live.view };
    },
  };
}
