/**
 * The audit trail writer: appends MAC-chained entries to SQLite, one committed transaction each (fsync'd:
 * the connection runs with synchronous=FULL), and closes key epochs with signed checkpoints.
 *
 * Checkpoints are crash-safe in three steps: (1) the next epoch's keys go to the keychain as `pending`,
 * (2) the checkpoint entry naming them is committed, (3) the keychain keeps only the next epoch's keys.
 * After a crash between (1) and (2) the pending keys are dropped; between (2) and (3) they are promoted.
 */
import { randomUUID } from 'node:crypto';
import type { IntegrityProblem } from '../../../contract/audit.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { checkpointPayload, initPayload, type CheckpointPayload, type InitReason } from './checkpoint.js';
import { buildRow, col, COLUMNS, macOf, sameMac, ZERO_MAC, type AuditInput, type EntrySource, type RowValues } from './entry.js';
import { keyCommit, newEpochKeys, newSealState, type SealState, type SealStore } from './keys.js';

export interface TrailOptions {
  /** Entries per key epoch before a checkpoint closes it. */
  checkpointEvery?: number;
  /** A checkpoint also closes an epoch this old that has entries. */
  checkpointMs?: number;
  /**
   * False for a short-lived process beside the app (the CLI): it never closes a key epoch, so only one
   * process ever rotates the keys in the keychain; the others follow (`refresh`).
   */
  checkpoints?: boolean;
}

export const defaultTrailOptions = { checkpointEvery: 1000, checkpointMs: 10 * 60_000, checkpoints: true };

/** Another process closed the key epoch: the new key must be read from the keychain (`refresh`) first. */
export class AuditKeyMovedError extends Error {
  constructor() {
    super('another process moved the audit key forward');
    this.name = 'AuditKeyMovedError';
  }
}

export interface TrailHead {
  seq: number;
  epoch: number;
  mac: Buffer;
}

export interface AuditTrail {
  readonly source: EntrySource;
  readonly installation: string;
  readonly rootFingerprint: string;
  /**
   * Appends one committed entry; returns its sequence number. Throws when SQLite refuses.
   * `inTransaction` runs inside the same transaction (bookkeeping that must commit with the entry).
   */
  append(input: AuditInput, inTransaction?: (seq: number) => void): number;
  head(): TrailHead;
  /**
   * Catches up with entries other processes appended, reading a moved key from the keychain. Cheap when
   * nothing changed (one indexed read); call it before work that appends.
   */
  refresh(): Promise<void>;
  /** Closes the current key epoch with a signed checkpoint; returns the checkpoint's sequence number. */
  checkpoint(reason: string): Promise<number>;
  /** The open epoch's key, for this process's own verifier only. */
  openEpoch(): { epoch: number; macKey: Buffer; keyCommit: string };
  lastCheckpoint(): { seq: number; ts: number } | null;
  /** Why the last automatic checkpoint failed (keychain locked…), or null. */
  checkpointError(): string | null;
  onAppend(listener: (seq: number, values: RowValues) => void): () => void;
  /** Something the writer itself noticed (entries vanished while it ran). */
  onTamper(listener: (problem: IntegrityProblem) => void): () => void;
  close(): Promise<void>;
}

export interface TrailDeps {
  db: Database;
  seals: SealStore;
  clock: Clock;
  source: Omit<EntrySource, 'instance' | 'pid'>;
  options?: TrailOptions;
}

/** Monotonic clock in ms (µs resolution), since an arbitrary point (boot on most systems). */
export const monoNow = (): number => Number(process.hrtime.bigint() / 1000n) / 1000;

interface HeadRow {
  seq: number;
  epoch: number;
  event: string;
  mac: Buffer;
  data: string | null;
  ts: number;
}

