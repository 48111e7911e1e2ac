/**
 * One approver's step-up, step by step: the factor chosen, codes typed, the Guardian push followed in the
 * background, and what a result means (approved, refused, enrolled, a wrong code to retry, failed). Each
 * request to Auth0 is begun in the audit log before it is sent and finished with its outcome.
 */
import { isAbortError } from '../clock.js';
import { AppError } from '../errors.js';
import type { FactorResult, StepUpFailure } from '../../providers/step-up.js';
import { qrPngDataUrl } from '../qr.js';
import { approveWith, type ApproveDeps } from './approve.js';
import type { ApprovalAudit } from './audit.js';
import type { Release } from './release.js';
import { isLive, NO_WORDS, wordsOf, type StepUp } from './state.js';

export interface FlowContext extends ApproveDeps {
  audit: ApprovalAudit;
  releaseOf(stepUp: StepUp): Release;
  /** Publishes the release's new state to the screen. */
  changed(release: Release): void;
}

/** Ends a step-up: its session's token is dropped at once and its wait (if any) stops. */
export function end(ctx: FlowContext, s: StepUp, status: StepUp['status'], words = s.words): void {
  s.status = status;
  s.words = words;
  s.endedAt = ctx.now();
  s.controller.abort();
  if (s.session) s.provider.forget(s.session);
  s.session = null;
  s.challenge = null;
  if (s.enrollment) s.enrollment = { ...s.enrollment, setupKey: null };
}

export function fail(ctx: FlowContext, s: StepUp, failure: StepUpFailure): void {
  if (s.logId) ctx.audit.finish(s.logId, 'failure', failure.code, failure.detail);
  s.logId = null;
  end(ctx, s, 'failed', wordsOf(failure));
}

function mustBe(s: StepUp, ...statuses: StepUp['status'][]): void {
  if (!statuses.includes(s.status)) throw new AppError('conflict', 'This sign-in is not at that step any more. Look at the screen for where it is now.');
}

/** Starts the challenge of one of the approver's authenticators. */
export async function chooseFactor(ctx: FlowContext, s: StepUp, authenticatorId: string): Promise<void> {
  mustBe(s, 'choose_factor');
  const authenticator = s.authenticators.find((a) => a.id === authenticatorId);
  if (!authenticator) throw new AppError('bad_request', 'authenticatorId: not one of this approver’s authenticators');
  const release = ctx.releaseOf(s);
  s.logId = ctx.audit.begin(release, 'approval.challenge', s.username, { stepUpId: s.id, factor: authenticator.factor });
  s.status = 'challenging';
  s.factor = authenticator.factor;
  s.words = NO_WORDS;
  ctx.changed(release);
  const result = await s.provider.challenge(s.session!, authenticator, s.controller.signal);
  if (s.status !== 'challenging') return;
  if (result.kind === 'failed') return fail(ctx, s, result.failure);
  if (result.kind === 'unavailable' || result.kind === 'enroll') {
    ctx.audit.finish(s.logId, 'refused', result.failure.code, result.failure.detail);
    s.logId = null;
    s.status = result.kind === 'enroll' ? 'enroll' : 'choose_factor';
    s.factor = null;
    s.words = wordsOf(result.failure);
    return;
  }
  ctx.audit.finish(s.logId, 'challenged', null, `${authenticator.factor} challenge started`);
  s.logId = null;
  s.challenge = result.challenge;
  if (result.challenge.input === 'push') return followPush(ctx, s);
  s.status = 'awaiting_code';
}

/** Polls for the push answer in the background; the screen follows through events. */
export function followPush(ctx: FlowContext, s: StepUp): void {
  const release = ctx.releaseOf(s);
  s.status = 'awaiting_push';
  s.logId = ctx.audit.begin(release, s.enrollment ? 'approval.enroll.confirm' : 'approval.push', s.username, { stepUpId: s.id });
  const { session, challenge } = s;
  void s.provider
    .waitForPush(session!, challenge!, {
      signal: s.controller.signal,
      onPoll: (polls) => {
        s.polls = polls;
        ctx.changed(release);
      },
    })
    .then((result) => complete(ctx, s, result))
    .catch((error: unknown) => {
      // A cancel already ended the step-up; anything else must still end it, never leave it waiting.
      if (!isAbortError(error) && isLive(s)) fail(ctx, s, { code: 'internal', title: 'Something went wrong', message: 'The app stopped waiting for the push. Nothing was approved.', nextSteps: 'Sign in again.', detail: error instanceof Error ? error.name : 'unknown' });
    })
    .finally(() => ctx.changed(release));
}

