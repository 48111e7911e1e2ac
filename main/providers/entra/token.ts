/**
 * Client-credentials tokens for the connector (v1 `resource` or v2 `scope`), with a secret or a certificate
 * assertion. One cache per provider instance; the secret is read from the keychain only when a token is needed.
 */
import type { EntraSettings } from '../../../contract/providers/entra.js';
import { abortError } from '../../services/clock.js';
import type { Clock } from '../../services/clock.js';
import { HttpError, type HttpClient } from '../../services/http.js';
import type { Logger } from '../../services/log.js';
import { secretReadFailure } from '../shared/secret.js';
import { raceAbort } from './abort.js';
import { tokenFailureFromResponse, type TokenFailure } from './aadsts.js';
import { ASSERTION_TYPE, buildClientAssertion, CertificateError, readCertificateCredential } from './assertion.js';
import { ENTRA_CLIENT_ID, type EntraEndpoints } from './cloud.js';
import { tokenResponseSchema } from './schemas.js';

/** Refresh this long before expiry so a token never dies mid-push. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const SECRET_MISSING = 'No secret is set for this profile. Set it in Settings.';
const SECRET_FIX = 'Open Settings and save the client secret (or certificate) for this profile.';
const CERT_FIX =
  'Edit the profile and paste the certificate (the public part uploaded to Entra), then save its private key as the secret.';
const NETWORK_FIX =
  'Check the network connection, proxy and firewall (login.microsoftonline.com must be reachable), then test again.';

export type TokenResult = { ok: true; token: string } | { ok: false; failure: TokenFailure };

export interface TokenSource {
  /** A cached token, or a new one when none is cached. */
  get(signal: AbortSignal): Promise<TokenResult>;
  /** Always asks the token endpoint (Test connection); a success refreshes the cache. */
  fresh(signal: AbortSignal): Promise<TokenResult>;
  /** Drops `token` from the cache after the connector answered 401 to it. */
  invalidate(token: string): void;
}

export interface TokenSourceDeps {
  settings: EntraSettings;
  endpoints: EntraEndpoints;
  http: HttpClient;
  clock: Clock;
  logger: Logger;
  readSecret: () => Promise<string | null>;
  timeoutMs: number;
}

/** Creates the token cache of one provider instance. */
export function createTokenSource(deps: TokenSourceDeps): TokenSource {
  let cached: { token: string; refreshAt: number } | null = null;
  let inflight: Promise<TokenResult> | null = null;

  const acquire = async (signal?: AbortSignal): Promise<TokenResult> => {
    const result = await requestToken(deps, signal);
    if (result.ok) {
      const refreshAt = deps.clock.now() + result.expiresInSec * 1000 - REFRESH_MARGIN_MS;
      cached = refreshAt > deps.clock.now() ? { token: result.token, refreshAt } : null;
      return { ok: true, token: result.token };
    }
    return result;
  };

  return {
    get(signal) {
      if (cached && deps.clock.now() < cached.refreshAt) return Promise.resolve({ ok: true, token: cached.token });
      // Why: concurrent pushes share one token request; each caller can still cancel its own wait.
      inflight ??= acquire().finally(() => {
        inflight = null;
      });
      return raceAbort(inflight, signal);
    },
    fresh: (signal) => acquire(signal),
    invalidate(token) {
      if (cached?.token === token) cached = null;
    },
  };
}

type RawTokenResult = { ok: true; token: string; expiresInSec: number } | { ok: false; failure: TokenFailure };

