/**
 * The simulated phone: prompts the sandbox panel shows, pushes answered by the agent or a script, and codes
 * "sent" by text message. Every wait ends by the push timeout at the latest.
 */
import { randomUUID } from 'node:crypto';
import type { PhoneAction } from '../../contract/domain.js';

/** A prompt on the simulated phone. */
export interface SimPrompt {
  id: string;
  upn: string;
  kind: 'push' | 'voice' | 'sms';
  /** For SMS: the code "sent" to the phone. */
  code: string | null;
  receivedAt: string;
}
import type { PushBehaviour } from './options.js';

export type PushAnswer = Exclude<PhoneAction, 'ignore'> | 'timeout';

interface Entry {
  prompt: SimPrompt;
  /** Hidden prompts (ignored by the user) still time out but are no longer listed. */
  visible: boolean;
  act(action: PhoneAction): void;
  /** Ends the entry at once (shutdown): pushes settle as timeouts. */
  cancel(): void;
}

/** The phone of every simulated user, as the sandbox panel shows it. */
export class SimPhone {
  private readonly entries = new Map<string, Entry>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly changed: () => void) {}

  /** Visible prompts, oldest first. */
  list(): SimPrompt[] {
    return [...this.entries.values()].filter((entry) => entry.visible).map((entry) => ({ ...entry.prompt }));
  }

  /** Shows a push or call and settles with the answer; never later than `timeoutMs`. */
  ring(
    upn: string,
    kind: SimPrompt['kind'],
    behaviour: PushBehaviour,
    timeoutMs: number,
    shown: string | null = null,
  ): Promise<PushAnswer> {
    return new Promise((resolve) => {
      const id = randomUUID();
      const timers: NodeJS.Timeout[] = [];
      const finish = (answer: PushAnswer): void => {
        if (!this.entries.has(id)) return;
        for (const timer of timers) this.clear(timer);
        this.entries.delete(id);
        this.changed();
        resolve(answer);
      };
      const entry: Entry = {
        prompt: { id, upn, kind, code: shown, receivedAt: new Date().toISOString() },
        visible: true,
        act: (action) => {
          if (action !== 'ignore') return finish(action);
          entry.visible = false;
          this.changed();
        },
        cancel: () => finish('timeout'),
      };
      this.entries.set(id, entry);
      timers.push(this.after(timeoutMs, () => finish('timeout')));
      // A scripted answer slower than the timeout never arrives: the push times out first.
      if (behaviour !== 'interactive' && behaviour.action !== 'ignore' && (behaviour.delayMs ?? 0) < timeoutMs) {
        const action = behaviour.action;
        timers.push(this.after(behaviour.delayMs ?? 0, () => finish(action)));
      }
      this.changed();
    });
  }

  /** Shows a code (text message, or the current Authenticator code) until `remove` or `ttlMs`. */
  showCode(upn: string, code: string, ttlMs: number): string {
    const id = randomUUID();
    const timer = this.after(ttlMs, () => this.remove(id));
    this.entries.set(id, {
      prompt: { id, upn, kind: 'sms', code, receivedAt: new Date().toISOString() },
      visible: true,
      act: () => {
        this.clear(timer);
        this.remove(id);
      },
      cancel: () => this.remove(id),
    });
    this.changed();
    return id;
  }

  remove(id: string): void {
    if (this.entries.delete(id)) this.changed();
  }

  /** The agent's answer on the sandbox panel. */
  respond(promptId: string, action: PhoneAction): boolean {
    const entry = this.entries.get(promptId);
    if (!entry?.visible) return false;
    entry.act(action);
    return true;
  }

  /** Ends every wait (as a timeout) and clears every timer. */
  shutdown(): void {
    for (const entry of [...this.entries.values()]) entry.cancel();
    this.entries.clear();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private after(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, Math.max(0, ms));
    timer.unref();
    this.timers.add(timer);
    return timer;
  }

  private clear(timer: NodeJS.Timeout): void {
    clearTimeout(timer);
    this.timers.delete(timer);
  }
}
