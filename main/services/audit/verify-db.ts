/**
 * Runs the verifier over the trail in the database, in chunks that yield to the event loop, so a check of a
 * million entries never freezes the app. Also used by `npm run audit:verify`.
 */
import type { Database } from '../db/database.js';
import { COLUMNS, type RowValues } from './entry.js';
import { createVerifier, type AnchorRecord, type FinishContext, type VerifyResult } from './verify.js';

const CHUNK = 5000;

export interface DatabaseVerifyOptions {
  onVerified?: (values: RowValues) => void;
  onProgress?: (checked: number, total: number) => void;
  /**
   * The writer's open key and head, asked for right after the last read, in the same tick: entries the app
   * appends during a long check are checked too, and a checkpoint written meanwhile cannot confuse the end.
   */
  context?: () => FinishContext;
  maxEpochEntries?: number;
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
  const verifier = createVerifier({
    anchors,
    ...(options.onVerified ? { onVerified: options.onVerified } : {}),
    ...(options.maxEpochEntries ? { maxEpochEntries: options.maxEpochEntries } : {}),
  });
  const bounds = db.prepare<[], { lo: number | null; hi: number | null }>('SELECT MIN(seq) lo, MAX(seq) hi FROM audit_log').get();
  const total = bounds?.lo != null && bounds.hi != null ? bounds.hi - bounds.lo + 1 : 0;
  const select = db.prepare(`SELECT ${COLUMNS.join(', ')}, mac FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ${CHUNK}`).raw(true);
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
      verifier.push(row as RowValues, Buffer.isBuffer(mac) ? mac : Buffer.alloc(0));
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
