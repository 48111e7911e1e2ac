/**
 * The operator's sign-in through the organisation's OpenID provider, as RFC 8252 asks of a native app:
 * authorization code with PKCE (S256), state and nonce, in the system browser, back through a one-shot
 * loopback redirect. openid-client runs the protocol over the app's hardened HTTP client (no redirects, size
 * caps, deadlines, TLS ≥ 1.2); the ID token's signature is then checked here against the provider's keys.
 * Nothing from the sign-in (code, tokens) is kept: only the verified claims leave this file.
 */
import {
  AuthorizationResponseError,
  allowInsecureRequests,
  authorizationCodeGrant,
  buildAuthorizationUrl,
  calculatePKCECodeChallenge,
  randomNonce,
  randomPKCECodeVerifier,
  randomState,
} from 'openid-client';
import type { JWTPayload } from 'jose';
import type { OidcSignInPolicy } from '../../../contract/policy/sign-in.js';
import { createFetchBridge, isLoopbackHttp } from '../../providers/shared/fetch-bridge.js';
import { createJwksCache } from '../../providers/shared/jwks.js';
import type { Clock } from '../clock.js';
import type { HttpClient } from '../http.js';
import { discoverSignIn } from './discovery.js';
import { verifyIdToken } from './id-token.js';
import { openLoopbackRedirect, type LoopbackPage } from './loopback.js';
import { failure, type SignInFailure } from './sign-in-failures.js';

export interface OidcSignInDeps {
  policy: OidcSignInPolicy;
  http: HttpClient;
  clock: Clock;
  /**
   * Opens the authorization URL in the system browser (Electron: the OS browser for this one endpoint; the
   * browser shell: a new tab). False when it could not.
   */
  openBrowser: (url: string, authorizationEndpoint: string) => Promise<boolean> | boolean;
  /** Per request to the provider. */
  requestTimeoutMs?: number;
}

export type SignInResult = { ok: true; claims: JWTPayload; issuerHost: string } | { ok: false; failure: SignInFailure };

const SIGNED_IN: LoopbackPage = { title: 'Signed in to MFA Approver', message: 'You can close this tab and go back to MFA Approver.' };

/** Runs one sign-in to its end: signed in with verified claims, or a failure in plain words. */
export async function runOidcSignIn(deps: OidcSignInDeps, signal: AbortSignal): Promise<SignInResult> {
  const { policy } = deps;
  const timeoutMs = deps.requestTimeoutMs ?? 15_000;
  const issuerHost = new URL(policy.issuer).host;
  const posts = new Set<string>();
  const bridge = createFetchBridge({
    http: deps.http,
    signal,
    timeoutMs,
    // Discovery reads from the issuer's origin; the only POST is the code exchange at the discovered token endpoint.
    allows: (method, url) => (method === 'GET' ? sameOrigin(url, policy.issuer) : posts.has(url)),
  });
  const discovered = await discoverSignIn(policy.issuer, policy.clientId, bridge, timeoutMs);
  if (!discovered.ok) return fail(failure('discovery_failed', discovered.detail, { host: issuerHost }));
  const { config, metadata } = discovered;
  posts.add(new URL(metadata.token_endpoint).href);
  if (isLoopbackHttp(metadata.token_endpoint)) allowInsecureRequests(config);

  const verifier = randomPKCECodeVerifier();
  const state = randomState();
  const nonce = randomNonce();
  const loopback = await openLoopbackRedirect({ path: policy.redirectPath, timeoutMs: policy.timeoutSeconds * 1000, signal });
  try {
    const url = buildAuthorizationUrl(config, {
      redirect_uri: loopback.redirectUri,
      response_type: 'code',
      scope: policy.scope,
      code_challenge: await calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...(policy.reauthenticate ? { prompt: 'login' } : {}),
    });
    if (!(await deps.openBrowser(url.href, metadata.authorization_endpoint))) return fail(failure('browser_failed', 'the browser could not be opened'));
    const back = await loopback.result;
    if (!back.ok) return fail(failure(back.reason, `no redirect (${back.reason})`, { minutes: Math.round(policy.timeoutSeconds / 60) }));
    const result = await exchange(deps, { config, callback: back.url, verifier, state, nonce, jwksUri: metadata.jwks_uri, issuer: metadata.issuer, signal, timeoutMs, issuerHost });
    back.reply(result.ok ? SIGNED_IN : { title: 'Sign-in did not complete', message: result.failure.message });
    return result;
  } finally {
    loopback.close();
  }
}

interface Exchange {
  config: Parameters<typeof authorizationCodeGrant>[0];
  callback: URL;
  verifier: string;
  state: string;
  nonce: string;
  jwksUri: string;
  issuer: string;
  signal: AbortSignal;
  timeoutMs: number;
  issuerHost: string;
}

/** Redeems the code (state, iss and error checked by openid-client), then verifies the ID token. */
async function exchange(deps: OidcSignInDeps, x: Exchange): Promise<SignInResult> {
  let idToken: string | undefined;
  try {
    const tokens = await authorizationCodeGrant(x.config, x.callback, {
      pkceCodeVerifier: x.verifier,
      expectedState: x.state,
      expectedNonce: x.nonce,
      idTokenExpected: true,
    });
    idToken = tokens.id_token;
  } catch (error) {
    if (error instanceof AuthorizationResponseError) {
      return fail(failure('refused_by_provider', `authorization error ${error.error}${error.error_description ? `: ${error.error_description.slice(0, 200)}` : ''}`, { error: error.error }));
    }
    const code = (error as { code?: unknown } | null)?.code;
    // openid-client wraps oauth4webapi's reason ("unexpected "state" response parameter value") as the cause.
    const cause = (error as { cause?: unknown } | null)?.cause;
    const reason = [error, cause].map((e) => (e instanceof Error ? e.message.slice(0, 160) : '')).filter(Boolean).join(': ');
    const detail = `code exchange failed${typeof code === 'string' ? ` (${code.slice(0, 60)})` : ''}: ${reason || 'unknown'}`;
    // Why a separate failure: a wrong state or issuer in the redirect is what a forged or replayed redirect looks like.
    if (code === 'OAUTH_INVALID_RESPONSE' && /"(state|iss)"/.test(reason)) return fail(failure('answer_mismatch', detail));
    // The library's own ID token checks (nonce, audience, times): the answer came, and did not verify.
    if (/ID Token/.test(reason) || code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' || code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') {
      return fail(failure('id_token_invalid', detail));
    }
    return fail(failure('token_failed', detail));
  }
  const jwks = createJwksCache({ http: deps.http, clock: deps.clock, timeoutMs: x.timeoutMs, maxAgeMs: 0 });
  const check = await verifyIdToken(idToken, { issuer: x.issuer, clientId: deps.policy.clientId, nonce: x.nonce, jwksUri: x.jwksUri, now: deps.clock.now() }, jwks, x.signal);
  if (!check.ok) return fail(failure('id_token_invalid', check.detail));
  return { ok: true, claims: check.claims, issuerHost: x.issuerHost };
}

const fail = (value: SignInFailure): SignInResult => ({ ok: false, failure: value });

function sameOrigin(url: string, base: string): boolean {
  try {
    return new URL(url).origin === new URL(base).origin;
  } catch {
    return false;
  }
}
