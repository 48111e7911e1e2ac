/**
 * One CIBA session with openid-client: a Configuration built per verification (so its fetch carries that
 * verification's cancel signal and records every exchange), and the two calls the flow makes. Each call
 * sends exactly one request: openid-client retries only DPoP nonce errors, and no DPoP is used here.
 */
import {
  allowInsecureRequests,
  Configuration,
  customFetch,
  genericGrantRequest,
  initiateBackchannelAuthentication,
  type ClientAuth,
} from 'openid-client';
import type { CibaSettings } from '../../../contract/providers/ciba.js';
import type { HttpClient } from '../../services/http.js';
import { createFetchBridge, isLoopbackHttp, type Exchange } from '../shared/fetch-bridge.js';
import type { ServerInfo } from './server.js';

export const CIBA_GRANT = 'urn:openid:params:grant-type:ciba';

/** What one library call did: its own verdict, and the exchanges that really went over the wire. */
export interface CallRecord<T> {
  library: { ok: true; value: T } | { ok: false; error: unknown };
  exchanges: Exchange[];
}

export interface CibaSession {
  server: ServerInfo;
  /** POSTs the backchannel authentication request. */
  initiate(parameters: Record<string, string>): Promise<CallRecord<unknown>>;
  /** POSTs one token request for `authReqId` (one poll). */
  grant(authReqId: string): Promise<CallRecord<unknown>>;
}

export interface SessionOptions {
  settings: CibaSettings;
  server: ServerInfo;
  auth: ClientAuth;
  http: HttpClient;
  signal: AbortSignal;
  timeoutMs: number;
}

export function openSession(options: SessionOptions): CibaSession {
  const { server } = options;
  const targets = new Set([new URL(server.backchannelEndpoint).href, new URL(server.tokenEndpoint).href]);
  const bridge = createFetchBridge({
    http: options.http,
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    // Only the two CIBA endpoints are ever posted to: the secret or assertion goes nowhere else.
    allows: (method, url) => method === 'POST' && targets.has(url),
  });
  const config = new Configuration(server.metadata, options.settings.clientId, undefined, options.auth);
  config[customFetch] = bridge.fetch;
  // The library's own timer stays longer than ours, so our HTTP client's deadline is the one that fires.
  config.timeout = Math.ceil(options.timeoutMs / 1000) + 5;
  // Why only for loopback http: openid-client refuses http otherwise, which is what production needs.
  if ([server.issuer, server.backchannelEndpoint, server.tokenEndpoint].some((url) => isLoopbackHttp(url))) {
    allowInsecureRequests(config);
  }
  const record = async <T>(run: () => Promise<T>): Promise<CallRecord<T>> => {
    let library: CallRecord<T>['library'];
    try {
      library = { ok: true, value: await run() };
    } catch (error) {
      library = { ok: false, error };
    }
    return { library, exchanges: bridge.take() };
  };
  return {
    server,
    initiate: (parameters) => record(() => initiateBackchannelAuthentication(config, parameters)),
    // Why genericGrantRequest and not pollBackchannelAuthenticationGrant: the latter loops and waits on its
    // own timer; pacing, slow_down, the deadline and cancel must all be the shared poller's, one request a poll.
    grant: (authReqId) => record(() => genericGrantRequest(config, CIBA_GRANT, { auth_req_id: authReqId })),
  };
}
