/** An in-memory AccountStore and a hand-set clock, for provider tests that do not need the keychain. */
import type { AccountStore } from '../../main/providers/types.js';
import type { Clock } from '../../main/services/clock.js';
import { systemClock } from '../../main/services/clock.js';

export interface MemoryAccounts extends AccountStore {
  secrets: Map<string, string>;
  states: Map<string, string>;
}

export function memoryAccounts(): MemoryAccounts {
  const secrets = new Map<string, string>();
  const states = new Map<string, string>();
  return {
    secrets,
    states,
    getSecret: async (account) => secrets.get(account) ?? null,
    setSecret: async (account, secret) => void secrets.set(account, secret),
    deleteSecret: async (account) => void secrets.delete(account),
    getState: (account) => states.get(account) ?? null,
    setState: (account, state) => void states.set(account, state),
    deleteState: (account) => void states.delete(account),
  };
}

export interface ManualClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

/** A clock that stands still until told; sleeps resolve at once (bounded by the real 1 ms tick). */
export function manualClock(start = 1_700_000_000_000): ManualClock {
  let now = start;
  return {
    now: () => now,
    sleep: (ms, signal) => systemClock.sleep(Math.min(ms, 1), signal),
    set: (ms) => void (now = ms),
    advance: (ms) => void (now += ms),
  };
}
