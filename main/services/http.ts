/**
 * Hardened HTTP client for provider calls (main process only), per security.md §4.2: no redirects, explicit
 * timeouts and size caps, text responses, TLS ≥ 1.2, keep-alive, proxy only when configured explicitly.
 */
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import axios, { AxiosError, type AxiosInstance } from 'axios';
import { HttpsProxyAgent } from 'https-proxy-agent';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Read the answer as bytes (an image) instead of text: `bytes` is set and `body` stays empty. */
  binary?: boolean;
}

export interface HttpResponse {
  status: number;
  contentType: string;
  body: string;
  /** Only for a `binary` request: the raw answer, within the same size cap. */
  bytes?: Buffer;
  /** The few response headers providers need (lower-case names); nothing else is kept. */
  headers: Record<string, string>;
}

/** Response headers passed on to providers: pacing and auth challenges, never cookies. */
export const keptResponseHeaders = ['content-type', 'retry-after', 'www-authenticate', 'dpop-nonce', 'cache-control', 'pragma'] as const;

export type HttpErrorKind = 'timeout' | 'aborted' | 'network' | 'too_large' | 'bad_url' | 'proxy';

/** The proxy a failed CONNECT went to, and its status (null when it could not be reached at all). */
export interface ProxyFailure {
  host: string;
  status: number | null;
}

/** Transport failure (no HTTP answer). Carries no request config: headers hold bearer tokens. */
export class HttpError extends Error {
  constructor(
    readonly kind: HttpErrorKind,
    message: string,
    readonly proxy: ProxyFailure | null = null,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * A CONNECT tunnel that fails as a transport error. Why: https-proxy-agent answers a non-200 CONNECT by
 * replaying the proxy's own reply as if the provider had sent it, so a proxy (or whoever controls one) could
 * put its text, e.g. "call this number", where the provider's answer is shown. Here a failed CONNECT never
 * becomes an HTTP response: it is an HttpError of kind 'proxy' naming the proxy and its status, nothing more.
 */
class TunnelOnlyProxyAgent extends HttpsProxyAgent<string> {
  private readonly proxyHost: string;

  constructor(proxyUrl: string, options: ConstructorParameters<typeof HttpsProxyAgent>[1]) {
    super(proxyUrl, options);
    this.proxyHost = new URL(proxyUrl).host;
  }

  override async connect(req: http.ClientRequest, opts: Parameters<HttpsProxyAgent<string>['connect']>[1]): Promise<net.Socket> {
    let status: number | null = null;
    req.once('proxyConnect', (connect: { statusCode?: number }) => {
      status = typeof connect.statusCode === 'number' ? connect.statusCode : 0;
    });
    let socket: net.Socket;
    try {
      socket = await super.connect(req, opts);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | null)?.code ?? 'no answer';
      throw new HttpError('proxy', `The proxy ${this.proxyHost} could not be reached (${code})`, { host: this.proxyHost, status: null });
    }
    if (status !== 200) {
      socket.destroy();
      throw new HttpError('proxy', `The proxy ${this.proxyHost} refused the tunnel (HTTP ${status ?? 'none'})`, { host: this.proxyHost, status });
    }
    return socket;
  }
}

export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
  /** Connections opened since creation (benchmarks check keep-alive reuse). */
  stats(): { connectionsOpened: number; requests: number };
  close(): void;
}

export interface HttpClientOptions {
  timeoutMs?: number;
  maxResponseBytes?: number;
  maxRequestBytes?: number;
  /**
   * Explicit proxy for https targets, from a profile's settings. Requests are tunnelled with CONNECT so TLS
   * stays end to end; environment proxy variables are ignored.
   */
  proxyUrl?: string;
  userAgent?: string;
}

export const defaultHttpOptions = {
  timeoutMs: 100_000,
  maxResponseBytes: 512 * 1024,
  maxRequestBytes: 64 * 1024,
} as const;

