/**
 * Sending one request to VisualGuard and reading its JSON answer within limits. Transport failures,
 * oversized and unreadable answers become outcomes here, so no flow ever sees a raw body.
 */
import type { z } from 'zod';
import { HttpError, type HttpRequest, type HttpResponse } from '../../services/http.js';
import { malformedOutcome, transportOutcome } from '../shared/outcomes.js';
import type { ProviderOutcome } from '../types.js';
import type { VgContext } from './context.js';

/** Largest JSON answer read (the documented VGResponse is about 4 KB). */
export const MAX_JSON_BYTES = 64 * 1024;

export type Sent = { ok: true; response: HttpResponse } | { ok: false; outcome: ProviderOutcome };
export type Read<T> = { ok: true; value: T } | { ok: false; outcome: ProviderOutcome };

/** Sends one request with the profile's deadline; a transport failure becomes an outcome. */
export async function send(ctx: VgContext, request: Omit<HttpRequest, 'timeoutMs'>): Promise<Sent> {
  try {
    return { ok: true, response: await ctx.deps.http.request({ ...request, timeoutMs: ctx.tuning.requestTimeoutMs }) };
  } catch (error) {
    if (error instanceof HttpError) return { ok: false, outcome: transportOutcome(error.kind, ctx.outcome, ctx.tuning.requestTimeoutMs) };
    throw error;
  }
}

/** True when the answer says it is JSON. */
export const isJson = (response: HttpResponse): boolean => /^application\/([\w.+-]*\+)?json\b/i.test(response.contentType.trim());

/** Parses JSON text with `schema`; anything else is a "could not be read" outcome with the reason in its detail. */
export function readJson<S extends z.ZodType>(ctx: VgContext, text: string, contentType: string, schema: S, what: string): Read<z.output<S>> {
  if (Buffer.byteLength(text) > MAX_JSON_BYTES) return { ok: false, outcome: transportOutcome('too_large', ctx.outcome, 0) };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const kind = /html/i.test(contentType) || /^\s*</.test(text) ? 'a web page' : 'not JSON';
    return { ok: false, outcome: malformedOutcome(ctx.outcome, `${what}: ${kind} (${contentType.slice(0, 60) || 'no content type'})`) };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || 'answer'}: ${issue.message}` : 'unexpected shape';
    return { ok: false, outcome: malformedOutcome(ctx.outcome, `${what}: ${where}`.slice(0, 300)) };
  }
  return { ok: true, value: parsed.data };
}
