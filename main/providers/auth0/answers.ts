/** Reads one Auth0 answer: a usable success body, or exactly one reading of the error it carries. */
import { hasErrorMember, oauthErrorSchema } from '../shared/json.js';
import type { Auth0Context } from './context.js';
import { fail, readError, type ErrorReading, type Stage } from './failures.js';
import type { Answer } from './transport.js';

export type Reading = { kind: 'ok'; status: number; body: unknown } | ErrorReading;

/** A 2xx answer with a JSON body (never one that also carries `error`), or the error reading. */
export function readAnswer(ctx: Auth0Context, answer: Answer, stage: Stage): Reading {
  const failed = (failure: ReturnType<typeof fail.malformed>): Reading => ({ kind: 'failed', failure });
  if (answer.kind === 'failed') return failed(fail.transport(answer.error, ctx.tuning.requestTimeoutMs));
  const { status, body } = answer;
  if (status >= 200 && status < 300) {
    if (!body.ok) return failed(fail.malformed(body.detail));
    if (hasErrorMember(body.value)) return failed(fail.malformed(`HTTP ${status} with an error member`));
    return { kind: 'ok', status, body: body.value };
  }
  if (!body.ok) return failed(status >= 300 ? fail.httpStatus(status) : fail.malformed(body.detail));
  const error = oauthErrorSchema.safeParse(body.value);
  if (!error.success) return failed(status >= 400 ? fail.httpStatus(status) : fail.malformed(`HTTP ${status} without an OAuth error`));
  return readError(stage, status, error.data);
}
