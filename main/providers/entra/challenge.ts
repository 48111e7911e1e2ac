/**
 * Code challenges: the opaque state handed to the verification service, and the End call that checks a
 * code the caller read back. Attempts left = maxWrongCodes − wrong codes so far (never below 0); the
 * simulator locks out on the wrong code after that, and so does this client if the service does not.
 */
import { z } from 'zod';
import { boundedString } from '../../../contract/bounds.js';
import type { ProviderRefs, StepResult, SubmitCodeRequest } from '../types.js';
import { chooseEndUrl } from './affinity.js';
import { finalStep, type EntraContext } from './context.js';
import { appError, interpretEnd, sameUpn } from './outcomes.js';

/** Validated on every submit: the state comes back from outside this module. */
const challengeStateSchema = z.object({
  sessionId: boundedString(200).min(1),
  endUrl: boundedString(2000).min(1),
  method: z.enum(['PhoneAppOTP', 'OneWaySMS', 'unknown']),
  upn: boundedString(400).min(1),
  beginUpn: boundedString(400).nullable(),
  wrongCodes: z.number().int().min(0).max(100),
});
export type ChallengeState = z.infer<typeof challengeStateSchema>;

const CODE_PATTERN = /^\d{6,8}$/;

/** A challenge step for `state`. */
export function challengeStep(
  ctx: EntraContext,
  state: ChallengeState,
  refs: ProviderRefs,
  message: string,
): StepResult {
  const attemptsLeft = Math.max(0, ctx.options.maxWrongCodes - state.wrongCodes);
  return { kind: 'challenge', challenge: state, refs: { ...refs }, attemptsLeft, message };
}

/** Checks one code with End (AdditionalAuthData). Wrong codes with attempts left give another challenge. */
export async function submitChallengeCode(ctx: EntraContext, request: SubmitCodeRequest): Promise<StepResult> {
  const refs: ProviderRefs = { contextId: request.contextId };
  const parsed = challengeStateSchema.safeParse(request.challenge);
  if (!parsed.success || !sameUpn(parsed.data.upn, request.subject.raw)) {
    const lost = appError(
      'invalid_challenge',
      'Verification state lost',
      'The code challenge does not belong to this verification.',
      'Start a new verification.',
    );
    return finalStep(lost, refs);
  }
  const state = parsed.data;
  refs.sessionId = state.sessionId;
  const code = request.code.replace(/\s/g, '');
  if (!CODE_PATTERN.test(code)) {
    return challengeStep(ctx, state, refs, 'Codes are 6 to 8 digits. Ask the caller to read the code again.');
  }
  const ended = await ctx.client.end(
    // Why: re-check the stored URL against the configured connector, as if it had just arrived.
    chooseEndUrl(state.endUrl, ctx.endpoints),
    { upn: state.upn, contextId: request.contextId, sessionId: state.sessionId, additionalAuthData: code },
    request.signal,
    false,
  );
  if (!ended.ok) return finalStep(ended.outcome, refs);
  const reading = interpretEnd(ended.value, state.upn, state.beginUpn);
  if (reading.kind === 'final') return finalStep(reading.outcome, refs);
  if (reading.kind === 'pending') {
    return challengeStep(ctx, state, refs, 'Entra ID has not checked a code yet. Ask the caller to read it again.');
  }
  return wrongCode(ctx, { ...state, wrongCodes: state.wrongCodes + 1 }, refs);
}

function wrongCode(ctx: EntraContext, state: ChallengeState, refs: ProviderRefs): StepResult {
  const max = ctx.options.maxWrongCodes;
  if (state.wrongCodes > max) {
    return finalStep(
      {
        status: 'locked_out',
        code: 'too_many_wrong_codes',
        title: 'The app stopped the check after too many wrong codes',
        message: `${state.wrongCodes} wrong codes were entered. Nothing was approved.`,
        nextSteps: 'Do not proceed. Verify the caller another way.',
      },
      refs,
    );
  }
  const left = max - state.wrongCodes;
  const warning =
    left === 0
      ? 'One more wrong code locks the method.'
      : `${left} more wrong ${left === 1 ? 'code is' : 'codes are'} allowed.`;
  return challengeStep(ctx, state, refs, `Wrong code. Ask the caller to read the current code again. ${warning}`);
}
