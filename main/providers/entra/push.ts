/**
 * Push verification: one Begin with AuthenticationMethodId=PhoneAppNotification. Sync mode blocks in that
 * call; async mode polls End at the (checked) AffinityUrl with the shared poller until the deadline.
 */
import { deadlineOutcome } from '../shared/outcomes.js';
import { pollUntilDone, type PollAnswer } from '../shared/poller.js';
import type { ProviderOutcome, ProviderRefs, StartRequest, StepResult } from '../types.js';
import { chooseEndUrl } from './affinity.js';
import { challengeStep } from './challenge.js';
import { addBeginRefs, finalStep, type EntraContext } from './context.js';
import { appError, interpretBegin, interpretEnd } from './outcomes.js';

/** Sends one push and follows it to a final outcome (or a code challenge if Entra asks for one). */
export async function startPush(ctx: EntraContext, request: StartRequest): Promise<StepResult> {
  const sync = ctx.settings.mode === 'sync';
  const upn = request.subject.raw.trim();
  const refs: ProviderRefs = { contextId: request.contextId };
  const begun = await ctx.client.begin(
    {
      upn,
      contextId: request.contextId,
      methodId: 'PhoneAppNotification',
      overrideNumberMatchingWithOtp: false,
      syncCall: sync,
    },
    request.signal,
    sync ? (ctx.options.syncBeginTimeoutMs ?? ctx.settings.deadlineMs) : ctx.options.requestTimeoutMs,
  );
  if (!begun.ok) return finalStep(begun.outcome, refs);
  addBeginRefs(refs, begun.value);
  const reading = interpretBegin(begun.value, upn, sync);
  if (reading.kind === 'final') return finalStep(reading.outcome, refs);
  const session = {
    sessionId: begun.value.sessionId!,
    endUrl: chooseEndUrl(begun.value.affinityUrl, ctx.endpoints),
    upn,
    beginUpn: begun.value.upn,
  };
  if (reading.kind === 'challenge') {
    const message =
      'Entra ID asked for a code instead of a push (the user’s default method needs one). ' +
      'Ask the caller to read out the code from Microsoft Authenticator or the text message.';
    return challengeStep(ctx, { ...session, method: 'unknown', wrongCodes: 0 }, refs, message);
  }
  request.onRefs?.({ ...refs });
  request.onProgress?.({ delivered: true, note: 'The push was sent. Waiting for the user to answer it.' });
  return followAsyncPush(ctx, request, session, refs);
}

interface PollSession {
  sessionId: string;
  endUrl: string;
  upn: string;
  beginUpn: string | null;
}

async function followAsyncPush(ctx: EntraContext, request: StartRequest, session: PollSession, refs: ProviderRefs): Promise<StepResult> {
  const { pollIntervalMs, deadlineMs } = ctx.settings;
  const end = await pollUntilDone<ProviderOutcome>({
    clock: ctx.clock,
    signal: request.signal,
    intervalMs: pollIntervalMs,
    deadlineAt: ctx.clock.now() + deadlineMs,
    onPoll: (polls) => request.onProgress?.({ polls }),
    poll: async (): Promise<PollAnswer<ProviderOutcome>> => {
      const ended = await ctx.client.end(
        session.endUrl,
        { upn: session.upn, contextId: request.contextId, sessionId: session.sessionId, additionalAuthData: null },
        request.signal,
        true,
      );
      if (!ended.ok) return { kind: 'done', value: ended.outcome };
      const reading = interpretEnd(ended.value, session.upn, session.beginUpn);
      if (reading.kind === 'final') return { kind: 'done', value: reading.outcome };
      if (reading.kind === 'wrong_code') {
        return { kind: 'done', value: appError('unexpected_result', 'Entra ID did not confirm an approval', 'Entra ID answered in a way that does not fit a push, so nothing was approved.', undefined, 'End reported a wrong code for a push') };
      }
      return { kind: 'pending' };
    },
  });
  if (end.kind === 'done') return finalStep(end.value, refs);
  return finalStep(deadlineOutcome(Math.round(deadlineMs / 1000)), refs);
}
