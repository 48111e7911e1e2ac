/**
 * Push verification: one Begin with AuthenticationMethodId=PhoneAppNotification. Sync mode blocks in that
 * call; async mode polls End at the (checked) AffinityUrl until the deadline.
 */
import type { ProviderOutcome, ProviderRefs, StartRequest, StepResult } from '../types.js';
import { chooseEndUrl } from './affinity.js';
import { challengeStep } from './challenge.js';
import { addBeginRefs, finalStep, type EntraContext } from './context.js';
import { appError, interpretBegin, interpretEnd } from './outcomes.js';

/** Sends one push and follows it to a final outcome (or a code challenge if Entra asks for one). */
export async function startPush(ctx: EntraContext, request: StartRequest): Promise<StepResult> {
  const sync = ctx.settings.mode === 'sync';
  const refs: ProviderRefs = { contextId: request.contextId };
  const begun = await ctx.client.begin(
    {
      upn: request.upn,
      contextId: request.contextId,
      methodId: 'PhoneAppNotification',
      overrideNumberMatchingWithOtp: false,
      syncCall: sync,
    },
    request.signal,
    sync ? ctx.options.syncBeginTimeoutMs : ctx.options.requestTimeoutMs,
  );
  if (!begun.ok) return finalStep(begun.outcome, refs);
  addBeginRefs(refs, begun.value);
  const reading = interpretBegin(begun.value, request.upn, sync);
  if (reading.kind === 'final') return finalStep(reading.outcome, refs);
  const session = {
    sessionId: begun.value.sessionId!,
    endUrl: chooseEndUrl(begun.value.affinityUrl, ctx.endpoints),
    upn: request.upn,
    beginUpn: begun.value.upn,
  };
  if (reading.kind === 'challenge') {
    const message =
      'Entra ID asked for a code instead of a push (the user’s default method needs one). ' +
      'Ask the caller to read out the code from Microsoft Authenticator or the text message.';
    return challengeStep(ctx, { ...session, method: 'unknown', wrongCodes: 0 }, refs, message);
  }
  request.onRefs?.({ ...refs });
  return pollUntilDone(ctx, request, session, refs);
}

interface PollSession {
  sessionId: string;
  endUrl: string;
  upn: string;
  beginUpn: string | null;
}

async function pollUntilDone(
  ctx: EntraContext,
  request: StartRequest,
  session: PollSession,
  refs: ProviderRefs,
): Promise<StepResult> {
  const { pollIntervalMs, deadlineMs } = ctx.settings;
  const deadline = ctx.clock.now() + deadlineMs;
  // Bounded twice: by the clock and by a poll count, so a stuck clock cannot poll forever.
  const maxPolls = Math.ceil(deadlineMs / pollIntervalMs) + 1;
  for (let poll = 0; poll < maxPolls; poll += 1) {
    const wait = Math.min(pollIntervalMs, deadline - ctx.clock.now());
    if (wait <= 0) break;
    await ctx.clock.sleep(wait, request.signal);
    const ended = await ctx.client.end(
      session.endUrl,
      { upn: session.upn, contextId: request.contextId, sessionId: session.sessionId, additionalAuthData: null },
      request.signal,
    );
    if (!ended.ok) return finalStep(ended.outcome, refs);
    const reading = interpretEnd(ended.value, session.upn, session.beginUpn);
    if (reading.kind === 'final') return finalStep(reading.outcome, refs);
    if (reading.kind === 'wrong_code') {
      const odd = appError('unexpected_result', 'Not verified', 'Entra ID reported a wrong code for a push.');
      return finalStep(odd, refs);
    }
  }
  return finalStep(deadlineOutcome(deadlineMs), refs);
}

function deadlineOutcome(deadlineMs: number): ProviderOutcome {
  return {
    status: 'timeout',
    code: 'deadline_exceeded',
    title: 'No response',
    message: `Nobody answered the request on the user’s phone within ${Math.round(deadlineMs / 1000)} seconds.`,
    nextSteps: 'Ask the caller to check their phone, then start a new verification once. Do not send repeated pushes.',
  };
}
