/** Connector sessions (one per Begin), expiring after the session TTL; the store is bounded in size. */
import type { PushAnswer } from './phone.js';

export interface PushSession {
  kind: 'push';
  id: string;
  upn: string;
  method: string;
  createdAt: number;
  /** null while the phone has not answered. */
  answer: PushAnswer | null;
}

export interface OtpSession {
  kind: 'otp';
  id: string;
  upn: string;
  method: 'PhoneAppOTP' | 'OneWaySMS';
  code: string;
  wrongCodes: number;
  state: 'open' | 'verified' | 'locked';
  promptId: string;
  createdAt: number;
}

export type SimSession = PushSession | OtpSession;

const MAX_SESSIONS = 2000;

/** Live sessions by id. */
export class SessionStore {
  private readonly sessions = new Map<string, SimSession>();

  constructor(
    private readonly ttlMs: () => number,
    private readonly now: () => number,
  ) {}

  add(session: SimSession): void {
    this.sweep();
    // Oldest first: Map keeps insertion order.
    while (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
    this.sessions.set(session.id, session);
  }

  /** The live session, or undefined when unknown or expired. */
  get(id: string): SimSession | undefined {
    const session = this.sessions.get(id);
    if (session && this.expired(session)) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  sweep(): void {
    for (const [id, session] of this.sessions) if (this.expired(session)) this.sessions.delete(id);
  }

  private expired(session: SimSession): boolean {
    return this.now() - session.createdAt > this.ttlMs();
  }
}
