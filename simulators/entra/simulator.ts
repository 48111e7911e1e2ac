/**
 * Local Microsoft Entra ID simulator: token endpoint plus StrongAuthenticationService connector on
 * 127.0.0.1, with a simulated phone. Used by the tests and by the app's Sandbox tenant.
 */
import type http from 'node:http';
import type { PhoneAction } from '../../contract/domain.js';
import { handleConnector, isConnectorPath } from './connector.js';
import { SimCore, type EntraFault } from './core.js';
import { exampleUsers } from './fixtures.js';
import { send } from './http-io.js';
import type { SimPrompt } from './phone.js';
import { resolveOptions, type PushBehaviour, type SimulatorOptions, type TunableOptions } from './options.js';
import { handleToken, TOKEN_PATH } from './token-endpoint.js';
import type { SimulatorCounts, TranscriptEntry } from './transcript.js';
import { listenLoopback } from '../shared/loopback.js';

export type { PushBehaviour, SimulatorOptions, TunableOptions, SimulatorCounts, TranscriptEntry, SimPrompt, EntraFault };
export { entraFaults, isEntraFault } from './core.js';

export interface EntraSimulator {
  /** STS base URL for EntraSettings.loginBaseUrl. */
  loginBaseUrl: string;
  /** Connector base URL for EntraSettings.connectorBaseUrl. */
  connectorBaseUrl: string;
  tenantId: string;
  tenantDomain: string;
  /** The initial client secret, random per run. */
  clientSecret: string;
  users(): { upn: string; description: string }[];
  prompts(): SimPrompt[];
  respond(promptId: string, action: PhoneAction): boolean;
  setFault(fault: EntraFault): void;
  nextFault(): EntraFault;
  /** Fires when prompts or the pending fault change. Returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
  transcript(): TranscriptEntry[];
  counts(): SimulatorCounts;
  setUserBehaviour(upn: string, behaviour: PushBehaviour | null): void;
  configure(patch: Partial<TunableOptions>): void;
  /** Adds a client secret (like Graph addPassword) and returns its value. */
  addSecret(spec?: { startMs?: number; endMs?: number }): string;
  /** Registers a PEM certificate for client_assertion sign-in. */
  addCertificate(pem: string): void;
  close(): Promise<void>;
}

/** Starts the simulator on 127.0.0.1 (port 0 = any free port). */
export async function startEntraSimulator(options: Partial<SimulatorOptions> = {}): Promise<EntraSimulator> {
  const core = new SimCore(resolveOptions(options));
  const { port, close: stop } = await listenLoopback((req, res) => route(core, req, res), { port: core.options.port, requestTimeoutMs: 30_000 });
  core.baseUrl = `http://127.0.0.1:${port}`;
  const o = core.options;
  return {
    loginBaseUrl: core.baseUrl,
    connectorBaseUrl: core.baseUrl,
    tenantId: o.tenantId,
    tenantDomain: o.tenantDomain,
    clientSecret: o.clientSecret,
    users: () => [...o.users.map(({ upn, description }) => ({ upn, description })), ...exampleUsers(o.tenantDomain)],
    prompts: () => core.phone.list(),
    respond: (promptId, action) => core.phone.respond(promptId, action),
    setFault: (fault) => core.setFault(fault),
    nextFault: () => core.fault,
    onChange: (listener) => core.onChange(listener),
    transcript: () => core.transcript.list(),
    counts: () => ({ ...core.counts }),
    setUserBehaviour(upn, behaviour) {
      if (behaviour) core.behaviours.set(upn.trim().toLowerCase(), behaviour);
      else core.behaviours.delete(upn.trim().toLowerCase());
    },
    configure(patch) {
      Object.assign(core.options, pickTunable(patch));
    },
    addSecret: (spec) => core.addSecret(spec),
    addCertificate: (pem) => core.addCertificate(pem),
    close: () => {
      core.shutdown();
      return stop();
    },
  };
}

async function route(core: SimCore, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const started = core.now();
  // The raw path, not new URL(): a request target such as "//x" would otherwise be read as a host.
  const path = (req.url ?? '/').split('?')[0] || '/';
  const token = TOKEN_PATH.exec(path);
  if (token) return handleToken(core, req, res, token[1]!, token[2] !== undefined);
  if (isConnectorPath(path)) return handleConnector(core, req, res, path, started);
  send(res, 404, null);
}

const tunableKeys = new Set<string>([
  'secretPropagationMs', 'clientSp', 'connectorSpEnabled', 'resource', 'tokenLifetimeSec', 'pushTimeoutMs',
  'defaultBehaviour', 'sessionTtlMs', 'throttle', 'methodLimit', 'maxWrongCodes', 'latencyMs', 'unknownUserValue',
  'honourMethodId', 'numberMatching', 'maskPhones',
]);

/** Copies only known option keys: a patch can never reach anything else on the options object. */
function pickTunable(patch: Partial<TunableOptions>): Partial<TunableOptions> {
  return Object.fromEntries(Object.entries(patch).filter(([key]) => tunableKeys.has(key)));
}
