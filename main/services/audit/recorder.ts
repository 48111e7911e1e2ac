/**
 * Audit writes that must not be lost: appended at once when the database accepts them; otherwise kept in
 * memory and in the journal, in order, and retried with backoff until they land. While any are waiting the
 * integrity gate refuses new provider requests, and the screen says why.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { AuditInput } from './entry.js';
import type { Journal, JournalRecord } from './journal.js';
import type { AuditTrail } from './trail.js';

export type WriteResult = { recorded: true; seq: number } | { recorded: false };

export interface AuditRecorder {
  /**
   * Appends now, or queues the entry for retry. `key` names the request an outcome concludes;
   * `inTransaction` runs with the append, atomically (e.g. closing the open-request marker).
   */
  write(input: AuditInput, options?: { key?: string; inTransaction?: (seq: number) => void }): WriteResult;
  pending(): number;
  /** Called when a queued entry finally lands. */
  onLanded(listener: (key: string | undefined, seq: number) => void): () => void;
  /** Replays what an earlier run left in the journal; `landed(key)` says whether an outcome is already there. */
  replay(landed: (record: JournalRecord) => boolean): number;
  /** Tries the queue now (also called by the retry timer). */
  flush(): boolean;
  close(): void;
}

export interface RecorderDeps {
  trail: AuditTrail;
  journal: Journal;
  clock: Clock;
  logger: Logger;
  /** First retry delay; doubles up to 30 s. */
  retryMs?: number;
  onChange?: () => void;
  /** Runs with an append, atomically (for queued outcomes: closing the open-request marker). */
  inTransactionFor?: (key: string | undefined) => ((seq: number) => void) | undefined;
  /** Runs before each retry (catching up with another process's key move, which a plain retry cannot). */
  beforeRetry?: () => Promise<void>;
}

interface Queued extends JournalRecord {
  inTransaction?: ((seq: number) => void) | undefined;
}

const MAX_RETRY_MS = 30_000;

export function createRecorder(deps: RecorderDeps): AuditRecorder {
  const queue: Queued[] = [];
  const listeners = new Set<(key: string | undefined, seq: number) => void>();
  const firstDelay = deps.retryMs ?? 1000;
  let delay = firstDelay;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const late = (record: JournalRecord): AuditInput => ({
    ...record.input,
    // Why keep both times: the entry's own time is when it landed (the chain's clock stays monotonic).
    data: { ...(record.input.data ?? {}), journalId: record.id, occurredAt: new Date(record.occurredAt).toISOString(), recordedLate: true },
  });

  const persist = (): void => {
    if (!deps.journal.save(queue)) deps.logger.log('error', 'audit_journal_write_failed', { pending: queue.length });
  };

  const schedule = (): void => {
    if (timer || closed || queue.length === 0) return;
    timer = setTimeout(() => {
      void (deps.beforeRetry?.() ?? Promise.resolve())
        .catch(() => undefined)
        .then(() => {
          timer = null;
          if (!recorder.flush()) {
            delay = Math.min(delay * 2, MAX_RETRY_MS);
            schedule();
          }
        });
    }, delay);
  };

  const recorder: AuditRecorder = {
    write(input, options = {}) {
      if (queue.length === 0) {
        try {
          return { recorded: true, seq: deps.trail.append(input, options.inTransaction) };
        } catch (error) {
          deps.logger.log('error', 'audit_write_failed', { error: error instanceof Error ? error.message : 'unknown', action: input.action });
        }
      }
      const record: Queued = { id: randomUUID(), occurredAt: deps.clock.now(), input, inTransaction: options.inTransaction };
      if (options.key !== undefined) record.key = options.key;
      queue.push(record);
      persist();
      deps.onChange?.();
      recorder.flush();
      schedule();
      return { recorded: false };
    },
    pending: () => queue.length,
    onLanded(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    replay(landed) {
      const left = deps.journal.read().filter((record) => !landed(record));
      for (const record of left) queue.push({ ...record, inTransaction: deps.inTransactionFor?.(record.key) });
      if (left.length > 0) recorder.flush();
      else deps.journal.save([]);
      schedule();
      return left.length;
    },
    flush() {
      let landedAny = false;
      while (queue.length > 0) {
        const next = queue[0]!;
        let seq: number;
        try {
          seq = deps.trail.append(late(next), next.inTransaction);
        } catch {
          break;
        }
        queue.shift();
        landedAny = true;
        for (const listener of listeners) listener(next.key, seq);
      }
      if (landedAny) {
        delay = firstDelay;
        persist();
        deps.onChange?.();
      }
      return queue.length === 0;
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  };
  return recorder;
}
