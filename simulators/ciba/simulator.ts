/**
 * Local Auth0-style CIBA simulator on 127.0.0.1: discovery, JWKS, /bc-authorize and /oauth/token, a
 * simulated phone, test hooks over HTTP and in process, fault injection and request counts. Used by the
 * tests, the benchmarks and the sandbox; never by production code.
 */
import type http from 'node:http';
import type { PhoneAction, PhonePrompt, SandboxUserView } from '../../contract/domain.js';
import { BC_AUTHORIZE_PATH, handleBcAuthorize } from './bc-authorize.js';
import { CibaSimCore, zeroCounts, type CibaSimCounts } from './core.js';
import { isCibaFault, type CibaFault } from './faults.js';
import { exampleUsers } from './fixtures.js';
import { handleHook, HOOK_PREFIX, pendingView, type PendingView } from './hooks.js';
import { sendJson } from '../shared/http-io.js';
import { resolveOptions, tunableKeys, type CibaSimulatorOptions, type TunableOptions } from './options.js';
import { handleToken, TOKEN_PATH } from './token-endpoint.js';
import { listenLoopback } from '../shared/loopback.js';

export type { CibaSimCounts, CibaFault, PendingView, CibaSimulatorOptions, TunableOptions };

export interface CibaSimulator {
  /** Issuer with its final slash, e.g. http://127.0.0.1:41234/ */
  issuer: string;
  clientId: string;
  clientSecret: string;
  users(): SandboxUserView[];
  /** Requests waiting on the phone, optionally of one user (binding messages included). */
  pending(sub?: string): PendingView[];
  approve(id: string): boolean;
  reject(id: string): boolean;
  /** Ends a request's lifetime now: its next poll answers as expired. */
  expire(id: string): boolean;
  /** Forgets a request as if its auth_req_id had been used: its next poll answers invalid_grant. */
  forget(id: string): boolean;
  /** Prompts on the simulated phone, oldest first. */
  prompts(): PhonePrompt[];
  respond(promptId: string, action: PhoneAction): boolean;
  setFault(fault: CibaFault): void;
  nextFault(): CibaFault;
  /** Answers the next `count` polls with slow_down whatever their timing. */
  forceSlowDown(count: number): void;
  /** Starts signing ID tokens with a new key (the old one stays published). */
  rotateKey(): void;
  counts(): CibaSimCounts;
  resetCounts(): void;
  configure(patch: Partial<TunableOptions>): void;
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}

/** Starts the simulator on 127.0.0.1 (port 0 = any free port). */
export async function startCibaSimulator(input: Partial<CibaSimulatorOptions> = {}): Promise<CibaSimulator> {
  const core = new CibaSimCore(resolveOptions(input));
  const { port, close: stop } = await listenLoopback((req, res) => route(core, req, res), { port: core.options.port });
  core.issuer = `http://127.0.0.1:${port}/`;
  const { options } = core;
  const prompt = (view: PendingView, receivedAt: string): PhonePrompt => ({
    id: view.id,
    profileId: options.profileId,
    source: 'Auth0 CIBA (simulated)',
    subject: view.sub,
    kind: 'push',
    bindingMessage: view.bindingMessage,
    code: null,
    actions: ['approve', 'deny', 'ignore'],
    receivedAt,
  });
  return {
    issuer: core.issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    users: () => [...options.users.map((u) => ({ subject: u.sub, description: `${u.email}. ${u.description}` })), ...exampleUsers()],
    pending: (sub) => core.requests.pending(sub).map(pendingView),
    approve: (id) => core.requests.answer(id, 'approve'),
    reject: (id) => core.requests.answer(id, 'deny'),
    expire: (id) => core.requests.expire(id),
    forget: (id) => core.requests.forgetById(id),
    prompts: () => core.requests.pending().map((r) => prompt(pendingView(r), r.receivedAt)),
    respond: (id, action) => (action === 'fraud' ? false : core.requests.answer(id, action === 'deny' ? 'deny' : action)),
    setFault: (fault) => core.setFault(fault),
    nextFault: () => core.nextFault(),
    forceSlowDown: (count) => core.forceSlowDowns(count),
    rotateKey: () => core.keys.rotate(),
    counts: () => ({ ...core.counts }),
    resetCounts() {
      core.counts = zeroCounts();
    },
    configure(patch) {
      // Only known keys: a patch can never reach anything else on the options object.
      for (const key of tunableKeys) if (patch[key] !== undefined) Object.assign(options, { [key]: patch[key] });
    },
    onChange: (listener) => core.onChange(listener),
    close: () => {
      core.shutdown();
      return stop();
    },
  };
}

async function route(core: CibaSimCore, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  // The raw path, not new URL() on the request target: "//x" would otherwise be read as a host.
  const [rawPath = '/', rawQuery = ''] = (req.url ?? '/').split('?');
  const path = rawPath || '/';
  if (path.startsWith(HOOK_PREFIX)) return handleHook(core, req, res, path, new URLSearchParams(rawQuery));
  if (req.method === 'GET' && path === '/.well-known/openid-configuration') {
    core.counts.discovery += 1;
    return sendJson(res, 200, discoveryDocument(core.issuer));
  }
  if (req.method === 'GET' && path === '/.well-known/jwks.json') {
    core.counts.jwks += 1;
    return sendJson(res, 200, core.keys.jwks());
  }
  if (req.method === 'POST' && path === BC_AUTHORIZE_PATH) return handleBcAuthorize(core, req, res);
  if (req.method === 'POST' && path === TOKEN_PATH) return handleToken(core, req, res);
  sendJson(res, 404, { error: 'not_found', error_description: 'Not found' });
}

/** The members of Auth0's discovery document that CIBA needs. */
function discoveryDocument(issuer: string): Record<string, unknown> {
  const base = issuer.replace(/\/$/, '');
  return {
    issuer,
    token_endpoint: `${base}${TOKEN_PATH}`,
    backchannel_authentication_endpoint: `${base}${BC_AUTHORIZE_PATH}`,
    jwks_uri: `${base}/.well-known/jwks.json`,
    backchannel_token_delivery_modes_supported: ['poll'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'urn:openid:params:grant-type:ciba'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'private_key_jwt'],
    id_token_signing_alg_values_supported: ['HS256', 'RS256', 'PS256'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
  };
}

export { isCibaFault };
