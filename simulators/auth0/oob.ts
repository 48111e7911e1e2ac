/**
 * Out-of-band transactions (providers.md §1.7 item 3 and 4): a Guardian push waits for the phone's approve
 * or reject, a text message or call carries a 6-digit binding code. Each has its own oob_code, lifetime and
 * poll pacing; an enrollment's transaction activates its authenticator once confirmed.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { PushBehaviour, SimClock } from './options.js';

export type OobChannel = 'auth0' | 'sms' | 'voice' | 'email';
export type OobState = 'pending' | 'approved' | 'rejected';

export interface OobEntry {
  /** Id used by the phone and the test hooks (never the oob_code). */
  id: string;
  code: string;
  mfaToken: string;
  sub: string;
  username: string;
  channel: OobChannel;
  bindingCode: string | null;
  state: OobState;
  createdAt: number;
  expiresAt: number;
  /** Minimum seconds between polls; grows by 5 on every slow_down. */
  intervalS: number;
  /** Clock time before which a poll is too early. */
  notBefore: number;
  /** false once dismissed on the phone: still redeemable, no longer shown. */
  visible: boolean;
  receivedAt: string;
  /** Set for an enrollment: the authenticator that becomes active once this is confirmed. */
  enrollment: { authenticatorId: string; txId: string | null } | null;
}

export interface NewOob {
  mfaToken: string;
  sub: string;
  username: string;
  channel: OobChannel;
  lifetimeS: number;
  intervalS: number;
  push: PushBehaviour;
  enrollment?: OobEntry['enrollment'];
}

const MAX_ENTRIES = 1000;

export class OobStore {
  private readonly entries = new Map<string, OobEntry>();
  private readonly byCode = new Map<string, OobEntry>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly clock: SimClock,
    private readonly changed: () => void,
  ) {}

  create(spec: NewOob): OobEntry {
    const now = this.clock.now();
    const entry: OobEntry = {
      id: randomUUID(),
      code: `Fe26.2**${randomBytes(32).toString('base64url')}`,
      mfaToken: spec.mfaToken,
      sub: spec.sub,
      username: spec.username,
      channel: spec.channel,
      bindingCode: spec.channel === 'auth0' ? null : String(randomInt(0, 1_000_000)).padStart(6, '0'),
      state: 'pending',
      createdAt: now,
      expiresAt: now + spec.lifetimeS * 1000,
      intervalS: spec.intervalS,
      notBefore: now + spec.intervalS * 1000,
      visible: true,
      receivedAt: new Date().toISOString(),
      enrollment: spec.enrollment ?? null,
    };
    if (this.entries.size >= MAX_ENTRIES) this.forget(this.entries.values().next().value!);
    this.entries.set(entry.id, entry);
    this.byCode.set(entry.code, entry);
    const { push } = spec;
    if (spec.channel === 'auth0' && push !== 'interactive') {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.answer(entry.id, push.action);
      }, push.delayMs ?? 0);
      timer.unref();
      this.timers.add(timer);
    }
    this.changed();
    return entry;
  }

  byOobCode(code: string): OobEntry | undefined {
    return this.byCode.get(code);
  }

  get(id: string): OobEntry | undefined {
    return this.entries.get(id);
  }

  isExpired(entry: OobEntry): boolean {
    return this.clock.now() >= entry.expiresAt;
  }

  /** Unanswered, unexpired, shown entries, oldest first; optionally of one user or channel. */
  pending(filter: { sub?: string; channel?: OobChannel } = {}): OobEntry[] {
    return [...this.entries.values()].filter(
      (e) =>
        e.state === 'pending' && e.visible && !this.isExpired(e) && (filter.sub === undefined || e.sub === filter.sub) && (filter.channel === undefined || e.channel === filter.channel),
    );
  }

  /** The phone's answer to a push (approve/reject) or a dismissal (ignore); false when it no longer waits. */
  answer(id: string, action: 'approve' | 'reject' | 'ignore'): boolean {
    const entry = this.entries.get(id);
    if (!entry || entry.state !== 'pending' || !entry.visible || this.isExpired(entry)) return false;
    if (action === 'ignore') entry.visible = false;
    else if (entry.channel !== 'auth0') return false;
    else entry.state = action === 'approve' ? 'approved' : 'rejected';
    this.changed();
    return true;
  }

  /** Ends an entry's lifetime now (tests). */
  expire(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    entry.expiresAt = this.clock.now();
    this.changed();
    return true;
  }

  /** An oob_code is single use: forgotten once a final answer was given for it. */
  forget(entry: OobEntry): void {
    this.entries.delete(entry.id);
    this.byCode.delete(entry.code);
    this.changed();
  }

  shutdown(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