/** Creates the provider HTTP client. One instance per app; sockets are reused across profiles. */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  let connectionsOpened = 0;
  let requests = 0;
  const count = (socket: unknown): void => {
    if (socket) connectionsOpened += 1;
  };
  const tls = { keepAlive: true, maxSockets: 64, minVersion: 'TLSv1.2' } as const;
  // Node merges agent options into each request, so minVersion also applies to the TLS inside the tunnel.
  const httpsAgent = options.proxyUrl ? new TunnelOnlyProxyAgent(options.proxyUrl, tls) : new https.Agent(tls);
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  for (const agent of [httpsAgent, httpAgent]) {
    const create = agent.createConnection.bind(agent) as (...args: unknown[]) => unknown;
    (agent as unknown as { createConnection: (...args: unknown[]) => unknown }).createConnection = (
      ...args: unknown[]
    ) => {
      const socket = create(...args);
      count(socket);
      return socket;
    };
  }
  const instance: AxiosInstance = axios.create({
    timeout: options.timeoutMs ?? defaultHttpOptions.timeoutMs,
    maxRedirects: 0,
    maxContentLength: options.maxResponseBytes ?? defaultHttpOptions.maxResponseBytes,
    maxBodyLength: options.maxRequestBytes ?? defaultHttpOptions.maxRequestBytes,
    responseType: 'text',
    // Why: keep the body as the raw string; parsing happens in the provider with its own limits.
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    // Why: axios would otherwise read *_proxy variables, and its own proxy mode sends https in plaintext to the proxy.
    proxy: false,
    // No baseURL is set; every URL is absolute and checked above (https, or http to loopback only).
    allowAbsoluteUrls: false,
    httpAgent,
    httpsAgent,
    decompress: true,
    headers: { 'User-Agent': options.userAgent ?? 'MFA-Approver' },
  });

  return {
    async request(request) {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        throw new HttpError('bad_url', 'The provider URL is not valid');
      }
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
        throw new HttpError('bad_url', 'Provider URLs must use https');
      }
      requests += 1;
      const timeoutMs = request.timeoutMs ?? options.timeoutMs ?? defaultHttpOptions.timeoutMs;
      // Why a hard deadline: axios' timeout only fires on an idle socket, so a server that trickles bytes
      // could otherwise hold a request (and the token lock behind it) open forever.
      const deadline = AbortSignal.timeout(timeoutMs);
      try {
        const response = await instance.request<string>({
          method: request.method,
          url: url.toString(),
          headers: request.headers,
          data: request.body,
          timeout: timeoutMs,
          signal: request.signal ? AbortSignal.any([request.signal, deadline]) : deadline,
          ...(request.binary ? { responseType: 'arraybuffer' as const } : {}),
        });
        const contentType = String(response.headers['content-type'] ?? '');
        const headers: Record<string, string> = {};
        for (const name of keptResponseHeaders) {
          const value: unknown = response.headers[name];
          if (typeof value === 'string') headers[name] = value.slice(0, 1024);
        }
        if (request.binary) {
          const data: unknown = response.data;
          const bytes = Buffer.isBuffer(data) ? data : data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.alloc(0);
          return { status: response.status, contentType, body: '', bytes, headers };
        }
        return { status: response.status, contentType, body: typeof response.data === 'string' ? response.data : '', headers };
      } catch (error) {
        if (!request.signal?.aborted && deadline.aborted) throw new HttpError('timeout', 'The provider did not answer in time');
        throw toHttpError(error, request.signal);
      }
    },
    stats: () => ({ connectionsOpened, requests }),
    close() {
      httpsAgent.destroy();
      httpAgent.destroy();
    },
  };
}

function isLoopback(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === '[::1]' || hostname === 'localhost';
}

function toHttpError(error: unknown, signal: AbortSignal | undefined): HttpError {
  if (signal?.aborted) return new HttpError('aborted', 'The request was cancelled');
  if (error instanceof HttpError) return error;
  if (error instanceof AxiosError && error.cause instanceof HttpError) return error.cause;
  if (error instanceof AxiosError) {
    if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT') {
      return new HttpError('timeout', 'The provider did not answer in time');
    }
    if (error.code === 'ERR_CANCELED') return new HttpError('aborted', 'The request was cancelled');
    if (error.code === 'ERR_BAD_RESPONSE' && /maxContentLength/i.test(error.message)) {
      return new HttpError('too_large', 'The provider response was larger than allowed');
    }
    if (/maxContentLength|maxBodyLength/i.test(error.message)) {
      return new HttpError('too_large', 'The provider response was larger than allowed');
    }
    // Why: only the code travels on; axios errors hold the request config, including Authorization.
    return new HttpError('network', `The provider could not be reached (${error.code ?? 'network error'})`);
  }
  return new HttpError('network', 'The provider could not be reached');
}

/** One client per distinct proxy setting, so keep-alive sockets are shared by profiles that match. */
export interface HttpPool {
  get(proxyUrl?: string): HttpClient;
  closeAll(): void;
}

export function createHttpPool(options: Omit<HttpClientOptions, 'proxyUrl'> = {}): HttpPool {
  const clients = new Map<string, HttpClient>();
  return {
    get(proxyUrl) {
      const key = proxyUrl ?? '';
      let client = clients.get(key);
      if (!client) {
        client = createHttpClient({ ...options, ...(proxyUrl ? { proxyUrl } : {}) });
        clients.set(key, client);
      }
      return client;
    },
    closeAll() {
      for (const client of clients.values()) client.close();
      clients.clear();
    },
  };
}
