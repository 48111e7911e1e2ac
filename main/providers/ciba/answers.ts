/**
 * Reads what the two CIBA endpoints answered, from the raw exchange first and openid-client's verdict
 * second: both must agree before anything counts. Every HTTP answer has exactly one reading.
 */
import { retryAfterMs, type PollAnswer } from '../shared/poller.js';
import { ambiguousOutcome, errorOutcome, httpStatusOutcome, malformedOutcome, transportOutcome, type OutcomeContext } from '../shared/outcomes.js';
import type { ProviderOutcome } from '../types.js';
import type { CallRecord } from './client.js';
import { checkIdToken, type IdTokenExpectation } from './id-token.js';
import { initiateErrorOutcome } from './initiate-errors.js';
import type { JwksCache } from '../shared/jwks.js';
import { approvedOutcome, idTokenFailureOutcome, readPollError } from './outcomes.js';
import { readJsonObject } from '../shared/json.js';
import { hasErrorMember, initiateResponseSchema, oauthErrorSchema, tokenResponseSchema, type OAuthError } from './schemas.js';
import type { HttpResponse } from '../../services/http.js';

export type InitiateRead =
  | { ok: true; authReqId: string; expiresIn: number; interval: number | null }
  | { ok: false; outcome: ProviderOutcome };

type Single = { ok: true; response: HttpResponse } | { ok: false; outcome: ProviderOutcome };

/** The one HTTP answer of a call, or the outcome when there is none (transport failure, nothing sent). */
function singleAnswer(call: CallRecord<unknown>, ctx: OutcomeContext, timeoutMs: number): Single {
  const [first, ...rest] = call.exchanges;
  if (!first) {
    const detail = `request not sent: ${libraryCode(call.library)}`;
    return { ok: false, outcome: errorOutcome('client_error', 'Request not sent', 'The app could not prepare the request. Nothing was sent.', 'Check this profile’s settings. If it happens again, report it to your administrator.', detail) };
  }
  if (rest.length > 0) return { ok: false, outcome: ambiguousOutcome('client_error', 'Unexpected extra request', 'The app sent more than one request for one step.', `${call.exchanges.length} requests`) };
  if (first.kind === 'failed') return { ok: false, outcome: transportOutcome(first.error.kind, ctx, timeoutMs) };
  return { ok: true, response: first.response };
}

/** An OAuth error body on a 4xx answer, or null. */
function oauthError(response: HttpResponse): OAuthError | null {
  if (response.status < 400 || response.status >= 500) return null;
  const body = readJsonObject(response);
  if (!body.ok) return null;
  const parsed = oauthErrorSchema.safeParse(body.value);
  return parsed.success ? parsed.data : null;
}

/** A non-200 answer that is not a CIBA error: the shared status and malformed readings. */
function otherAnswer(response: HttpResponse, ctx: OutcomeContext): ProviderOutcome {
  return response.status >= 300 ? httpStatusOutcome(response.status, ctx) : malformedOutcome(ctx, `HTTP ${response.status} instead of 200`);
}

/** The JSON object of a 200 answer, refusing one that also carries `error` (never a success). */
function successBody(response: HttpResponse, ctx: OutcomeContext): { ok: true; value: unknown } | { ok: false; outcome: ProviderOutcome } {
  const body = readJsonObject(response);
  if (!body.ok) return { ok: false, outcome: malformedOutcome(ctx, body.detail) };
  if (hasErrorMember(body.value)) return { ok: false, outcome: malformedOutcome(ctx, 'HTTP 200 with an error member') };
  return body;
}

/** Reads the backchannel authentication answer. */
export function readInitiate(call: CallRecord<unknown>, ctx: OutcomeContext, timeoutMs: number): InitiateRead {
  const single = singleAnswer(call, ctx, timeoutMs);
  if (!single.ok) return single;
  const { response } = single;
  if (response.status !== 200) {
    const error = oauthError(response);
    return { ok: false, outcome: error ? initiateErrorOutcome(response.status, error, ctx) : otherAnswer(response, ctx) };
  }
  const body = successBody(response, ctx);
  if (!body.ok) return body;
  const parsed = initiateResponseSchema.safeParse(body.value);
  if (!parsed.success) return { ok: false, outcome: malformedOutcome(ctx, 'backchannel answer without a usable auth_req_id, expires_in or interval') };
  if (!call.library.ok) return { ok: false, outcome: malformedOutcome(ctx, `openid-client refused the answer: ${libraryCode(call.library)}`) };
  const { auth_req_id, expires_in, interval } = parsed.data;
  return { ok: true, authReqId: auth_req_id, expiresIn: expires_in, interval: interval ?? null };
}

export interface PollContext {
  ctx: OutcomeContext;
  timeoutMs: number;
  expected: Omit<IdTokenExpectation, 'now'>;
  jwks: JwksCache;
  now(): number;
  signal: AbortSignal;
}

/** Reads one poll's answer: still pending, slow down, or a final outcome. */
export async function readPoll(call: CallRecord<unknown>, poll: PollContext): Promise<PollAnswer<ProviderOutcome>> {
  const done = (value: ProviderOutcome): PollAnswer<ProviderOutcome> => ({ kind: 'done', value });
  const single = singleAnswer(call, poll.ctx, poll.timeoutMs);
  if (!single.ok) return done(single.outcome);
  const { response } = single;
  if (response.status === 200) return done(await readTokenAnswer(call, response, poll));
  const error = oauthError(response);
  if (!error) return done(otherAnswer(response, poll.ctx));
  const reading = readPollError(response.status, error, poll.ctx);
  if (reading.kind === 'final') return done(reading.outcome);
  if (reading.kind === 'pending') return { kind: 'pending' };
  return { kind: 'slow_down', retryAfterMs: retryAfterMs(response.headers['retry-after'], poll.now()) };
}

async function readTokenAnswer(call: CallRecord<unknown>, response: HttpResponse, poll: PollContext): Promise<ProviderOutcome> {
  const body = successBody(response, poll.ctx);
  if (!body.ok) return body.outcome;
  const tokens = tokenResponseSchema.safeParse(body.value);
  if (!tokens.success) return malformedOutcome(poll.ctx, 'token answer without a usable access_token or token_type');
  const check = await checkIdToken(tokens.data.id_token, { ...poll.expected, now: poll.now() }, poll.jwks, poll.signal);
  if (!check.ok) return idTokenFailureOutcome(check.failure, check.detail, poll.ctx);
  // Both readings must agree: openid-client's own checks (token type, claims) veto an answer ours accepted.
  if (!call.library.ok) return malformedOutcome(poll.ctx, `openid-client refused the token answer: ${libraryCode(call.library)}`);
  return approvedOutcome(check.identity);
}

/** A short, secret-free name for what the library threw. */
function libraryCode(library: CallRecord<unknown>['library']): string {
  if (library.ok) return 'none';
  const error = library.error as { code?: unknown; name?: unknown } | null;
  const code = typeof error?.code === 'string' ? error.code : typeof error?.name === 'string' ? error.name : 'error';
  return code.slice(0, 60);
}
