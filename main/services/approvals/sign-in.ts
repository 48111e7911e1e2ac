/**
 * The first step of an approver's step-up: the password goes to the provider in one request and is dropped
 * with this call's frame. The answer is the list of the approver's authenticators, or enrollment when
 * there is none, or a failure in plain words.
 */
import type { StepUpProvider } from '../../providers/step-up.js';
import { fail, type FlowContext } from './flow.js';
import { NO_WORDS, type StepUp } from './state.js';

export const signInStep = {
  create(id: string, releaseId: string, username: string, provider: StepUpProvider, now: number): StepUp {
    return {
      id,
      releaseId,
      username,
      provider,
      status: 'signing_in',
      authenticators: [],
      session: null,
      challenge: null,
      factor: null,
      words: NO_WORDS,
      polls: 0,
      controller: new AbortController(),
      enrollment: null,
      recoveryCode: null,
      recoveryShown: false,
      logId: null,
      startedAt: now,
      endedAt: null,
    };
  },

  async run(ctx: FlowContext, s: StepUp, password: string): Promise<void> {
    const release = ctx.releaseOf(s);
    s.logId = ctx.audit.begin(release, 'approval.signin', s.username, { stepUpId: s.id });
    ctx.changed(release);
    const result = await s.provider.signIn({ username: s.username, password, signal: s.controller.signal });
    if (s.status !== 'signing_in') {
      // Cancelled meanwhile: a session that arrived late is dropped at once.
      if (result.kind === 'mfa') s.provider.forget(result.session);
      return;
    }
    if (result.kind === 'failed') return fail(ctx, s, result.failure);
    s.session = result.session;
    s.authenticators = result.authenticators;
    const factors = [...new Set(result.authenticators.map((a) => a.factor))].join(', ') || 'none';
    ctx.audit.finish(s.logId!, 'mfa_required', null, `authenticators: ${factors}`);
    s.logId = null;
    if (result.authenticators.length > 0) {
      s.status = 'choose_factor';
      return;
    }
    s.status = 'enroll';
    s.words = {
      title: 'Enrollment needed',
      message: 'You have no second factor enrolled in Auth0 yet.',
      nextSteps: 'Enroll one below. Enrolling does not approve the release: you sign in again afterwards.',
    };
  },
};
