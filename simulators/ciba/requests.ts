/**
 * Backchannel requests and the simulated phone that shows them. A request lives until it is answered at the
 * token endpoint once (then its auth_req_id is consumed) or until it expires.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { CibaSimUser, PhoneBehaviour, SimClock } from './options.js';

export type RequestState = 'pending' | 'approved' | 'denied';

export interface CibaRequest {
  /** Internal id used by the phone and the test hooks (never the auth_req_id). */
  id: string;
  authReqId: string;
  user: CibaSimUser;
  scope: string;
  bindingMessage: string | null;
  createdAt: number;
  expiresAt: number;
  state: RequestState;
  /** false once the phone's user ignored it: still pending, no longer shown. */
  visible: boolean;
  /** Minimum seconds between polls; grows by 5 on every slow_down. */
  intervalS: number;
  /** Clock time before which a poll is too early. */
  notBefore: number;
  receivedAt: string;
}

export interface NewRequest {
  user: CibaSimUser;
  scope: string;
  bindingMessage: string | null;
  expiresInS: number;
  intervalS: number;
  behaviour: PhoneBehaviour;
}

const MAX_REQUESTS = 1000;

export class RequestStore {
  private readonly requests = new Map<string, CibaRequest>();
  private readonly byAuthReq = new Map<string, CibaRequest>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly clock: SimClock,
    private readonly changed: () => void,
  ) {}

  create(spec: NewRequest): CibaRequest {
    const now = this.clock.now();
    const request: CibaRequest = {
      id: randomUUID(),
      authReqId: randomBytes(32).toString('base64url'),
      user: spec.user,
      scope: spec.scope,
      bindingMessage: spec.bindingMessage,
      createdAt: now,
      expiresAt: now + spec.expiresInS * 1000,
      state: 'pending',
      visible: true,
      intervalS: spec.intervalS,
      notBefore: now + spec.intervalS * 1000,
      receivedAt: new Date().toISOString(),
    };
    if (this.requests.size >= MAX_REQUESTS) this.forget(this.requests.values().next().value!);
    this.requests.set(request.id, request);
    this.byAuthReq.set(request.authReqId, request);
    const { behaviour } = spec;
    if (behaviour !== 'interactive') {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.answer(request.id, behaviour.action);
      }, behaviour.delayMs ?? 0);
      timer.unref();
      this.timers.add(timer);
    }
    this.changed();
    return request;
  }

  findByAuthReqId(authReqId: string): CibaRequest | undefined {
    return this.byAuthReq.get(authReqId);
  }

  isExpired(request: CibaRequest): boolean {
    return this.clock.now() >= request.expiresAt;
  }

  /** Pending, unexpired requests still shown on the phone, oldest first; optionally of one user. */
  pending(sub?: string): CibaRequest[] {
    return [...this.requests.values()].filter(
      (r) => r.state === 'pending' && r.visible && !this.isExpired(r) && (sub === undefined || r.user.sub === sub),
    );
  }

  /** The phone's answer; false when the request is no longer waiting. */
  answer(id: string, action: 'approve' | 'deny' | 'ignore'): boolean {
    const request = this.requests.get(id);
    if (!request || request.state !== 'pending' || !request.visible || this.isExpired(request)) return false;
    if (action === 'ignore') request.visible = false;
    else request.state = action === 'approve' ? 'approved' : 'denied';
    this.changed();
    return true;
  }

  /** Ends a request's lifetime now (tests). */
  expire(id: string): boolean {
    const request = this.requests.get(id);
    if (!request) return false;
    request.expiresAt = this.clock.now();
    this.changed();
    return true;
  }

  /** The auth_req_id is single use: forgotten once a final answer was given for it. */
  forget(request: CibaRequest): void {
    this.requests.delete(request.id);
    this.byAuthReq.delete(request.authReqId);
    this.changed();
  }

  forgetById(id: string): boolean {
    const request = this.requests.get(id);
    if (request) this.forget(request);
    return request !== undefined;
  }

  shutdown(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
