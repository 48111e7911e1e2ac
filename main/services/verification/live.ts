/** Verifications the app is following: the view the renderer sees, plus what main keeps to itself. */
import type { VerificationMode, VerificationView } from '../../../contract/domain.js';
import { sameSubject, type Subject, type VerificationProvider } from '../../providers/types.js';
import { AppError } from '../errors.js';
import type { Admission } from '../policy/engine.js';

export interface Live {
  view: VerificationView;
  subject: Subject;
  provider: VerificationProvider;
  controller: AbortController;
  logId: string;
  /** Opaque code-challenge state from the provider; null when no code is awaited. */
  challenge: unknown;
  refs: Record<string, string>;
  /** Audit entries of this verification still waiting to be written (their request-log ids). */
  unrecorded: Set<string>;
  /** What the policy allowed and what the result must reach. */
  admission: Admission | null;
  /** Modes the profile offers (a second method must use another). */
  modes: VerificationMode[];
  /** The approval this verification is the second method of, or null. */
  base: Live | null;
  /** A code the caller read back was checked by the provider (the outcome rests on it). */
  codeChecked: boolean;
  /** This approval is already the first of two methods (it combines once). */
  secondMethodUsed: boolean;
}

/** Still pending or waiting for a code. */
export const isLive = (live: Live): boolean => live.view.status === 'pending' || live.view.status === 'awaiting_code';

/** How many finished verifications stay listed. */
const KEEP = 100;

export interface LiveRecords {
  add(live: Live): void;
  /** The record, or a not_found AppError. */
  get(id: string): Live;
  all(): Live[];
  /** The live verification of the same account, if any. */
  liveFor(subject: Subject): Live | null;
}

export function createLiveRecords(): LiveRecords {
  const records = new Map<string, Live>();
  return {
    add(live) {
      records.set(live.view.id, live);
      if (records.size <= KEEP) return;
      for (const [id, old] of records) {
        if (records.size <= KEEP) break;
        if (!isLive(old)) records.delete(id);
      }
    },
    get(id) {
      const live = records.get(id);
      if (!live) throw new AppError('not_found', 'No such verification. It may have been cleared.');
      return live;
    },
    all: () => [...records.values()],
    liveFor(subject) {
      for (const live of records.values()) if (isLive(live) && sameSubject(live.subject, subject)) return live;
      return null;
    },
  };
}