/** Checks a typed code (app code, texted code, recovery code, or the code that confirms an enrollment). */
export async function submitCode(ctx: FlowContext, s: StepUp, code: string): Promise<void> {
  mustBe(s, 'awaiting_code');
  const release = ctx.releaseOf(s);
  s.logId = ctx.audit.begin(release, s.enrollment ? 'approval.enroll.confirm' : 'approval.code', s.username, { stepUpId: s.id, factor: s.factor ?? 'unknown' });
  s.status = 'verifying';
  ctx.changed(release);
  const result = await s.provider.submitCode(s.session!, s.challenge!, code, s.controller.signal);
  if (s.status === 'verifying') await complete(ctx, s, result);
}

/** What a factor's result means for the step-up and its release. */
export async function complete(ctx: FlowContext, s: StepUp, result: FactorResult): Promise<void> {
  if (!isLive(s)) return;
  if (result.kind === 'failed') return fail(ctx, s, result.failure);
  if (result.kind === 'retry') {
    ctx.audit.finish(s.logId!, 'failure', result.failure.code, result.failure.detail);
    s.logId = null;
    s.status = 'awaiting_code';
    s.words = wordsOf(result.failure);
    return;
  }
  const release = ctx.releaseOf(s);
  ctx.audit.finish(s.logId!, 'verified', null, result.approver.detail, { subject: result.approver.subject, factor: result.factor });
  s.logId = null;
  s.recoveryCode = result.newRecoveryCode;
  if (s.enrollment) {
    // Why an enrollment never approves: with only the password, anyone could enroll their own phone first.
    s.recoveryCode = s.enrollment.recoveryCode;
    end(ctx, s, 'enrolled', {
      title: 'Second factor enrolled',
      message: 'Your new second factor is active in Auth0. Enrolling does not approve the release.',
      nextSteps: 'Sign in again and approve with the factor you just enrolled.',
    });
    return;
  }
  const approved = await approveWith(release, result.approver, result.factor, ctx);
  if (approved.kind === 'refused') {
    end(ctx, s, 'refused', { title: 'Not counted', message: approved.reason, nextSteps: 'Ask a different approver to sign in.' });
    return;
  }
  end(ctx, s, 'approved', {
    title: approved.complete ? 'Release approved' : 'Your approval is recorded',
    message: approved.complete
      ? 'Every required approver has confirmed this exact release. The signed receipt is below.'
      : `Your second factor confirmed this exact release. A second, different approver must approve it within ${release.windowMinutes} minutes.`,
    nextSteps: approved.complete ? null : 'Hand over to the second approver: they sign in with their own account.',
  });
}

/** Starts a first enrollment (the approver had no second factor). */
export async function startEnrollment(ctx: FlowContext, s: StepUp, request: Parameters<StepUp['provider']['enroll']>[1]): Promise<void> {
  mustBe(s, 'enroll');
  const release = ctx.releaseOf(s);
  s.logId = ctx.audit.begin(release, 'approval.enroll', s.username, { stepUpId: s.id, factor: request.kind });
  s.status = 'enrolling';
  s.words = NO_WORDS;
  ctx.changed(release);
  const result = await s.provider.enroll(s.session!, request, s.controller.signal);
  if (s.status !== 'enrolling') return;
  if (result.kind === 'failed') return fail(ctx, s, result.failure);
  ctx.audit.finish(s.logId, 'started', null, `${request.kind} association started`);
  s.logId = null;
  s.factor = result.challenge.factor;
  s.challenge = result.challenge;
  s.enrollment = {
    kind: request.kind,
    // Drawn in main: the otpauth URI holds the secret and never crosses to the renderer as text.
    qrPng: result.qrText ? await qrPngDataUrl(result.qrText) : null,
    setupKey: result.setupKey,
    recoveryCode: result.recoveryCode,
  };
  if (result.challenge.input === 'push') followPush(ctx, s);
  else s.status = 'awaiting_code';
}
