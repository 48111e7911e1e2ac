/**
 * One CIBA verification: read the secret, find the endpoints, send the backchannel request once (never
 * retried: a retry is a second push), show the binding code, then poll the token endpoint through the shared
 * poller until an answer, the deadline, too many slow_downs, or cancel.
 */
import { createHash } from 'node:crypto';
import { isAbortError } from '../../services/clock.js';
import { deadlineOutcome, errorOutcome, transportOutcome } from '../shared/outcomes.js';
import { pollUntilDone } from '../shared/poller.js';
import type { ProviderOutcome, ProviderRefs, StartRequest, StepResult } from '../types.js';
import { readInitiate, readPoll } from './answers.js';
import { newBindingMessage } from './binding.js';
import { openSession, type CibaSession } from './client.js';
import { finalStep, outcomeContext, type CibaContext } from './context.js';
import { clientAuthFor } from '../shared/client-auth.js';
import type { ExpectedSubject } from './id-token.js';
import { loginHintFor } from './login-hint.js';
import { slowDownLimitOutcome } from './outcomes.js';

/** Interval when the server names none (CIBA §7.3). */
const DEFAULT_INTERVAL_S = 5;

/** A reference to the request that is safe to store: a SHA-256 prefix, never the auth_req_id itself. */
export function authReqRef(authReqId: string): string {
  return `sha256:${createHash('sha256').update(authReqId).digest('hex').slice(0, 16)}`;
}

export async function startPush(ctx: CibaContext, request: StartRequest): Promise<StepResult> {
  const startedAt = ctx.deps.clock.now();
  const refs: ProviderRefs = { contextId: request.contextId };
  try {
    const session = await prepare(ctx, request.signal);
    if (!session.ok) return finalStep(session.outcome, refs);
    return await run(ctx, session.session, request, refs, startedAt);
  } catch (error) {
    if (isAbortError(error)) return finalStep(cancelled(ctx), refs);
    throw error;
  }
}

type Prepared = { ok: true; session: CibaSession } | { ok: false; outcome: ProviderOutcome };

async function prepare(ctx: CibaContext, signal: AbortSignal): Promise<Prepared> {
  const auth = await clientAuthFor(ctx.settings, await ctx.deps.readSecret());
  if (!auth.ok) {
    const fix = auth.code === 'secret_missing' ? 'Open the profile settings and save the secret.' : 'Open the profile settings and save the secret again.';
    return { ok: false, outcome: errorOutcome(auth.code, 'Profile not ready', `${auth.message} Nothing was sent.`, fix, null) };
  }
  const server = await ctx.server.get(signal);
  if (!server.ok) return server;
  const session = openSession({ settings: ctx.settings, server: server.server, auth: auth.auth, http: ctx.deps.http, signal, timeoutMs: ctx.tuning.requestTimeoutMs });
  return { ok: true, session };
}

async function run(ctx: CibaContext, session: CibaSession, request: StartRequest, refs: ProviderRefs, startedAt: number): Promise<StepResult> {
  const { settings } = ctx;
  const bindingMessage = settings.bindingMessage === 'code' ? newBindingMessage(settings.bindingPrefix) : null;
  const parameters: Record<string, string> = {
    scope: settings.scope,
    login_hint: loginHintFor(settings.loginHintFormat, session.server.issuer, request.subject.canonical),
    requested_expiry: String(settings.requestedExpiry),
  };
  if (bindingMessage) parameters.binding_message = bindingMessage;
  if (settings.audience) parameters.audience = settings.audience;

  const pushCtx = outcomeContext(ctx, true);
  const started = readInitiate(await session.initiate(parameters), pushCtx, ctx.tuning.requestTimeoutMs);
  if (!started.ok) return finalStep(started.outcome, refs);
  refs.authReq = authReqRef(started.authReqId);
  request.onRefs?.({ ...refs });
  request.onProgress?.({
    bindingMessage,
    note: bindingMessage
      ? `The request is on its way to the user’s phone. Read out the code ${bindingMessage}; the caller approves only if the phone shows it.`
      : 'The request is on its way to the user’s phone.',
  });

  const expected: ExpectedSubject =
    settings.loginHintFormat === 'email' ? { kind: 'email', value: request.subject.canonical } : { kind: 'sub', value: request.subject.canonical };
  const deadlineS = Math.min(started.expiresIn, settings.requestedExpiry);
  const end = await pollUntilDone({
    clock: ctx.deps.clock,
    signal: request.signal,
    intervalMs: (started.interval ?? DEFAULT_INTERVAL_S) * 1000,
    deadlineAt: startedAt + deadlineS * 1000,
    poll: async () =>
      readPoll(await session.grant(started.authReqId), {
        ctx: pushCtx,
        timeoutMs: ctx.tuning.requestTimeoutMs,
        expected: { issuer: session.server.issuer, clientId: settings.clientId, subject: expected, jwksUri: session.server.jwksUri },
        jwks: ctx.jwks,
        now: () => ctx.deps.clock.now(),
        signal: request.signal,
      }),
    onPoll: (polls) => request.onProgress?.({ polls }),
  });
  if (request.signal.aborted) return finalStep(cancelled(ctx), refs);
  if (end.kind === 'done') return finalStep(end.value, refs);
  if (end.kind === 'deadline') return finalStep(deadlineOutcome(deadlineS), refs);
  return finalStep(slowDownLimitOutcome(pushCtx, end.polls), refs);
}

function cancelled(ctx: CibaContext): ProviderOutcome {
  return transportOutcome('aborted', outcomeContext(ctx, true), ctx.tuning.requestTimeoutMs);
}
