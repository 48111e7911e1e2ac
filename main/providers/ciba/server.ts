/**
 * Where the provider's endpoints are: discovered from the issuer (through openid-client, over the app's HTTP
 * client) and cached per provider instance, or entered by hand. Either way every endpoint must be https
 * (plain http only to loopback, for the sandbox) and the provider must support CIBA poll mode.
 */
import { allowInsecureRequests, customFetch, discovery, None, type ServerMetadata } from 'openid-client';
import type { CibaSettings } from '../../../contract/providers/ciba.js';
import { hostOf } from '../../../contract/urls.js';
import type { Clock } from '../../services/clock.js';
import type { HttpClient } from '../../services/http.js';
import { errorOutcome, httpStatusOutcome, malformedOutcome, transportOutcome, type OutcomeContext } from '../shared/outcomes.js';
import type { ProviderOutcome } from '../types.js';
import { createFetchBridge, isLoopbackHttp } from '../shared/fetch-bridge.js';
import { readJsonObject } from '../shared/json.js';
import { serverMetadataSchema } from './schemas.js';

export interface ServerInfo {
  /** The issuer exactly as the ID token must carry it. */
  issuer: string;
  backchannelEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  metadata: ServerMetadata;
}

export type ServerRead = { ok: true; server: ServerInfo } | { ok: false; outcome: ProviderOutcome };

export interface ServerSource {
  get(signal: AbortSignal): Promise<ServerRead>;
}

export interface ServerSourceOptions {
  settings: CibaSettings;
  http: HttpClient;
  clock: Clock;
  timeoutMs: number;
  maxAgeMs: number;
  /** Outcome context of discovery: nothing has been sent to a phone yet. */
  ctx: OutcomeContext;
  /** Pinned endpoints (ProviderDeps.checkEndpoint): why a discovered endpoint may not be called, or null. */
  checkEndpoint?: ((url: string) => string | null) | undefined;
}

export function createServerSource(options: ServerSourceOptions): ServerSource {
  const { settings } = options;
  if (settings.endpointMode === 'manual') {
    const server = manualServer(settings);
    return { get: () => Promise.resolve({ ok: true, server }) };
  }
  let cached: { at: number; server: ServerInfo } | null = null;
  return {
    async get(signal) {
      if (cached && options.clock.now() - cached.at < options.maxAgeMs) return { ok: true, server: cached.server };
      const read = await discover(options, signal);
      if (read.ok) cached = { at: options.clock.now(), server: read.server };
      return read;
    },
  };
}

function manualServer(settings: CibaSettings): ServerInfo {
  const metadata: ServerMetadata = {
    issuer: settings.issuer,
    token_endpoint: settings.tokenEndpoint!,
    backchannel_authentication_endpoint: settings.backchannelEndpoint!,
    jwks_uri: settings.jwksUri!,
  };
  return { issuer: settings.issuer, backchannelEndpoint: metadata.backchannel_authentication_endpoint!, tokenEndpoint: metadata.token_endpoint!, jwksUri: metadata.jwks_uri!, metadata };
}