/** Opens the trail: loads or creates its keys, repairs an interrupted checkpoint, starts a new key if needed. */
export async function openTrail(deps: TrailDeps): Promise<AuditTrail> {
  const { db, seals, clock } = deps;
  const options = { ...defaultTrailOptions, ...deps.options };
  const source: EntrySource = { ...deps.source, instance: randomUUID(), pid: process.pid };
  const placeholders = COLUMNS.map(() => '?').join(', ');
  const insert = db.prepare(`INSERT INTO audit_log (${COLUMNS.join(', ')}, mac) VALUES (${placeholders}, ?)`);
  const insertAnchor = db.prepare('INSERT INTO audit_anchors (seq, epoch, ts, mac, data) VALUES (?, ?, ?, ?, ?)');
  const selectHead = db.prepare<[], HeadRow>('SELECT seq, epoch, event, mac, data, ts FROM audit_log ORDER BY seq DESC LIMIT 1');
  const selectLastCheckpoint = db.prepare<[], HeadRow>(
    "SELECT seq, epoch, event, mac, data, ts FROM audit_log WHERE event = 'sys_audit_checkpoint' ORDER BY seq DESC LIMIT 1",
  );

  let state = await seals.load();
  const stored = selectHead.get() ?? null;
  let head: TrailHead = stored ? { seq: stored.seq, epoch: stored.epoch, mac: stored.mac } : { seq: 0, epoch: 0, mac: ZERO_MAC };
  const checkpointRow = selectLastCheckpoint.get() ?? null;
  let lastCheckpoint = checkpointRow ? { seq: checkpointRow.seq, ts: checkpointRow.ts } : null;
  let sinceCheckpoint = stored ? stored.seq - (checkpointRow?.seq ?? 0) : 0;

  // A checkpoint interrupted by a crash: keep its keys if the checkpoint entry was committed, else drop them.
  if (state?.pending) {
    const committed = checkpointRow && (JSON.parse(checkpointRow.data ?? '{}') as Partial<CheckpointPayload>);
    const promoted = committed && committed.epoch === state.current.epoch && committed.nextKeyCommit === keyCommit(state.pending.macKey);
    state = { ...state, current: promoted ? state.pending : state.current, pending: null };
    await seals.save(state);
  }

  const tamperListeners = new Set<(problem: IntegrityProblem) => void>();
  const appendListeners = new Set<(seq: number, values: RowValues) => void>();

  const selectAfter = db.prepare<[number, number], Record<string, string | number | null | Buffer>>(
    `SELECT ${COLUMNS.join(', ')}, mac FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`,
  );

  /**
   * Takes in entries another process on the same data folder (the CLI beside the desktop app) appended since
   * our head, checking each MAC against the chain, so our next entry chains to the true head and the push
   * limits count theirs too. Stops at an entry of a later key epoch: only the keychain can say its key.
   */
  let headIsForeignCheckpoint = false;
  const adoptForeign = (current: SealState): 'done' | 'key_moved' | 'tampered' => {
    // Bounded per call; a caller loops while there is more.
    for (let guard = 0; guard < 1000; guard += 1) {
      const rows = selectAfter.all(head.seq, 500);
      if (rows.length === 0) return 'done';
      for (const row of rows) {
        const values = COLUMNS.map((name) => row[name] as string | number | null);
        const epoch = row.epoch as number;
        if (epoch !== current.current.epoch) return 'key_moved';
        const mac = row.mac as Buffer;
        if (!sameMac(macOf(current.current.macKey, head.mac, values), mac)) {
          for (const listener of tamperListeners) {
            listener({ seq: row.seq as number, problem: `Entry ${String(row.seq)}, written by another process, does not verify.` });
          }
          return 'tampered';
        }
        head = { seq: row.seq as number, epoch, mac };
        for (const listener of appendListeners) listener(head.seq, values);
        if (row.event === 'sys_audit_checkpoint') {
          lastCheckpoint = { seq: head.seq, ts: row.ts as number };
          sinceCheckpoint = 0;
          // The other writer closed this epoch: whatever comes next is under the next key.
          headIsForeignCheckpoint = true;
          return 'key_moved';
        }
        sinceCheckpoint += 1;
      }
    }
    return 'done';
  };

  const write = db.transaction((current: SealState, input: AuditInput, anchor: ((seq: number) => Record<string, unknown>) | null, also?: (seq: number) => void) => {
    // Why inside the write transaction: head, MAC and insert must see one state of the file, whoever else writes.
    const observed = selectHead.get();
    // An epoch another writer closed takes no more entries under its key.
    if (head.epoch === current.current.epoch && headIsForeignCheckpoint) throw new AuditKeyMovedError();
    if (observed && observed.seq > head.seq) {
      const adopted = adoptForeign(current);
      if (adopted === 'key_moved') throw new AuditKeyMovedError();
      if (adopted === 'tampered') throw new Error('an entry written by another process does not verify');
    } else if ((observed?.seq ?? 0) < head.seq) {
      // Why keep our own head: continuing after it leaves the gap in place for the verifier to name.
      for (const listener of tamperListeners) {
        listener({ seq: (observed?.seq ?? 0) + 1, problem: `Entries ${(observed?.seq ?? 0) + 1}–${head.seq} disappeared from the database while the app was running.` });
      }
    }
    const seq = head.seq + 1;
    const data = anchor ? anchor(seq) : null;
    const full = data ? { ...input, data } : input;
    const values = buildRow(full, source, { seq, epoch: current.current.epoch, ts: clock.now(), mono: monoNow() });
    const mac = macOf(current.current.macKey, head.mac, values);
    insert.run([...values, mac]);
    if (data) insertAnchor.run(values[col('seq')], values[col('epoch')], values[col('ts')], mac, values[col('data')] as string);
    also?.(seq);
    return { seq, values, mac };
  });

  const appendWith = (
    current: SealState,
    input: AuditInput,
    anchor?: ((seq: number) => Record<string, unknown>) | null,
    also?: (seq: number) => void,
  ): number => {
    const { seq, values, mac } = write.immediate(current, input, anchor ?? null, also);
    head = { seq, epoch: current.current.epoch, mac };
    sinceCheckpoint += 1;
    for (const listener of appendListeners) listener(seq, values);
    return seq;
  };

  // A trail without keys (new, or the keychain lost them) starts with a signed init entry.
  const init = (reason: InitReason, extra: { lostEpoch?: number; previousInstallation?: string } = {}): SealState => {
    const epoch = head.seq === 0 ? 0 : head.epoch + 1;
    const fresh = newSealState(epoch);
    appendWith(fresh, {
      event: 'sys_audit_init',
      action: 'audit.init',
      outcome: reason === 'new' ? 'success' : 'failure',
      reasonCode: reason,
      detail:
        reason === 'new'
          ? 'A new audit trail starts here.'
          : reason === 'rekey'
            ? 'The keychain no longer held the audit key; a new key starts here. Entries of the unfinished key epoch before this cannot be verified.'
            : 'The keychain held the keys of an earlier audit trail whose database is gone.',
    }, () => initPayload(fresh.current, fresh.installation, reason, extra) as unknown as Record<string, unknown>);
    sinceCheckpoint = 0;
    return fresh;
  };

  if (!state) {
    state = init(head.seq === 0 ? 'new' : 'rekey', head.seq === 0 ? {} : { lostEpoch: head.epoch });
    await seals.save(state);
  } else {
    const expected = !stored ? null : stored.event === 'sys_audit_checkpoint' ? stored.epoch + 1 : stored.epoch;
    if (expected === null) {
      state = init('earlier-trail-missing', { previousInstallation: state.installation, lostEpoch: state.current.epoch });
      await seals.save(state);
    } else if (expected !== state.current.epoch) {
      state = init('rekey', { lostEpoch: expected, previousInstallation: state.installation });
      await seals.save(state);
    }
  }
  let seal: SealState = state;

  let chain: Promise<unknown> = Promise.resolve();
  const checkpoint = (reason: string): Promise<number> => {
    const run = chain.then(async () => {
      // Why first: the keychain must never be written from an epoch another process has already closed.
      await refresh();
      const current = seal.current;
      const next = newEpochKeys(current.epoch + 1, current.macKey);
      await seals.save({ ...seal, pending: next });
      const seq = appendWith(
        seal,
        { event: 'sys_audit_checkpoint', action: 'audit.checkpoint', outcome: 'success', detail: reason },
        (at) => checkpointPayload(current, next, { installation: seal.installation, seq: at, head: head.mac, time: clock.now() }) as unknown as Record<string, unknown>,
      );
      seal = { ...seal, current: next, pending: null };
      lastCheckpoint = { seq, ts: clock.now() };
      sinceCheckpoint = 0;
      // If this save fails, the keychain still holds `pending`, which the next start promotes.
      await seals.save(seal);
      return seq;
    });
    chain = run.catch(() => undefined);
    return run;
  };

  let closed = false;
  let autoError: string | null = null;
  let autoRunning = false;
  const autoCheckpoint = (reason: string): void => {
    if (autoRunning || closed || !options.checkpoints) return;
    autoRunning = true;
    checkpoint(reason)
      .then(
        () => (autoError = null),
        (error: unknown) => (autoError = error instanceof Error ? error.message : String(error)),
      )
      .finally(() => (autoRunning = false));
  };
  const timer = setInterval(() => {
    if (sinceCheckpoint > 0) autoCheckpoint('periodic');
  }, options.checkpointMs);
  timer.unref();

  const refresh = async (): Promise<void> => {
    const observed = selectHead.get();
    const closedUnderUs = headIsForeignCheckpoint && seal.current.epoch === head.epoch;
    if (!closedUnderUs && (!observed || observed.seq <= head.seq)) return;
    // Bounded: each round either takes in entries or moves to a newer key, and keys move rarely.
    for (let round = 0; round < 10; round += 1) {
      const adopted = headIsForeignCheckpoint && seal.current.epoch === head.epoch ? 'key_moved' : adoptForeign(seal);
      if (adopted !== 'key_moved') return;
      const loaded = await seals.load();
      const next = selectAfter.all(head.seq, 1)[0];
      const expected = next ? (next.epoch as number) : head.epoch + 1;
      if (!loaded || loaded.current.epoch !== expected) {
        autoError = 'another process moved the audit key, and the keychain does not hold the new one';
        return;
      }
      seal = { ...loaded, pending: null };
      headIsForeignCheckpoint = false;
    }
  };

  const trail: AuditTrail = {
    source,
    installation: seal.installation,
    rootFingerprint: seal.rootFingerprint,
    append(input, inTransaction) {
      if (closed) throw new Error('the audit trail is closed');
      const seq = appendWith(seal, input, null, inTransaction);
      if (sinceCheckpoint >= options.checkpointEvery) autoCheckpoint('entries');
      return seq;
    },
    head: () => ({ ...head }),
    refresh,
    checkpoint,
    openEpoch: () => ({ epoch: seal.current.epoch, macKey: seal.current.macKey, keyCommit: keyCommit(seal.current.macKey) }),
    lastCheckpoint: () => lastCheckpoint,
    checkpointError: () => autoError,
    onAppend(listener) {
      appendListeners.add(listener);
      return () => appendListeners.delete(listener);
    },
    onTamper(listener) {
      tamperListeners.add(listener);
      return () => tamperListeners.delete(listener);
    },
    async close() {
      clearInterval(timer);
      if (closed) return;
      await chain;
      // Why a checkpoint at shutdown: everything written so far is sealed and verifiable without the keychain.
      if (sinceCheckpoint > 0 && options.checkpoints) await checkpoint('shutdown').catch(() => undefined);
      closed = true;
    },
  };
  return trail;
}
