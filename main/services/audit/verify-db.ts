/**
 * Runs the verifier over the trail in the database, in chunks that yield to the event loop, so a check of a
 * million entries never freezes the app. Also used by `npm run audit:verify`.
 */
import os from 'node:os';
import type { Database } from '../db/database.js';
import { col, COLUMNS, type Column, type RowValues } from './entry.js';
import { parallelMacs, type ParallelMacs } from './verify-parallel.js';
import { createVerifier, type AnchorRecord, type FinishContext, type VerifyResult } from './verify.js';

const CHUNK = 5000;
/** Below this many entries one thread is quicker than starting workers. */
const PARALLEL_FROM = 50_000;
/** What the structural checks and the push limits read when the MACs were checked by workers. */
const LIGHT: Column[] = ['seq', 'epoch', 'ts', 'mono', 'instance', 'event', 'action', 'outcome', 'operator', 'target_canonical', 'data'];
const LIGHT_AT = LIGHT.map(col);

export interface DatabaseVerifyOptions {
  onVerified?: (values: RowValues) => void;
  onProgress?: (checked: number, total: number) => void;
  /**
   * The writer's open key and head, asked for right after the last read, in the same tick: entries the app
   * appends during a long check are checked too, and a checkpoint written meanwhile cannot confuse the end.
   */
  context?: () => FinishContext;
  maxEpochEntries?: number;
  /** Worker threads for the MACs: a number, or 'auto' (the cores, from PARALLEL_FROM entries on). */
  workers?: number | 'auto';
}

/** Runs the MAC checks in workers when worthwhile; undefined means "check them here". */
async function precompute(db: Database, options: DatabaseVerifyOptions, range: { lo: number; hi: number }): Promise<ParallelMacs | undefined> {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const workers = options.workers === 'auto' || options.workers === undefined ? (range.hi - range.lo + 1 >= PARALLEL_FROM ? cores : 1) : options.workers;
  if (workers < 2 || db.memory) return undefined;
  // The keys the workers use: published in checkpoints, plus the open epoch's. The verifier proves each one
  // before it trusts a worker's answer, so a forged key here only costs time.
  const keys = new Map<number, Buffer>();
  for (const row of db.prepare<[], { data: string }>("SELECT data FROM audit_log WHERE event = 'sys_audit_checkpoint'").all()) {
    try {
      const data = JSON.parse(row.data) as { epoch?: number; retiredKey?: string };
      if (typeof data.epoch === 'number' && typeof data.retiredKey === 'string') keys.set(data.epoch, Buffer.from(data.retiredKey, 'base64'));
    } catch {
      // An unreadable checkpoint is the verifier's to report.
    }
  }
  const open = options.context?.().openKey;
  if (open) keys.set(open.epoch, open.macKey);
  try {
    return await parallelMacs(db.name, keys, range, workers);
  } catch {
    return undefined;
  }
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Schema guards the app installs; their absence is reported (an outsider dropped them to edit rows). */
function schemaWarnings(db: Database): string[] {
  const names = new Set(
    db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all().map((r) => r.name),
  );
  return ['audit_no_update', 'audit_no_delete'].filter((n) => !names.has(n)).map((n) => `The database's append-only guard ${n} was removed.`);
}

/** Verifies every entry in the database; never throws for a damaged row (it is reported instead). */
export async function verifyDatabase(db: Database, options: DatabaseVerifyOptions = {}): Promise<VerifyResult> {
  const anchors = db.prepare<[], AnchorRecord>('SELECT seq, mac, data FROM audit_anchors ORDER BY seq').all();
  const bounds = db.prepare<[], { lo: number | null; hi: number | null }>('SELECT MIN(seq) lo, MAX(seq) hi FROM audit_log').get();
  const total = bounds?.lo != null && bounds.hi != null ? bounds.hi - bounds.lo + 1 : 0;
  const precomputed = total > 0 ? await precompute(db, options, { lo: bounds!.lo!, hi: bounds!.hi! }) : undefined;
  const full = db.prepare(`SELECT ${COLUMNS.join(', ')} FROM audit_log WHERE seq = ?`).raw(true);
  const verifier = createVerifier({
    anchors,
    ...(options.onVerified ? { onVerified: options.onVerified } : {}),
    ...(options.maxEpochEntries ? { maxEpochEntries: options.maxEpochEntries } : {}),
    ...(precomputed ? { precomputed, fullRow: (seq: number) => (full.get(seq) as RowValues | undefined) ?? null } : {}),
  });
  const columns = precomputed ? LIGHT : COLUMNS;
  const select = db.prepare(`SELECT ${columns.join(', ')}, mac FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ${CHUNK}`).raw(true);
  // With worker results, each row is spread into a full-width array (only the light columns set).
  const widen = (row: unknown[]): RowValues => {
    const values: RowValues = new Array<string | number | null>(COLUMNS.length).fill(null);
    for (let i = 0; i < LIGHT_AT.length; i += 1) values[LIGHT_AT[i]!] = row[i] as string | number | null;
    return values;
  };
  let after = (bounds?.lo ?? 1) - 1;
  let readError: { seq: number; message: string } | null = null;
  for (;;) {
    let rows: unknown[][];
    try {
      rows = select.all(after) as unknown[][];
    } catch (error) {
      readError = { seq: after + 1, message: error instanceof Error ? error.message : String(error) };
      break;
    }
    if (rows.length === 0) break;
    for (const row of rows) {
      const mac = row.pop();
      verifier.push(precomputed ? widen(row) : (row as RowValues), Buffer.isBuffer(mac) ? mac : Buffer.alloc(0));
    }
    after = (rows[rows.length - 1]![0] as number) ?? after + CHUNK;
    options.onProgress?.(verifier.count(), total);
    await yieldToLoop();
  }
  const result = verifier.finish(options.context?.() ?? {});
  for (const warning of schemaWarnings(db)) result.warnings.push({ seq: result.lastSeq ?? 0, problem: warning });
  if (readError) {
    const damaged = { seq: readError.seq, problem: `The database file is damaged from entry ${readError.seq} on (SQLite: ${readError.message}).` };
    result.problems.push(damaged);
    result.unacknowledged.push(damaged);
    result.ok = false;
    result.firstBad ??= damaged;
  }
  return result;
}
