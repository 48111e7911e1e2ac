/**
 * HTTP calls to the StrongAuthenticationService connector. Only a 401 is retried (once, with a new token):
 * a 401 means nothing was sent to the phone. Timeouts, 5xx and network errors are never retried, because a
 * retried Begin is a second push.
 */
import type { z } from 'zod';
import { abortError, type Clock } from '../../services/clock.js';
import { HttpError, type HttpClient, type HttpResponse } from '../../services/http.js';
import type { Logger } from '../../services/log.js';
import type { ProviderOutcome } from '../types.js';
import type { TokenFailure } from './aadsts.js';
import type { ConnectorOp, EntraEndpoints } from './cloud.js';
import { transportOutcome } from '../shared/outcomes.js';
import { appError, entraCtx, httpStatusOutcome, malformed } from './outcomes.js';
import { beginResponseSchema, endResponseSchema, methodsResponseSchema } from './schemas.js';
import type { BeginResponse, EndResponse, MethodsResponse } from './schemas.js';
import type { TokenSource } from './token.js';
import { buildBeginRequest, buildEndRequest, buildMethodsRequest, type BeginRequest, type EndRequest } from './xml.js';
import { parseXml, XmlParseError } from './xml-parse.js';

export type CallResult<T> = { ok: true; value: T } | { ok: false; outcome: ProviderOutcome };

export interface EntraConnectorClient {
  getAvailableMethods(upn: string, contextId: string, signal: AbortSignal): Promise<CallResult<MethodsResponse>>;
  begin(request: BeginRequest, signal: AbortSignal, timeoutMs: number): Promise<CallResult<BeginResponse>>;
  /** Posts End to `url`, which must come from chooseEndUrl. `pushPending` when End polls a push already sent. */
  end(url: string, request: EndRequest, signal: AbortSignal, pushPending: boolean): Promise<CallResult<EndResponse>>;
}

export interface ConnectorClientDeps {
  http: HttpClient;
  tokens: TokenSource;
  endpoints: EntraEndpoints;
  clock: Clock;
  logger: Logger;
  requestTimeoutMs: number;
}

interface Call<S extends z.ZodType> {
  op: ConnectorOp;
  url: string;
  body: string;
  schema: S;
  timeoutMs: number;
  /** A failure of this call may mean a push is on the phone (Begin, or End polling a sent push). */
  pushMayBeOut: boolean;
}

/** Creates the connector client of one provider instance. */
export function createConnectorClient(deps: ConnectorClientDeps): EntraConnectorClient {
  const { endpoints, requestTimeoutMs } = deps;
  return {
    getAvailableMethods: (upn, contextId, signal) =>
      call(deps, signal, {
        op: 'GetAvailableAuthenticationMethods',
        url: endpoints.opUrl('GetAvailableAuthenticationMethods'),
        body: buildMethodsRequest(upn, contextId),
        schema: methodsResponseSchema,
        timeoutMs: requestTimeoutMs,
        pushMayBeOut: false,
      }),
    begin: (request, signal, timeoutMs) =>
      call(deps, signal, {
        op: 'BeginTwoWayAuthentication',
        url: endpoints.opUrl('BeginTwoWayAuthentication'),
        body: buildBeginRequest(request),
        schema: beginResponseSchema,
        timeoutMs,
        pushMayBeOut: true,
      }),
    end: (url, request, signal, pushPending) =>
      call(deps, signal, {
        op: 'EndTwoWayAuthentication',
        url,
        body: buildEndRequest(request),
        schema: endResponseSchema,
        timeoutMs: requestTimeoutMs,
        pushMayBeOut: pushPending,
      }),
  };
}

async function call<S extends z.ZodType>(
  deps: ConnectorClientDeps,
  signal: AbortSignal,
  c: Call<S>,
): Promise<CallResult<z.output<S>>> {
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    const token = await deps.tokens.get(signal);
    if (!token.ok) return { ok: false, outcome: tokenOutcome(token.failure) };
    const started = deps.clock.now();
    let response: HttpResponse;
    try {
      response = await deps.http.request({
        method: 'POST',
        url: c.url,
        headers: {
          'Content-Type': 'text/xml; charset=utf-8',
          Accept: 'application/xml, text/xml',
          Authorization: `Bearer ${token.token}`,
        },
        body: c.body,
        timeoutMs: c.timeoutMs,
        signal,
      });
    } catch (error) {
      if (signal.aborted || (error instanceof HttpError && error.kind === 'aborted')) throw abortError();
      const kind = error instanceof HttpError ? error.kind : 'network';
      deps.logger.log('warn', 'entra.connector', { op: c.op, attempt, error: kind });
      const proxy = error instanceof HttpError ? error.proxy : null;
      return { ok: false, outcome: transportOutcome(kind, entraCtx(c.pushMayBeOut), c.timeoutMs, proxy) };
    }
    const latencyMs = deps.clock.now() - started;
    deps.logger.log('info', 'entra.connector', { op: c.op, attempt, status: response.status, latencyMs });
    if (response.status === 401 && attempt === 1) {
      deps.tokens.invalidate(token.token);
      continue;
    }
    if (response.status !== 200) return { ok: false, outcome: httpStatusOutcome(response.status, c.pushMayBeOut) };
    return readBody(response, c.schema, c.pushMayBeOut);
  }
  return { ok: false, outcome: httpStatusOutcome(401) };
}

function readBody<S extends z.ZodType>(response: HttpResponse, schema: S, pushMayBeOut: boolean): CallResult<z.output<S>> {
  let tree: Record<string, unknown>;
  try {
    tree = parseXml(response.body, response.contentType);
  } catch (error) {
    const outcome = malformed(error instanceof XmlParseError ? error.message : 'The response could not be read', pushMayBeOut);
    // Keep the parser's precise code (response_too_large, html_response) for the audit entry.
    return { ok: false, outcome: error instanceof XmlParseError ? { ...outcome, code: error.code } : outcome };
  }
  const parsed = schema.safeParse(tree);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, outcome: malformed('The answer had an unexpected shape', pushMayBeOut) };
}

/** Token failures whose message is already plain words for the agent (no status codes or service text). */
const PLAIN_TOKEN_FAILURES = new Set(['secret_missing', 'keychain_locked', 'keychain_unavailable', 'proxy_failed', 'timeout', 'network', 'bad_url', 'certificate_invalid']);

/**
 * A token failure as the outcome of a verification. The sign-in service's own words (AADSTS text, HTTP
 * status) go to the detail behind "Details for IT"; the fix is addressed to the administrator.
 */
export function tokenOutcome(failure: TokenFailure): ProviderOutcome {
  const titles: Record<string, string> = {
    secret_missing: 'This profile has no secret set',
    keychain_locked: 'The keychain is locked',
    keychain_unavailable: 'The keychain is not available',
  };
  const title = titles[failure.code] ?? 'The app could not sign in to Entra ID';
  const plain = PLAIN_TOKEN_FAILURES.has(failure.code);
  const message = plain ? failure.message : 'Entra ID refused the sign-in of this profile, so nothing was sent.';
  const forAdmin = 'Tell your administrator; “Test connection” in Settings shows the reason.';
  const nextSteps = plain ? failure.fix : failure.fix ? `Tell your administrator. The fix: ${failure.fix}` : forAdmin;
  return appError(failure.code, title, message, nextSteps, plain ? (failure.detail ?? null) : `${failure.code}: ${failure.message}`);
}