async function discover(options: ServerSourceOptions, signal: AbortSignal): Promise<ServerRead> {
  const { settings, ctx } = options;
  const issuerUrl = new URL(settings.issuer);
  const bridge = createFetchBridge({
    http: options.http,
    signal,
    timeoutMs: options.timeoutMs,
    // Discovery reads one document from the issuer's own origin, nothing else.
    allows: (method, url) => method === 'GET' && sameOrigin(url, issuerUrl),
  });
  let metadata: ServerMetadata;
  try {
    const config = await discovery(issuerUrl, settings.clientId, undefined, None(), {
      [customFetch]: bridge.fetch,
      // Why: openid-client refuses http outright; the sandbox and tests run on loopback http only.
      execute: isLoopbackHttp(settings.issuer) ? [allowInsecureRequests] : [],
      timeout: Math.ceil(options.timeoutMs / 1000) + 5,
    });
    metadata = config.serverMetadata();
  } catch (error) {
    return { ok: false, outcome: discoveryFailure(bridge.take().at(-1), error, settings.issuer, ctx, options.timeoutMs) };
  }
  const parsed = serverMetadataSchema.safeParse(metadata);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '')))].join(', ');
    return { ok: false, outcome: notCibaOutcome(ctx, `discovery document: missing or unusable ${fields}`) };
  }
  const modes = parsed.data.backchannel_token_delivery_modes_supported;
  if (modes && !modes.includes('poll')) return { ok: false, outcome: notCibaOutcome(ctx, 'poll delivery mode not supported') };
  const { issuer, backchannel_authentication_endpoint, token_endpoint, jwks_uri } = parsed.data;
  // Why here: the discovery document decides where the secret goes next; a pinned build refuses another host now,
  // with its name, rather than as an unexplained failure at the first request.
  for (const url of [backchannel_authentication_endpoint, token_endpoint, jwks_uri]) {
    const refusal = options.checkEndpoint?.(url);
    if (refusal) return { ok: false, outcome: endpointNotAllowed(ctx, url, refusal) };
  }
  return { ok: true, server: { issuer, backchannelEndpoint: backchannel_authentication_endpoint, tokenEndpoint: token_endpoint, jwksUri: jwks_uri, metadata } };
}

function sameOrigin(url: string, base: URL): boolean {
  try {
    return new URL(url).origin === base.origin;
  } catch {
    return false;
  }
}

type Last = ReturnType<ReturnType<typeof createFetchBridge>['take']>[number] | undefined;

function discoveryFailure(last: Last, error: unknown, expectedIssuer: string, ctx: OutcomeContext, timeoutMs: number): ProviderOutcome {
  if (last?.kind === 'failed') return transportOutcome(last.error.kind, ctx, timeoutMs);
  if (last?.kind === 'response') {
    const { response } = last;
    if (response.status !== 200) return httpStatusOutcome(response.status, ctx);
    const read = readJsonObject(response);
    if (!read.ok) return malformedOutcome(ctx, `discovery: ${read.detail}`);
    const issuer = (read.value as { issuer?: unknown }).issuer;
    if (typeof issuer === 'string' && !sameIssuer(issuer, expectedIssuer)) return issuerMismatch(ctx);
  }
  const code = (error as { code?: unknown } | null)?.code;
  return malformedOutcome(ctx, `discovery failed${typeof code === 'string' ? ` (${code.slice(0, 60)})` : ''}`);
}

/** Issuers compared as openid-client compares them for discovery: as parsed URLs. */
function sameIssuer(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
}

function issuerMismatch(ctx: OutcomeContext): ProviderOutcome {
  return errorOutcome(
    'issuer_mismatch',
    'Issuer does not match',
    `The discovery document of ${ctx.provider} names a different issuer than this profile. Nothing was sent.`,
    'Copy the issuer exactly as the provider shows it (Auth0: with the final /) into the profile settings.',
    'discovered issuer differs from the configured issuer',
  );
}

function endpointNotAllowed(ctx: OutcomeContext, url: string, refusal: string): ProviderOutcome {
  return errorOutcome(
    'endpoint_not_allowed',
    'Address not allowed',
    `The discovery document of ${ctx.provider} names ${hostOf(url) ?? 'an address'}, which this installation may not call. Nothing was sent.`,
    'Ask your administrator: the managed policy can allow this host.',
    refusal,
  );
}

function notCibaOutcome(ctx: OutcomeContext, detail: string): ProviderOutcome {
  return errorOutcome(
    'ciba_not_available',
    'CIBA not offered',
    `${ctx.provider} does not offer backchannel sign-in (CIBA) in poll mode at the addresses it publishes. Nothing was sent.`,
    'Ask your identity administrator to enable CIBA, or enter the endpoints by hand in the profile settings.',
    detail,
  );
}
