/**
 * Requests to one Auth0 tenant through the app's hardened HTTP client: only the tenant's own MFA API paths,
 * the client authentication openid-client builds (client secret basic or post, private key JWT) added to form
 * and JSON bodies alike, and every answer read as JSON (object or array) or refused with a short reason.
 */
import type { ClientAuth } from 'openid-client';
import { abortError } from '../../services/clock.js';
import { HttpError, type HttpErrorKind } from '../../services/http.js';
import { readJsonValue, type JsonRead } from '../shared/json.js';
import type { Auth0Context } from './context.js';

export const PATHS = {
  token: '/oauth/token',
  challenge: '/mfa/challenge',
  authenticators: '/mfa/authenticators',
  associate: '/mfa/associate',
} as const;

export type Answer =
  | { kind: 'response'; status: number; body: JsonRead; headers: Record<string, string> }
  | { kind: 'failed'; error: HttpErrorKind };

export interface Auth0Request {
  method: 'GET' | 'POST';
  path: keyof typeof PATHS;
  /** application/x-www-form-urlencoded body (the token endpoint). */
  form?: Record<string, string>;
  /** JSON body (/mfa/challenge, /mfa/associate). */
  json?: Record<string, unknown>;
  /** The mfa_token as a bearer (/mfa/authenticators, /mfa/associate). */
  bearer?: string;
  /** Client authentication, added to the body (or the Authorization header for basic). */
  auth?: ClientAuth;
  signal: AbortSignal;
}

/** Sends one request; a transport failure is an answer too (never thrown), except a cancel. */
export async function send(ctx: Auth0Context, request: Auth0Request): Promise<Answer> {
  const params = new URLSearchParams(request.form);
  const headers = new Headers({ Accept: 'application/json' });
  // Why the issuer as the assertion audience: Auth0 expects aud = https://{tenant}/ for private key JWT.
  if (request.auth) await request.auth({ issuer: ctx.issuer }, { client_id: ctx.settings.clientId }, params, headers);
  if (request.bearer) headers.set('Authorization', `Bearer ${request.bearer}`);
  let body: string | undefined;
  if (request.json) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify({ ...Object.fromEntries(params), ...request.json });
  } else if (request.method === 'POST') {
    headers.set('Content-Type', 'application/x-www-form-urlencoded');
    body = params.toString();
  }
  try {
    const response = await ctx.deps.http.request({
      method: request.method,
      url: `${ctx.base}${PATHS[request.path]}`,
      headers: Object.fromEntries(headers),
      ...(body === undefined ? {} : { body }),
      timeoutMs: ctx.tuning.requestTimeoutMs,
      signal: request.signal,
    });
    return { kind: 'response', status: response.status, body: readJsonValue(response), headers: response.headers };
  } catch (error) {
    if (error instanceof HttpError) {
      if (error.kind === 'aborted') throw abortError();
      return { kind: 'failed', error: error.kind };
    }
    throw error;
  }
}
