/**
 * Configuration changes that happen together with their audit entries, or not at all.
 *
 * Write-ahead, then compensate: every entry is written (outcome `pending`) before anything changes, so a log
 * that cannot be written stops the change before it starts. The steps then run in order; if one fails, the
 * steps already done are undone and the entries are closed as failed. If the entries cannot be closed as a
 * success, the change is undone as well, because a change the log does not show as done must not stand.
 * A crash between the steps leaves the entries pending, and the next start marks them interrupted.
 */
import type { LogEntryEnd, LogEntryStart, RequestLog } from './db/request-log.js';
import { AppError } from './errors.js';
import type { Logger } from './log.js';

/** One part of a change and how to take it back. */
export interface ChangeStep {
  run(): Promise<void> | void;
  undo(): Promise<void> | void;
}

export interface AuditedEntry {
  entry: LogEntryStart;
  /** What the entry says once the change is done (default: success). */
  done?: LogEntryEnd;
}

export const AUDIT_BEFORE_MESSAGE =
  'The request log could not be written, so nothing was changed. Check that the disk is not full or read-only, then try again.';
export const AUDIT_AFTER_MESSAGE =
  'The request log could not record this change, so it was undone and nothing was changed. Check that the disk is not full or read-only, then try again.';
export const UNDO_FAILED_MESSAGE =
  'The request log could not record this change, and undoing it failed too. Check Settings and the keychain before going on, then report this to your administrator.';

const errorName = (error: unknown): string => (error instanceof Error ? error.name : 'unknown');

/** Runs `steps` under `entries`; throws an AppError naming the log failure, or the step's own error. */
export async function runAudited(log: RequestLog, logger: Logger, entries: readonly AuditedEntry[], steps: readonly ChangeStep[]): Promise<void> {
  const ids: string[] = [];
  const closeAll = (end: (entry: AuditedEntry) => LogEntryEnd): void => {
    ids.forEach((id, index) => log.finish(id, end(entries[index]!), { strict: true }));
  };
  const closeAllFailed = (detail: string): void => {
    try {
      closeAll(() => ({ outcome: 'failure', detail }));
    } catch (error) {
      logger.log('error', 'audit_write_failed', { step: 'close_failed', error: errorName(error) });
    }
  };
  try {
    for (const { entry } of entries) ids.push(log.begin(entry));
  } catch (error) {
    logger.log('error', 'audit_write_failed', { step: 'begin', error: errorName(error) });
    closeAllFailed('The rest of this change could not be logged; nothing was changed.');
    throw new AppError('audit_unavailable', AUDIT_BEFORE_MESSAGE);
  }
  const done: ChangeStep[] = [];
  try {
    for (const step of steps) {
      await step.run();
      done.push(step);
    }
  } catch (error) {
    const undone = await undoAll(done, logger);
    closeAllFailed(undone ? 'The change failed and was undone.' : 'The change failed and could not be fully undone.');
    throw error;
  }
  try {
    closeAll((entry) => entry.done ?? { outcome: 'success' });
  } catch (error) {
    logger.log('error', 'audit_write_failed', { step: 'finish', error: errorName(error) });
    const undone = await undoAll(done, logger);
    throw new AppError('audit_unavailable', undone ? AUDIT_AFTER_MESSAGE : UNDO_FAILED_MESSAGE);
  }
}

/** Undoes `done` in reverse order; false when any undo failed (logged by name only). */
async function undoAll(done: ChangeStep[], logger: Logger): Promise<boolean> {
  let ok = true;
  for (const step of [...done].reverse()) {
    try {
      await step.undo();
    } catch (error) {
      ok = false;
      logger.log('error', 'change_undo_failed', { error: errorName(error) });
    }
  }
  return ok;
}
