/** Enrollments the app is following: the view the renderer sees, and the provider session main keeps to itself. */
import type { EnrollmentView } from '../../../contract/domain.js';
import { sameSubject, type EnrollmentSession, type Subject } from '../../providers/types.js';
import { AppError } from '../errors.js';

export interface LiveEnrollment {
  view: EnrollmentView;
  subject: Subject;
  /** Null once the enrollment has ended: the secret it held is gone with it. */
  session: EnrollmentSession | null;
  /** Epoch ms after which no code is accepted. */
  expiresAt: number;
  /** Aborts the expiry timer and any provider call in flight. */
  controller: AbortController;
  refs: Record<string, string>;
}

/** Still waiting for (or checking) the first code. */
export const isLiveEnrollment = (live: LiveEnrollment): boolean => live.view.status === 'awaiting_code' || live.view.status === 'checking';

/** How many ended enrollments stay listed. */
const KEEP = 50;

export interface EnrollmentRecords {
  add(live: LiveEnrollment): void;
  /** The record, or a not_found AppError. */
  get(id: string): LiveEnrollment;
  all(): LiveEnrollment[];
  /** The live enrollment of the same account in the same profile, if any. */
  liveFor(profileId: string, subject: Subject): LiveEnrollment | null;
  liveCount(): number;
}

/** The enrollments this run of the app follows. */
export function createEnrollmentRecords(): EnrollmentRecords {
  const records = new Map<string, LiveEnrollment>();
  return {
    add(live) {
      records.set(live.view.id, live);
      for (const [id, old] of records) {
        if (records.size <= KEEP) break;
        if (!isLiveEnrollment(old)) records.delete(id);
      }
    },
    get(id) {
      const live = records.get(id);
      if (!live) throw new AppError('not_found', 'No such enrollment. It may have been cleared.');
      return live;
    },
    all: () => [...records.values()],
    liveFor(profileId, subject) {
      for (const live of records.values()) {
        if (isLiveEnrollment(live) && live.view.profileId === profileId && sameSubject(live.subject, subject)) return live;
      }
      return null;
    },
    liveCount: () => [...records.values()].filter(isLiveEnrollment).length,
  };
}
