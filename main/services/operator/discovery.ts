/**
 * The sign-in provider's metadata, read with openid-client's discovery over the app's hardened HTTP client.
 * Only the members the sign-in uses are trusted, each an https address (plain http only on loopback).
 */
import { allowInsecureRequests, customFetch, discovery, None, type Configuration } from 'openid-client';
import { z } from 'zod';
import { isAllowedBaseUrl } from '../../../contract/urls.js';
import { isLoopbackHttp, type FetchBridge } from '../../providers/shared/fetch-bridge.js';

const text = (max: number) => z.string().max(max);
/** Authorization endpoints may carry a query (some providers pin a tenant or policy there); nothing else may. */
const endpoint = text(300).refine((value) => isAllowedBaseUrl(value), 'must be https');
const authorizationEndpoint = text(1000).refine((value) => {
  try {
    const url = new URL(value);
    url.search = '';
    return isAllowedBaseUrl(url.href);
  } catch {
    return false;
  }
}, 'must be https');

export const signInMetadataSchema = z.object({
  issuer: text(300).min(1),
  authorization_endpoint: authorizationEndpoint,
  token_endpoint: endpoint,
  jwks_uri: endpoint,
  code_challenge_methods_supported: z.array(text(20)).max(20).optional(),
});
export type SignInMetadata = z.infer<typeof signInMetadataSchema>;

export type DiscoveryRead = { ok: true; config: Configuration; metadata: SignInMetadata } | { ok: false; detail: string };

/** Discovers the provider and checks what the sign-in relies on: endpoints, and PKCE with S256 when listed. */
export async function discoverSignIn(issuer: string, clientId: string, bridge: FetchBridge, timeoutMs: number): Promise<DiscoveryRead> {
  let config: Configuration;
  try {
    config = await discovery(new URL(issuer), clientId, undefined, None(), {
      [customFetch]: bridge.fetch,
      // Why: openid-client refuses http outright; only a loopback issuer (tests, a local provider) may use it.
      execute: isLoopbackHttp(issuer) ? [allowInsecureRequests] : [],
      timeout: Math.ceil(timeoutMs / 1000) + 5,
    });
  } catch (error) {
    const last = bridge.take().at(-1);
    if (last?.kind === 'failed') return { ok: false, detail: `discovery: ${last.error.kind}` };
    if (last?.kind === 'response' && last.response.status !== 200) return { ok: false, detail: `discovery: HTTP ${last.response.status}` };
    const code = (error as { code?: unknown } | null)?.code;
    return { ok: false, detail: `discovery failed${typeof code === 'string' ? ` (${code.slice(0, 60)})` : ''}` };
  }
  const parsed = signInMetadataSchema.safeParse(config.serverMetadata());
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '')))].join(', ');
    return { ok: false, detail: `discovery document: missing or unusable ${fields}` };
  }
  const methods = parsed.data.code_challenge_methods_supported;
  // Why refuse: without S256 the code could be redeemed by whoever intercepts the redirect (RFC 8252 §8.1).
  if (methods && !methods.includes('S256')) return { ok: false, detail: 'provider does not offer PKCE with S256' };
  return { ok: true, config, metadata: parsed.data };
}
