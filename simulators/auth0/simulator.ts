/**
 * Local Auth0 MFA API simulator on 127.0.0.1 (providers.md §1.7): /oauth/token with the password,
 * password-realm and MFA grants, /mfa/authenticators, /mfa/challenge, /mfa/associate and the JWKS; a simulated
 * phone (Guardian pushes, texted codes, an authenticator app), test hooks over HTTP and in process, fault
 * injection, a controllable clock and request counts. Used by the tests, the benchmarks and the sandbox.
 */
import type http from 'node:http';
import type { PhoneAction, PhonePrompt, SandboxUserView } from '../../contract/domain.js';
import { totp } from '../../main/services/totp.js';
import { sendJson } from '../shared/http-io.js';
import { Auth0SimCore, zeroCounts, type Auth0SimCounts } from './core.js';
import type { Auth0Fault } from './faults.js';
import { handleHook, HOOK_PREFIX, lastMessage, pendingView, scanEnrollment, type PendingView } from './hooks.js';
import { handleAssociate, handleAuthenticators, handleChallenge, MFA_PATHS } from './mfa-api.js';
import { resolveOptions, tunableKeys, type Auth0SimulatorOptions, type SimUser, type TunableOptions } from './options.js';
import { phonePrompts } from './phone.js';
import { handleToken, TOKEN_PATH } from './token-endpoint.js';
import { listenLoopback } from '../shared/loopback.js';

export type { Auth0SimCounts, Auth0Fault, PendingView, Auth0SimulatorOptions, TunableOptions };

export interface Auth0Simulator {
  /** Tenant base URL, e.g. http://127.0.0.1:41234 (the issuer is this with a final slash). */
  base: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  users(): SandboxUserView[];
  /** A user of the tenant by sign-in name (tests read passwords, secrets and recovery codes). */
  user(username: string): SimUser | undefined;
  /** Out-of-band transactions waiting (pushes, texted codes), optionally of one user. */
  pending(sub?: string): PendingView[];
  approve(id: string): boolean;
  reject(id: string): boolean;
  /** Ends a transaction's lifetime now: its next poll answers expired. */
  expire(id: string): boolean;
  /** The newest unexpired text message to a user. */
  lastMessage(username: string): PendingView | null;
  /** The Guardian app scanned the enrollment QR code naming `txId`. */
  scanEnrollment(txId: string): boolean;
  /** The code the user's first active authenticator app shows now. */
  otpCode(username: string): string | null;
  /** Ends every mfa_token's life now (optionally of one user). */
  expireMfaTokens(sub?: string): void;
  attemptsLeft(username: string): number;
  prompts(): PhonePrompt[];
  respond(promptId: string, action: PhoneAction): boolean;
  setFault(fault: Auth0Fault): void;
  nextFault(): Auth0Fault;
  /** Answers the next `count` push polls with slow_down whatever their timing. */
  forceSlowDown(count: number): void;
  counts(): Auth0SimCounts;
  resetCounts(): void;
  configure(patch: Partial<TunableOptions>): void;
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}

/** Starts the simulator on 127.0.0.1 (port 0 = any free port). */
export async function startAuth0Simulator(input: Partial<Auth0SimulatorOptions> = {}): Promise<Auth0Simulator> {
  const core = new Auth0SimCore(resolveOptions(input));
  const { port, close: stop } = await listenLoopback((req, res) => route(core, req, res), { port: core.options.port });
  const base = `http://127.0.0.1:${port}`;
  core.issuer = `${base}/`;
  const { options } = core;
  const userNamed = (username: string): SimUser | undefined => core.userByName(username);
  return {
    base,
    issuer: core.issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    users: () => options.users.map((u) => ({ subject: u.username, description: `${u.description} Password: ${u.password}` })),
    user: userNamed,
    pending: (sub) => core.oobs.pending(sub ? { sub } : {}).map(pendingView),
    approve: (id) => core.oobs.answer(id, 'approve'),
    reject: (id) => core.oobs.answer(id, 'reject'),
    expire: (id) => core.oobs.expire(id),
    lastMessage: (username) => lastMessage(core, username),
    scanEnrollment: (txId) => scanEnrollment(core, txId),
    otpCode(username) {
      const secret = userNamed(username)?.authenticators.find((a) => a.active && a.factor === 'otp' && a.secret)?.secret;
      return secret ? totp(secret, core.now()) : null;
    },
    expireMfaTokens: (sub) => core.expireMfaTokens(sub),
    attemptsLeft: (username) => core.attemptsLeft(userNamed(username)?.sub ?? ''),
    prompts: () => phonePrompts(core),
    respond(promptId, action) {
      if (action === 'fraud') return false;
      if (core.otpDisplays.has(promptId)) {
        // An authenticator app only ever offers "ignore" (put the phone away).
        if (action !== 'ignore') return false;
        core.otpDisplays.delete(promptId);
        core.notify();
        return true;
      }
      const entry = core.oobs.get(promptId);
      if (entry?.enrollment?.txId && action === 'approve') return scanEnrollment(core, entry.enrollment.txId);
      return core.oobs.answer(promptId, action === 'deny' ? 'reject' : action);
    },
    setFault: (fault) => core.setFault(fault),
    nextFault: () => core.nextFault(),
    forceSlowDown: (count) => core.forceSlowDowns(count),
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

async function route(core: Auth0SimCore, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  // The raw path, not new URL() on the request target: "//x" would otherwise be read as a host.
  const [rawPath = '/', rawQuery = ''] = (req.url ?? '/').split('?');
  const path = rawPath || '/';
  if (path.startsWith(HOOK_PREFIX)) return handleHook(core, req, res, path, new URLSearchParams(rawQuery));
  if (req.method === 'GET' && path === '/.well-known/jwks.json') {
    core.counts.jwks += 1;
    return sendJson(res, 200, core.keys.jwks());
  }
  if (req.method === 'POST' && path === TOKEN_PATH) return handleToken(core, req, res);
  if (req.method === 'GET' && path === MFA_PATHS.authenticators) return handleAuthenticators(core, req, res);
  if (req.method === 'POST' && path === MFA_PATHS.challenge) return handleChallenge(core, req, res);
  if (req.method === 'POST' && path === MFA_PATHS.associate) return handleAssociate(core, req, res);
  sendJson(res, 404, { error: 'not_found', error_description: 'Not found' });
}