async function requestToken(deps: TokenSourceDeps, signal?: AbortSignal): Promise<RawTokenResult> {
  const credential = await credentialFields(deps);
  if ('failure' in credential) return { ok: false, failure: credential.failure };
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: ENTRA_CLIENT_ID });
  if (deps.settings.tokenVersion === 'v1') form.set('resource', deps.endpoints.resource);
  else form.set('scope', `${deps.endpoints.resource}/.default`);
  for (const [key, value] of credential.fields) form.set(key, value);
  let status: number;
  let body: string;
  try {
    const response = await deps.http.request({
      method: 'POST',
      url: deps.endpoints.tokenUrl,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: form.toString(),
      timeoutMs: deps.timeoutMs,
      signal,
    });
    ({ status, body } = response);
  } catch (error) {
    if (error instanceof HttpError && error.kind === 'aborted') throw abortError();
    return { ok: false, failure: transportFailure(error) };
  }
  const result: RawTokenResult =
    status === 200 ? parseToken(body) : { ok: false, failure: tokenFailureFromResponse(status, body) };
  // Why: only the status and the AADSTS code are logged; the form holds the secret or assertion.
  deps.logger.log(result.ok ? 'info' : 'warn', 'entra.token', {
    version: deps.settings.tokenVersion,
    status,
    code: result.ok ? null : result.failure.code,
  });
  return result;
}

async function credentialFields(
  deps: TokenSourceDeps,
): Promise<{ fields: [string, string][] } | { failure: TokenFailure }> {
  let secret: string | null;
  try {
    secret = await deps.readSecret();
  } catch (error) {
    // Why not "no secret": a locked keychain hides a secret that is still there.
    return { failure: secretReadFailure(error) };
  }
  if (!secret) return { failure: failure('secret_missing', SECRET_MISSING, SECRET_FIX) };
  if (deps.settings.credential === 'secret') return { fields: [['client_secret', secret.trim()]] };
  try {
    const cert = readCertificateCredential(secret, deps.settings.certificatePem);
    const assertion = buildClientAssertion(cert, ENTRA_CLIENT_ID, deps.endpoints.tokenUrl, deps.clock.now());
    return { fields: [['client_assertion_type', ASSERTION_TYPE], ['client_assertion', assertion]] };
  } catch (error) {
    if (error instanceof CertificateError) return { failure: failure(error.code, error.message, CERT_FIX) };
    return { failure: failure('certificate_invalid', 'The saved certificate could not be used.', CERT_FIX) };
  }
}

function parseToken(body: string): RawTokenResult {
  let json: unknown = null;
  try {
    json = body.length <= 64 * 1024 ? JSON.parse(body) : null;
  } catch {
    json = null;
  }
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success) {
    const fix = 'Check the sign-in URL and any proxy in between, then test again.';
    return { ok: false, failure: failure('malformed_response', 'The sign-in service answer was unreadable.', fix) };
  }
  return { ok: true, token: parsed.data.access_token, expiresInSec: parsed.data.expires_in };
}

function transportFailure(error: unknown): TokenFailure {
  const kind = error instanceof HttpError ? error.kind : 'network';
  switch (kind) {
    case 'timeout':
      return failure('timeout', 'The Microsoft sign-in service did not answer in time.', NETWORK_FIX);
    case 'too_large':
      return failure('response_too_large', 'The sign-in service answer was larger than allowed.', NETWORK_FIX);
    case 'bad_url':
      return failure('bad_url', 'The sign-in URL of this profile is not valid.', 'Check the login URL in Settings.');
    case 'proxy': {
      // Only the proxy's host is shown (its status shapes the fix): its reply is not the sign-in service's answer.
      const proxy = error instanceof HttpError ? error.proxy : null;
      const status = proxy?.status ? '' : proxy ? ' (it could not be reached)' : '';
      const refused = failure(
        'proxy_failed',
        `The HTTPS proxy ${proxy ? `${proxy.host} ` : ''}did not open a connection to the Microsoft sign-in service${status}. Nothing was sent.`,
        proxy?.status === 407
          ? 'The proxy asks the app to sign in, which it does not do. Ask your network team to allow this computer through without proxy sign-in, or clear the proxy setting.'
          : 'Check the proxy setting of this profile, or ask your network team whether the proxy allows login.microsoftonline.com.',
      );
      return proxy?.status ? { ...refused, detail: `the proxy answered HTTP ${proxy.status}` } : refused;
    }
    default:
      return failure('network', 'The Microsoft sign-in service could not be reached.', NETWORK_FIX);
  }
}

function failure(code: string, message: string, fix: string): TokenFailure {
  return { code, message, fix };
}
