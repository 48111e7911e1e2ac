/** The simulator's state: options, keys, requests, the armed fault and the request counts. */
import { TenantKeys } from '../shared/tenant-keys.js';
import { isBodyFault, isTokenFault, type BodyFault, type CibaFault, type TokenFault } from './faults.js';
import type { CibaSimulatorOptions, CibaSimUser, PhoneBehaviour } from './options.js';
import { RequestStore } from './requests.js';

/** Requests answered per endpoint since start (or the last reset). */
export interface CibaSimCounts {
  discovery: number;
  jwks: number;
  bcAuthorize: number;
  token: number;
  /** Polls that came before the interval (or Retry-After) allowed. A well-behaved client causes none. */
  earlyPolls: number;
  slowDowns: number;
}

export const zeroCounts = (): CibaSimCounts => ({ discovery: 0, jwks: 0, bcAuthorize: 0, token: 0, earlyPolls: 0, slowDowns: 0 });

export class CibaSimCore {
  /** Issuer with its final slash, as Auth0 writes it. */
  issuer = '';
  fault: CibaFault = 'none';
  /** Polls still to be answered slow_down whatever their timing (tests). */
  forcedSlowDowns = 0;
  counts = zeroCounts();
  readonly keys = new TenantKeys();
  readonly requests: RequestStore;
  readonly seenJti = new Set<string>();
  private readonly listeners = new Set<() => void>();

  constructor(readonly options: CibaSimulatorOptions) {
    this.requests = new RequestStore(options.clock, () => this.notify());
  }

  now(): number {
    return this.options.clock.now();
  }

  findUser(sub: string): CibaSimUser | undefined {
    return this.options.users.find((user) => user.sub === sub);
  }

  findUserByEmail(email: string): CibaSimUser | undefined {
    const wanted = email.trim().toLowerCase();
    return this.options.users.find((user) => user.email.toLowerCase() === wanted);
  }

  behaviourFor(user: CibaSimUser): PhoneBehaviour {
    return user.behaviour ?? this.options.defaultBehaviour;
  }

  setFault(fault: CibaFault): void {
    if (fault === 'slow_down') this.forcedSlowDowns += 1;
    else this.fault = fault;
    this.notify();
  }

  /** Consumes the armed fault when it replaces a whole answer. */
  takeBodyFault(): BodyFault | null {
    const fault = this.fault;
    if (!isBodyFault(fault)) return null;
    this.setFault('none');
    return fault;
  }

  /** Consumes the armed fault when it alters a token answer. */
  takeTokenFault(): TokenFault | null {
    const fault = this.fault;
    if (!isTokenFault(fault)) return null;
    this.setFault('none');
    return fault;
  }

  takeForcedSlowDown(): boolean {
    if (this.forcedSlowDowns <= 0) return false;
    this.forcedSlowDowns -= 1;
    this.notify();
    return true;
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

  shutdown(): void {
    this.requests.shutdown();
    this.listeners.clear();
  }
}
