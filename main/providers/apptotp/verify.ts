/**
 * Caller verification by read-back code against an enrolled account: ±1 time step, never the same step
 * twice (replay), and a limit of wrong codes per account with a lock-out that survives restarts.
 */
import { apptotpContract } from '../../../contract/providers/apptotp.js';
import { fromBase32, matchStep } from '../../services/totp.js';
import { errorOutcome } from '../shared/outcomes.js';
import type { ProviderOutcome, StartRequest, StepResult, SubmitCodeRequest } from '../types.js';
import { isLocked, readAccount, writeAccount } from './accounts.js';
import { lockedOutcome, NO_STORAGE, notEnrolledOutcome, STEP_WINDOW, type ApptotpContext } from './context.js';

/** The challenge handed to the verification service: only whose code is awaited. */
interface Challenge {
  account: string;
}

const final = (outcome: ProviderOutcome, contextId: string): StepResult => ({ kind: 'final', outcome, refs: { contextId } });

/** The one place this provider approves: a code of a new time step from the account's own secret. */
function approved(): ProviderOutcome {
  return { status: 'approved', code: 'code_valid', title: 'Verified', message: 'The code the caller read out matches their enrolled authenticator.', nextSteps: null };
}

function askMessage(ctx: ApptotpContext): string {
  return `Ask the caller to open their authenticator app, find the account under “${ctx.settings.issuer}” and read out the 6-digit code shown now.`;
}

/** Starts a code check: only for an enrolled account that is not locked. Sends nothing anywhere. */
export async function startCodeCheck(ctx: ApptotpContext, request: StartRequest): Promise<StepResult> {
  const { contextId } = request;
  if (request.mode !== 'otp') return final(errorOutcome('not_supported', 'Code only', 'This profile checks read-back codes only; nothing was sent.', null), contextId);
  const accounts = ctx.accounts;
  if (!accounts) return final(NO_STORAGE(), contextId);
  // Why check again: the subject decides whose secret is used; never trust that the caller canonicalised it.
  const checked = apptotpContract.checkSubject(ctx.settings, request.subject.canonical);
  if (!checked.ok) return final(errorOutcome('invalid_subject', 'Account not valid', `The account ${checked.message}.`, null), contextId);
  const now = ctx.deps.clock.now();
  const reading = readAccount(accounts, checked.canonical, now);
  if (reading.kind !== 'enrolled') return final(notEnrolledOutcome(reading.kind === 'damaged'), contextId);
  if (isLocked(reading.state, now)) return final(lockedOutcome(reading.state.lockedUntil!, false), contextId);
  if ((await accounts.getSecret(checked.canonical)) === null) return final(notEnrolledOutcome(true), contextId);
  const challenge: Challenge = { account: checked.canonical };
  return {
    kind: 'challenge',
    challenge,
    refs: { contextId },
    attemptsLeft: ctx.settings.maxAttempts - reading.state.failures,
    message: askMessage(ctx),
  };
}

/** Checks one code. A wrong or replayed code counts against the account; the last allowed one locks it. */
export function submitCode(ctx: ApptotpContext, request: SubmitCodeRequest): Promise<StepResult> {
  const { contextId } = request;
  const accounts = ctx.accounts;
  if (!accounts) return Promise.resolve(final(NO_STORAGE(), contextId));
  const challenge = request.challenge as Partial<Challenge> | null;
  // Why: a challenge opened for one account must never check (and approve) another account's code.
  if (typeof challenge?.account !== 'string' || challenge.account !== request.subject.canonical) {
    return Promise.resolve(final(errorOutcome('challenge_mismatch', 'Not verified', 'The code check did not belong to this account. Nothing was approved.', 'Start a new verification.'), contextId));
  }
  const account = challenge.account;
  return ctx.queue(account, async () => {
    const now = ctx.deps.clock.now();
    const reading = readAccount(accounts, account, now);
    if (reading.kind !== 'enrolled') return final(notEnrolledOutcome(reading.kind === 'damaged'), contextId);
    const state = reading.state;
    if (isLocked(state, now)) return final(lockedOutcome(state.lockedUntil!, false), contextId);
    const secret = fromBase32((await accounts.getSecret(account)) ?? '');
    if (!secret) return final(notEnrolledOutcome(true), contextId);
    const step = matchStep(secret, request.code, now, STEP_WINDOW);
    secret.fill(0);
    if (step !== null && step > state.lastStep) {
      writeAccount(accounts, account, { ...state, lastStep: step, failures: 0, lockedUntil: null });
      return final(approved(), contextId);
    }
    const failures = state.failures + 1;
    if (failures >= ctx.settings.maxAttempts) {
      const lockedUntil = now + ctx.settings.lockoutMinutes * 60_000;
      writeAccount(accounts, account, { ...state, failures, lockedUntil });
      return final(lockedOutcome(lockedUntil, true), contextId);
    }
    writeAccount(accounts, account, { ...state, failures, lockedUntil: null });
    // A code of an already accepted step is a replay: someone may have overheard it.
    const message =
      step !== null
        ? 'This code was already used (or a newer one was). Codes are accepted once: ask the caller to wait for the next code in the app and read it out.'
        : 'The code is not correct. Ask the caller to read out the code shown now (it changes every 30 seconds).';
    return { kind: 'challenge', challenge, refs: { contextId }, attemptsLeft: ctx.settings.maxAttempts - failures, message };
  });
}
