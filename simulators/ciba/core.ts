/** The simulator's state: options, keys, requests, the armed fault and the request counts. */
import { TenantKeys } from '../shared/tenant-keys.js';
import { FaultState } from '../shared/fault-state.js';
import { isTokenFault, type CibaFault, type TokenFault } from './faults.js';
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

export class CibaSimCore extends FaultState<Exclude<CibaFault, 'none' | 'slow_down'>> {
  /** Issuer with its final slash, as Auth0 writes it. */
  issuer = '';
  counts = zeroCounts();
  readonly keys = new TenantKeys();
  readonly requests: RequestStore;
  readonly seenJti = new Set<string>();

  constructor(readonly options: CibaSimulatorOptions) {
    super();
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



  /** Consumes the armed fault when it alters a token answer. */
  takeTokenFault(): TokenFault | null {
    return this.takeFault(isTokenFault);
  }




  shutdown(): void {
    this.requests.shutdown();
    this.clearListeners();
  }
}
