/** The simulator's state: options, credentials, sessions, the phone, the pending fault and the records. */
import { createHash, randomBytes, timingSafeEqual, X509Certificate } from 'node:crypto';
import { TokenIssuer } from './access-token.js';
import type { PushBehaviour, SimulatorOptions, SimUser } from './options.js';
import { SimPhone } from './phone.js';
import { SessionStore } from './sessions.js';
import { Transcript, type SimulatorCounts } from './transcript.js';
import { SlidingWindows } from './windows.js';

export interface SimSecret {
  value: string;
  startMs: number;
  endMs: number;
}

/** Faults the simulator can inject into its next connector answer, with the words the simulated phone shows. */
export const entraFaults = [
  { id: 'none', label: 'Normal' },
  { id: 'http_500', label: 'Server error (HTTP 500)' },
  { id: 'html_body', label: 'HTML error page' },
  { id: 'malformed_xml', label: 'Malformed XML' },
  { id: 'entity_bomb', label: 'XML entity bomb' },
  { id: 'oversize_body', label: 'Oversized response' },
  { id: 'token_401_once', label: 'Expired token (401, once)' },
  { id: 'throttle', label: 'Throttled' },
  { id: 'stall', label: 'No answer (connection stalls)' },
  { id: 'wrong_upn', label: 'Approval for a different user' },
  { id: 'unknown_value', label: 'Unknown result code' },
] as const;
export type EntraFault = (typeof entraFaults)[number]['id'];

/** Faults that replace the next connector response body. */
export type BodyFault = Exclude<EntraFault, 'none' | 'token_401_once' | 'throttle'>;

/** True for a known fault id. */
export function isEntraFault(value: string): value is EntraFault {
  return entraFaults.some((f) => f.id === value);
}

/** Shared state of one running simulator. */
export class SimCore {
  baseUrl = '';
  fault: EntraFault = 'none';
  readonly phone: SimPhone;
  readonly sessions: SessionStore;
  readonly issuer = new TokenIssuer();
  readonly windows = new SlidingWindows();
  readonly transcript = new Transcript();
  readonly counts: SimulatorCounts = { tokenRequests: 0, connectorRequests: 0, begins: 0, ends: 0, methodLookups: 0 };
  readonly secrets: SimSecret[];
  readonly certificates: X509Certificate[];
  readonly behaviours = new Map<string, PushBehaviour>();
  private readonly listeners = new Set<() => void>();
  private readonly delays = new Map<NodeJS.Timeout, () => void>();

  constructor(readonly options: SimulatorOptions) {
    this.phone = new SimPhone(() => this.notify());
    this.sessions = new SessionStore(() => this.options.sessionTtlMs, () => this.now());
    // The initial secret was "created long ago": propagation does not apply to it.
    this.secrets = [{ value: options.clientSecret, startMs: -Infinity, endMs: Infinity }];
    this.certificates = options.certificates.map((pem) => new X509Certificate(pem));
  }

  now(): number {
    return Date.now();
  }

  /** Adds a secret like Graph addPassword; it works after start + propagation delay and before its end. */
  addSecret(spec: { startMs?: number; endMs?: number } = {}): string {
    const value = randomBytes(24).toString('base64url');
    const startMs = spec.startMs ?? this.now();
    this.secrets.push({ value, startMs, endMs: spec.endMs ?? startMs + 365 * 86_400_000 });
    return value;
  }

  addCertificate(pem: string): void {
    this.certificates.push(new X509Certificate(pem));
  }

  secretIsActive(value: string): boolean {
    const now = this.now();
    const given = digest(value);
    // Why: compare digests in constant time so the secret cannot be probed through response timing.
    const delay = this.options.secretPropagationMs;
    return this.secrets.some(
      (s) => timingSafeEqual(digest(s.value), given) && s.startMs + delay <= now && now < s.endMs,
    );
  }

  findUser(upn: string): SimUser | undefined {
    const wanted = upn.trim().toLowerCase();
    return this.options.users.find((user) => user.upn.toLowerCase() === wanted);
  }

  behaviourFor(user: SimUser): PushBehaviour {
    return this.behaviours.get(user.upn.toLowerCase()) ?? user.behaviour ?? this.options.defaultBehaviour;
  }

  setFault(fault: EntraFault): void {
    this.fault = fault;
    this.notify();
  }

  /** Consumes the pending fault when it is `kind`. */
  takeFault(kind: EntraFault): boolean {
    if (this.fault !== kind) return false;
    this.setFault('none');
    return true;
  }

  /** Consumes the pending fault when it replaces a response body. */
  takeBodyFault(): BodyFault | null {
    const fault = this.fault;
    if (fault === 'none' || fault === 'token_401_once' || fault === 'throttle') return null;
    this.setFault('none');
    return fault;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch {
        // A failing listener must not break the simulator or the other listeners.
      }
    }
  }

  /** Never resolves on its own (a stalled server); shutdown releases it. */
  stall(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, 2_147_483_647);
      this.delays.set(timer, resolve);
    });
  }

  /** Waits `ms` (response latency); cut short by shutdown. */
  delay(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.delays.delete(timer);
        resolve();
      }, ms);
      this.delays.set(timer, resolve);
    });
  }

  shutdown(): void {
    this.phone.shutdown();
    for (const [timer, resolve] of this.delays) {
      clearTimeout(timer);
      resolve();
    }
    this.delays.clear();
    this.listeners.clear();
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
