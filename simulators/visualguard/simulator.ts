/**
 * Local VisualGuard IdentityServer simulator on 127.0.0.1: the VGAuthenticator token endpoint and the
 * MFAEnrollment API, with users in every state, real QR codes (PNG) of real TOTP secrets, code checks on
 * the RFC 6238 clock, faults and request counts. Used by tests and the sandbox; never by production code.
 */
import type http from 'node:http';
import type { SandboxUserView } from '../../contract/domain.js';
import { DOCUMENTED_ROUTES } from '../../contract/providers/visualguard.js';
import { totp } from '../../main/services/totp.js';
import { resolveOptions, VgSimCore, zeroCounts, type VgCounts, type VgSimOptions } from './core.js';
import { isVgFault, type VgFault, type VgRoute } from './faults.js';
import type { VgSimUser } from './fixtures.js';
import { handleQr, handleToken, handleValidate, notFound } from './routes.js';
import { listenLoopback } from '../shared/loopback.js';

export type { VgCounts, VgFault, VgRoute, VgSimOptions };

export interface VisualguardSimulator {
  /** Server address with a path base, as an IdentityServer installed under IIS would have. */
  serverUrl: string;
  clientId: string;
  clientSecret: string;
  users(): SandboxUserView[];
  /** A user's current state (tests change it). */
  user(name: string): VgSimUser | null;
  /** The code the user's phone would show for the newest open request of `name` (tests only). */
  currentCode(name: string, offsetMs?: number): string | null;
  /** Arms a fault for the next request (of route `at` only, when given). */
  setFault(fault: VgFault, at?: VgRoute): void;
  nextFault(): VgFault;
  counts(): VgCounts;
  resetCounts(): void;
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}

const BASE_PATH = '/VGIdentityServer';

/** Starts the simulator (port 0 = any free port). */
export async function startVisualguardSimulator(input: Partial<VgSimOptions> = {}): Promise<VisualguardSimulator> {
  const core = new VgSimCore(resolveOptions(input));
  const { port, close: stop } = await listenLoopback((req, res) => route(core, req, res));
  core.baseUrl = `http://127.0.0.1:${port}${BASE_PATH}`;
  return {
    serverUrl: core.baseUrl,
    clientId: core.options.clientId,
    clientSecret: core.options.clientSecret,
    users: () => core.options.users.map((u) => ({ subject: u.name, description: u.description })),
    user: (name) => core.user(name),
    currentCode(name, offsetMs = 0) {
      const open = [...core.requests.values()].filter((r) => r.user.name === name && !r.done).at(-1);
      return open ? totp(open.secret, core.options.now() + offsetMs) : null;
    },
    setFault: (fault, at) => core.setFault(fault, at ?? null),
    nextFault: () => core.fault,
    counts: () => ({ ...core.counts }),
    resetCounts() {
      core.counts = zeroCounts();
    },
    onChange: (listener) => core.onChange(listener),
    close: () => {
      core.shutdown();
      return stop();
    },
  };
}

async function route(core: VgSimCore, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const [rawPath = '/', rawQuery = ''] = (req.url ?? '/').split('?');
  const query = new URLSearchParams(rawQuery);
  if (!rawPath.startsWith(BASE_PATH)) return notFound(res);
  const path = rawPath.slice(BASE_PATH.length);
  if (req.method === 'POST' && path === DOCUMENTED_ROUTES.tokenPath) return handleToken(core, req, res);
  if (req.method === 'GET' && path === DOCUMENTED_ROUTES.qrImagePath) return handleQr(core, req, res, query, 'image');
  if (req.method === 'GET' && path === DOCUMENTED_ROUTES.qrBytesPath) return handleQr(core, req, res, query, 'bytes');
  if (req.method === 'POST' && path === DOCUMENTED_ROUTES.validatePath) return handleValidate(core, req, res, query);
  notFound(res);
}

export { isVgFault };
