/**
 * What the latest methods lookup showed for an account, kept for a while so a verification the lookup shows
 * cannot work is refused before anything is logged, counted or sent.
 */
import type { AuthMethodView, VerificationMode } from '../../../contract/domain.js';
import type { Clock } from '../clock.js';

/** How long a lookup is trusted: the limits' window, so a refusal never outlives the counts it protects. */
const FRESH_MS = 10 * 60_000;
/** Bound on remembered accounts; the oldest are forgotten first. */
const MAX_ENTRIES = 500;

export interface MethodFacts {
  /** Records a successful lookup of `canonical` through `profileId`. */
  remember(profileId: string, canonical: string, methods: readonly AuthMethodView[]): void;
  /** Forgets the account (its lookup failed, so what was known may be stale). */
  forget(profileId: string, canonical: string): void;
  /** Why `mode` cannot reach the account according to a fresh lookup, in words for the agent; null when it may. */
  refusal(profileId: string, subject: { raw: string; canonical: string }, mode: VerificationMode): string | null;
}

/** Modes the registered methods can serve: push needs a push method, code read-back a code method. */
export function modesServed(methods: readonly AuthMethodView[]): Record<VerificationMode, boolean> {
  return { push: methods.some((m) => m.kind === 'push'), otp: methods.some((m) => m.kind === 'otp') };
}

/** Creates the memory of methods lookups (bounded, and trusted for ten minutes). */
export function createMethodFacts(clock: Clock): MethodFacts {
  const entries = new Map<string, { at: number; methods: readonly AuthMethodView[] }>();
  const key = (profileId: string, canonical: string): string => `${profileId}\n${canonical}`;
  return {
    remember(profileId, canonical, methods) {
      const k = key(profileId, canonical);
      entries.delete(k);
      entries.set(k, { at: clock.now(), methods: [...methods] });
      while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
    },
    forget: (profileId, canonical) => void entries.delete(key(profileId, canonical)),
    refusal(profileId, subject, mode) {
      const entry = entries.get(key(profileId, subject.canonical));
      if (!entry || clock.now() - entry.at > FRESH_MS) return null;
      const served = modesServed(entry.methods);
      if (served[mode]) return null;
      if (!served.push && !served.otp) {
        return `${subject.raw} has no registered method that can receive a push or give a code. Nothing was sent. Verify the caller another way.`;
      }
      return mode === 'push'
        ? `${subject.raw} has no method that can receive a push, so none was sent. Use code read-back instead.`
        : `${subject.raw} has no method that gives a code, so no code check was started. Send a push instead.`;
    },
  };
}
