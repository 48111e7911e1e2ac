/**
 * openid-client's `customFetch`, sent through the app's hardened HTTP client (no redirects, size caps,
 * deadlines, TLS ≥ 1.2, explicit proxy). Every exchange is also recorded raw, because the library's reading
 * of an answer is not enough on its own: a 200 that also carries `error` must never count as a success.
 */
import type { CustomFetch, CustomFetchOptions } from 'openid-client';
import { HttpError, type HttpClient, type HttpResponse } from '../../services/http.js';

/** One request as it went out and what came back (an answer, or a transport failure). */
export type Exchange =
  | { kind: 'response'; method: 'GET' | 'POST'; url: string; response: HttpResponse }
  | { kind: 'failed'; method: 'GET' | 'POST'; url: string; error: HttpError };

export interface FetchBridgeOptions {
  http: HttpClient;
  /** The verification's cancel signal. */
  signal: AbortSignal;
  timeoutMs: number;
  /** Which requests may be sent; anything else is refused before it leaves the machine. */
  allows(method: string, url: string): boolean;
}

export interface FetchBridge {
  fetch: CustomFetch;
  /** The exchanges since the last call, oldest first. */
  take(): Exchange[];
}

/** True when the URL is plain http to a loopback address (the only case openid-client may allow http). */
export function isLoopbackHttp(value: string): boolean {
  const url = new URL(value);
  return url.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
}

/** Response headers that may be handed to the library (the HTTP client keeps only a short list anyway). */
const PASSED_HEADERS = ['retry-after', 'www-authenticate', 'dpop-nonce', 'cache-control', 'pragma'];
/** Statuses a Response may not carry a body with. */
const NO_BODY = new Set([101, 204, 205, 304]);

export function createFetchBridge(options: FetchBridgeOptions): FetchBridge {
  let exchanges: Exchange[] = [];
  const fetch: CustomFetch = async (url, init) => {
    const method = init.method === 'GET' ? 'GET' : init.method === 'POST' ? 'POST' : null;
    if (method === null || !options.allows(method, url)) {
      const error = new HttpError('bad_url', 'The request was not one this profile may send');
      exchanges.push({ kind: 'failed', method: method ?? 'GET', url, error });
      throw error;
    }
    try {
      // Why only our signal: the library's own timeout would abort with a reason the HTTP client reads as a
      // cancel; our client enforces the same deadline itself and reports it as a timeout.
      const response = await options.http.request({
        method,
        url,
        headers: outgoingHeaders(init),
        ...(method === 'POST' ? { body: bodyText(init.body) } : {}),
        timeoutMs: options.timeoutMs,
        signal: options.signal,
      });
      exchanges.push({ kind: 'response', method, url, response });
      return toResponse(response);
    } catch (error) {
      const failure = error instanceof HttpError ? error : new HttpError('network', 'The request failed');
      exchanges.push({ kind: 'failed', method, url, error: failure });
      throw failure;
    }
  };
  return {
    fetch,
    take() {
      const taken = exchanges;
      exchanges = [];
      return taken;
    },
  };
}

/** The library's headers minus its user agent (the HTTP client sends the app's own). */
function outgoingHeaders(init: CustomFetchOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(init.headers)) {
    if (name.toLowerCase() !== 'user-agent') headers[name] = value;
  }
  return headers;
}

/** Form bodies only: the library sends URLSearchParams (or nothing). Anything else is refused. */
function bodyText(body: CustomFetchOptions['body']): string {
  if (body instanceof URLSearchParams) return body.toString();
  if (typeof body === 'string') return body;
  throw new HttpError('bad_url', 'Unexpected request body type');
}

function toResponse(answer: HttpResponse): Response {
  const headers = new Headers();
  if (answer.contentType) headers.set('content-type', answer.contentType);
  for (const name of PASSED_HEADERS) {
    const value = answer.headers[name];
    if (value !== undefined) headers.set(name, value);
  }
  // Response refuses statuses outside 200–599; such an answer is never a success anyway.
  const status = answer.status >= 200 && answer.status <= 599 ? answer.status : 502;
  return new Response(NO_BODY.has(status) ? null : answer.body, { status, headers });
}
