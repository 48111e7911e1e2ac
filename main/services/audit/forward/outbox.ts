/**
 * The forwarding outbox: the trail is the queue and each destination has a durable cursor (the last
 * sequence number it has) in SQLite. Entries go out in order, in batches; the cursor moves only after a
 * batch is delivered, so a crash, a restart or a week offline resends rather than loses. Failures back off
 * exponentially (with jitter) up to five minutes.
 */
import type { ForwardDestination, ForwardStatusView } from '../../../../contract/audit.js';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../log.js';
import { COLUMNS, type RowValues } from '../entry.js';
import type { AuditTrail } from '../trail.js';
import type { Outgoing } from './format.js';
import { senderFor, type Sender } from './senders.js';

const BATCH = 200;
const MAX_BACKOFF_MS = 5 * 60_000;

export interface OutboxOptions {
  /** First retry delay (doubles per failure). */
  backoffMs?: number;
  /** Gathers appends for this long before sending. */
  lingerMs?: number;
}

export interface Outbox {
  /** Starts, stops or re-reads destinations (after a settings change). */
  reload(): void;
  status(): ForwardStatusView[];
  /** Sends what is pending now, ignoring back-off (tests, and "retry now"). */
  kick(): void;
  /** Lowest cursor among enabled destinations (retention never prunes what one still needs). */
  minimumDelivered(): number | null;
  /** Resolves when every enabled destination is idle with nothing pending, or after `timeoutMs`. */
  drained(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface OutboxDeps {
  db: Database;
  trail: AuditTrail;
  clock: Clock;
  logger: Logger;
  destinations(): ForwardDestination[];
  secretFor(id: string): Promise<string | null>;
  options?: OutboxOptions;
}

interface CursorRow {
  destination: string;
  delivered_seq: number;
  attempts: number;
  last_error: string | null;
  last_delivery: number | null;
  next_attempt: number | null;
}

interface Worker {
  dest: ForwardDestination;
  running: boolean;
  timer: NodeJS.Timeout | null;
  abort: AbortController;
}

export function createOutbox(deps: OutboxDeps): Outbox {
  const { db, trail, clock } = deps;
  const backoffMs = deps.options?.backoffMs ?? 2000;
  const lingerMs = deps.options?.lingerMs ?? 250;
  const getCursor = db.prepare<[string], CursorRow>('SELECT * FROM audit_outbox WHERE destination = ?');
  const addCursor = db.prepare('INSERT OR IGNORE INTO audit_outbox (destination, delivered_seq) VALUES (?, ?)');
  const delivered = db.prepare('UPDATE audit_outbox SET delivered_seq = ?, attempts = 0, last_error = NULL, last_delivery = ?, next_attempt = NULL WHERE destination = ?');
  const failed = db.prepare('UPDATE audit_outbox SET attempts = attempts + 1, last_error = ?, next_attempt = ? WHERE destination = ?');
  const batch = db.prepare(`SELECT ${COLUMNS.join(', ')}, mac FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ${BATCH}`).raw(true);
  const floor = db.prepare<[], { lo: number | null }>('SELECT MIN(seq) lo FROM audit_log');
  const workers = new Map<string, Worker>();
  let closed = false;

  const cursor = (id: string): CursorRow => {
    // A new destination receives the whole retained trail, from its first entry.
    addCursor.run(id, Math.max(0, (floor.get()?.lo ?? 1) - 1));
    return getCursor.get(id)!;
  };

  const schedule = (worker: Worker, delayMs: number): void => {
    if (closed || worker.timer) return;
    worker.timer = setTimeout(() => {
      worker.timer = null;
      void run(worker);
    }, Math.max(0, delayMs));
  };

  const run = async (worker: Worker): Promise<void> => {
    if (worker.running || closed) return;
    worker.running = true;
    const id = worker.dest.id;
    try {
      let send: Sender | null = null;
      for (;;) {
        const at = cursor(id).delivered_seq;
        const rows = batch.all(at) as unknown[][];
        if (rows.length === 0) break;
        const entries: Outgoing[] = rows.map((row) => {
          const mac = row.pop() as Buffer;
          return { seq: row[0] as number, values: row as RowValues, mac };
        });
        try {
          send ??= senderFor(worker.dest, trail.installation, await deps.secretFor(id));
          await send(entries, worker.abort.signal);
        } catch (error) {
          if (closed) return;
          const row = cursor(id);
          const wait = Math.min(MAX_BACKOFF_MS, backoffMs * 2 ** row.attempts) * (0.8 + Math.random() * 0.4);
          const message = error instanceof Error ? error.message.slice(0, 300) : 'unknown error';
          failed.run(message, Math.round(clock.now() + wait), id);
          deps.logger.log('warn', 'audit_forward_failed', { destination: id, kind: worker.dest.kind, error: message, retryInMs: Math.round(wait) });
          schedule(worker, wait);
          return;
        }
        delivered.run(entries[entries.length - 1]!.seq, clock.now(), id);
      }
    } finally {
      worker.running = false;
    }
  };

  const wake = (worker: Worker): void => {
    const row = cursor(worker.dest.id);
    const wait = row.next_attempt !== null ? row.next_attempt - clock.now() : lingerMs;
    schedule(worker, Math.max(lingerMs, wait));
  };

  trail.onAppend(() => {
    for (const worker of workers.values()) if (!worker.running && !worker.timer) wake(worker);
  });

  const outbox: Outbox = {
    reload() {
      const wanted = new Map(deps.destinations().filter((d) => d.enabled).map((d) => [d.id, d]));
      for (const [id, worker] of workers) {
        const next = wanted.get(id);
        if (next && JSON.stringify(next) === JSON.stringify(worker.dest)) continue;
        worker.abort.abort();
        if (worker.timer) clearTimeout(worker.timer);
        workers.delete(id);
      }
      for (const [id, dest] of wanted) {
        if (workers.has(id)) continue;
        const worker: Worker = { dest, running: false, timer: null, abort: new AbortController() };
        workers.set(id, worker);
        wake(worker);
      }
    },
    status() {
      const head = trail.head().seq;
      return deps.destinations().map((dest) => {
        const row = getCursor.get(dest.id) ?? null;
        const at = row?.delivered_seq ?? 0;
        return {
          destination: dest,
          managed: false,
          secretSet: false,
          backlog: Math.max(0, head - at),
          deliveredSeq: at,
          lastError: row?.last_error ?? null,
          lastDeliveryAt: row?.last_delivery ? new Date(row.last_delivery).toISOString() : null,
          nextAttemptAt: row?.next_attempt ? new Date(row.next_attempt).toISOString() : null,
        };
      });
    },
    kick() {
      for (const worker of workers.values()) {
        if (worker.timer) clearTimeout(worker.timer);
        worker.timer = null;
        void run(worker);
      }
    },
    minimumDelivered() {
      const seqs = [...workers.keys()].map((id) => cursor(id).delivered_seq);
      return seqs.length === 0 ? null : Math.min(...seqs);
    },
    async drained(timeoutMs) {
      const until = clock.now() + timeoutMs;
      for (;;) {
        const head = trail.head().seq;
        const idle = [...workers.values()].every((w) => !w.running && cursor(w.dest.id).delivered_seq >= head);
        if (idle) return true;
        if (clock.now() > until) return false;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close() {
      closed = true;
      for (const worker of workers.values()) {
        worker.abort.abort();
        if (worker.timer) clearTimeout(worker.timer);
      }
      workers.clear();
    },
  };
  return outbox;
}
