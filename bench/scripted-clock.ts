/** Virtual time for the polling benchmarks, shared by app and simulator. */
import { systemClock, type Clock } from '../main/services/clock.js';

/** Sleeps return at once; actions scheduled at a virtual time run when a sleep passes it. */
export interface ScriptedClock extends Clock {
  at(ms: number, action: () => void): void;
}

/** A clock whose sleeps move virtual time forward instead of waiting. */
export function scriptedClock(): ScriptedClock {
  let offset = 0;
  let due: { at: number; action: () => void }[] = [];
  const now = (): number => Date.now() + offset;
  return {
    now,
    async sleep(ms, signal) {
      await systemClock.sleep(0, signal);
      offset += ms;
      const ready = due.filter((entry) => entry.at <= now());
      due = due.filter((entry) => entry.at > now());
      for (const entry of ready) entry.action();
    },
    at: (ms, action) => void due.push({ at: now() + ms, action }),
  };
}
