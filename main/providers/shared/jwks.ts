/**
 * The provider's signing keys (JWKS), fetched through the app's hardened HTTP client and cached per provider
 * instance. A token signed with a key the cache does not know makes the checker fetch the set once more
 * (key rotation); a cached set older than the lifetime below is fetched again, so a withdrawn key stops working.
 */
import { createLocalJWKSet, type JSONWebKeySet } from 'jose';
import type { Clock } from '../../services/clock.js';
import { HttpError, type HttpClient } from '../../services/http.js';
import { jwksSchema, readJsonObject } from './json.js';

export type KeySetResolver = ReturnType<typeof createLocalJWKSet>;

export type KeySetRead = { ok: true; keys: KeySetResolver; count: number } | { ok: false; detail: string };

export interface JwksCacheOptions {
  http: HttpClient;
  clock: Clock;
  timeoutMs: number;
  /** How long a fetched set is used before it is fetched again. */
  maxAgeMs: number;
}

export interface JwksCache {
  /** The cached set, or a fresh one when `refresh` is true, nothing is cached, or the cache is old. */
  get(jwksUri: string, signal: AbortSignal, refresh?: boolean): Promise<KeySetRead>;
}

export function createJwksCache(options: JwksCacheOptions): JwksCache {
  let cached: { uri: string; at: number; read: Extract<KeySetRead, { ok: true }> } | null = null;
  return {
    async get(jwksUri, signal, refresh = false) {
      const fresh = cached && cached.uri === jwksUri && options.clock.now() - cached.at < options.maxAgeMs;
      if (fresh && !refresh) return cached!.read;
      const read = await fetchKeySet(options, jwksUri, signal);
      // Failures are not cached: the next verification tries again.
      if (read.ok) cached = { uri: jwksUri, at: options.clock.now(), read };
      return read;
    },
  };
}

async function fetchKeySet(options: JwksCacheOptions, jwksUri: string, signal: AbortSignal): Promise<KeySetRead> {
  let body: unknown;
  try {
    const response = await options.http.request({
      method: 'GET',
      url: jwksUri,
      headers: { Accept: 'application/json' },
      timeoutMs: options.timeoutMs,
      signal,
    });
    if (response.status !== 200) return { ok: false, detail: `JWKS answered HTTP ${response.status}` };
    const read = readJsonObject(response);
    if (!read.ok) return { ok: false, detail: `JWKS: ${read.detail}` };
    body = read.value;
  } catch (error) {
    if (error instanceof HttpError) return { ok: false, detail: `JWKS not reachable (${error.kind})` };
    throw error;
  }
  const parsed = jwksSchema.safeParse(body);
  if (!parsed.success) return { ok: false, detail: 'JWKS is not a key set' };
  const keys = parsed.data.keys.filter((key) => key.use === undefined || key.use === 'sig');
  if (keys.length === 0) return { ok: false, detail: 'JWKS has no signing key' };
  try {
    return { ok: true, keys: createLocalJWKSet({ keys } as JSONWebKeySet), count: keys.length };
  } catch {
    return { ok: false, detail: 'JWKS could not be read' };
  }
}
