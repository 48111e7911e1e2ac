/**
 * The armed fault and change listeners of an OAuth-style simulator (CIBA, Auth0): a test or the sandbox arms
 * one fault for the next answer it applies to, or a number of forced slow_down answers to push polls.
 */
import { isBodyFault, type BodyFault } from './oauth-faults.js';

export class FaultState<F extends string> {
  fault: F | 'none' = 'none';
  /** Polls still to be answered slow_down whatever their timing. */
  forcedSlowDowns = 0;
  private readonly listeners = new Set<() => void>();

  setFault(fault: F | 'none' | 'slow_down'): void {
    if (fault === 'slow_down') this.forcedSlowDowns += 1;
    else this.fault = fault;
    this.notify();
  }

  /** What the next answer will do: the armed fault, or slow_down while forced ones are left. */
  nextFault(): F | 'none' | 'slow_down' {
    return this.forcedSlowDowns > 0 && this.fault === 'none' ? 'slow_down' : this.fault;
  }

  /** Consumes the armed fault when `applies` says it is of that kind. */
  protected takeFault<T extends F>(applies: (fault: string) => fault is T): T | null {
    const fault = this.fault;
    if (!applies(fault)) return null;
    this.setFault('none');
    return fault;
  }

  /** Consumes the armed fault when it replaces a whole answer. */
  takeBodyFault(): BodyFault | null {
    return this.takeFault(isBodyFault as (fault: string) => fault is F & BodyFault);
  }

  /** Answers the next `count` push polls with slow_down whatever their timing. */
  forceSlowDowns(count: number): void {
    this.forcedSlowDowns = Math.max(0, Math.floor(count));
    this.notify();
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

  protected clearListeners(): void {
    this.listeners.clear();
  }
}
