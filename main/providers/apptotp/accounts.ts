/**
 * What the app's own authenticator remembers per enrolled account: the last time step it accepted (so no
 * code is ever accepted twice), wrong codes in a row and a lock-out. The secret is not here: it is in the
 * OS keychain (AccountStore.getSecret). State rows are parsed like any input; a damaged row fails closed.
 */
import { z } from 'zod';
import { boundedString } from '../../../contract/bounds.js';
import type { AccountStore } from '../types.js';

const stateSchema = z
  .object({
    v: z.literal(1),
    enrolledAt: boundedString(40),
    /** The newest time step accepted; a code of this step or an earlier one is a replay. */
    lastStep: z.number().int().nonnegative(),
    failures: z.number().int().nonnegative().max(1000),
    /** Epoch ms until which the account cannot be verified; null when not locked. */
    lockedUntil: z.number().int().nonnegative().nullable(),
  })
  .strict();
export type AccountState = z.infer<typeof stateSchema>;

export type AccountReading = { kind: 'none' } | { kind: 'damaged' } | { kind: 'enrolled'; state: AccountState };

/** Reads an account's state; an expired lock-out is lifted (and its wrong codes forgotten) on the way. */
export function readAccount(store: AccountStore, account: string, now: number): AccountReading {
  const raw = store.getState(account);
  if (raw === null) return { kind: 'none' };
  let parsed: AccountState;
  try {
    parsed = stateSchema.parse(JSON.parse(raw));
  } catch {
    return { kind: 'damaged' };
  }
  if (parsed.lockedUntil !== null && parsed.lockedUntil <= now) return { kind: 'enrolled', state: { ...parsed, failures: 0, lockedUntil: null } };
  return { kind: 'enrolled', state: parsed };
}

/** Stores an account's state (never its secret). */
export function writeAccount(store: AccountStore, account: string, state: AccountState): void {
  store.setState(account, JSON.stringify(state));
}

/** True while a lock-out is in force. */
export const isLocked = (state: AccountState, now: number): boolean => state.lockedUntil !== null && state.lockedUntil > now;

/**
 * Runs `task` for one account after every earlier task for it has finished, so two code checks (or a check
 * and a re-enrollment) of the same account never read the same last step and both succeed.
 */
export function createAccountQueue(): <T>(account: string, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (account, task) => {
    const previous = tails.get(account) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    tails.set(account, tail);
    void tail.then(() => {
      if (tails.get(account) === tail) tails.delete(account);
    });
    return run;
  };
}
