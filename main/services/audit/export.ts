/**
 * Exports the trail to CSV or JSON Lines in constant memory: a checkpoint first seals everything up to now
 * (so every exported MAC can be re-checked offline with the keys the checkpoints publish), then entries are
 * read in chunks and written with back-pressure. The export itself is recorded before and after.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { ExportFormat, ExportResult } from '../../../contract/audit.js';
import type { Database } from '../db/database.js';
import { COLUMNS, type RowValues } from './entry.js';
import { CSV_COLUMNS, EXPORT_FORMAT, entryCells, entryRecord, metaCells, type ExportEnd, type ExportHeader } from './export-format.js';
import type { AuditRecorder } from './recorder.js';
import type { AuditTrail } from './trail.js';

const CHUNK = 2000;

export interface ExportDeps {
  db: Database;
  trail: AuditTrail;
  recorder: AuditRecorder;
  appVersion: string;
}

/** Writes `text` and waits when the stream asks to (constant memory whatever the row count). */
async function write(stream: fs.WriteStream, hash: ReturnType<typeof createHash>, text: string): Promise<number> {
  hash.update(text);
  if (!stream.write(text)) await new Promise<void>((resolve) => stream.once('drain', resolve));
  return Buffer.byteLength(text);
}

/** Streams the whole trail (up to a fresh checkpoint) to `file`. */
export async function exportTrail(deps: ExportDeps, file: string, format: ExportFormat, operator: string): Promise<ExportResult> {
  const { db, trail, recorder } = deps;
  const started = recorder.write({ event: 'sensitive_read', action: 'audit.export', outcome: 'started', operator, data: { format, file } });
  const checkpointSeq = await trail.checkpoint('export');
  const anchors = db
    .prepare<[number], { seq: number; mac: Buffer; data: string }>('SELECT seq, mac, data FROM audit_anchors WHERE seq <= ? ORDER BY seq')
    .all(checkpointSeq)
    .map((a) => ({ seq: a.seq, mac: a.mac.toString('hex'), data: a.data }));
  const first = db.prepare<[], { seq: number | null }>('SELECT MIN(seq) seq FROM audit_log').get()?.seq ?? null;
  const header: ExportHeader = {
    type: 'header',
    format: EXPORT_FORMAT,
    version: 1,
    installation: trail.installation,
    rootFingerprint: trail.rootFingerprint,
    exportedAt: new Date().toISOString(),
    appVersion: deps.appVersion,
    firstSeq: first,
    lastSeq: checkpointSeq,
    anchors,
  };
  const partial = `${file}.partial`;
  const stream = fs.createWriteStream(partial, { mode: 0o600 });
  const hash = createHash('sha256');
  const line = (record: unknown): string => `${JSON.stringify(record)}\n`;
  const csv = (cells: string[]): string => stringify([cells]);
  let bytes = 0;
  let entries = 0;
  try {
    const opened = new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    await opened;
    bytes += await write(stream, hash, format === 'jsonl' ? line(header) : csv([...CSV_COLUMNS]) + csv(metaCells('header', header)));
    const select = db.prepare(`SELECT ${COLUMNS.join(', ')}, mac FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ${CHUNK}`).raw(true);
    let after = 0;
    for (;;) {
      const rows = select.all(after, checkpointSeq) as unknown[][];
      if (rows.length === 0) break;
      let text = '';
      for (const row of rows) {
        const mac = row.pop() as Buffer;
        const values = row as RowValues;
        text += format === 'jsonl' ? line(entryRecord(values, mac)) : csv(entryCells(values, mac));
      }
      bytes += await write(stream, hash, text);
      entries += rows.length;
      after = rows[rows.length - 1]![0] as number;
    }
    const end: ExportEnd = { type: 'end', entries, lastSeq: checkpointSeq, checkpointSeq };
    bytes += await write(stream, hash, format === 'jsonl' ? line(end) : csv(metaCells('end', end)));
    await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    fs.renameSync(partial, file);
  } catch (error) {
    stream.destroy();
    fs.rmSync(partial, { force: true });
    recorder.write({
      event: 'sensitive_read', action: 'audit.export', outcome: 'failure', operator, link: started.recorded ? started.seq : null,
      detail: error instanceof Error ? error.message : String(error), data: { format, file },
    });
    throw error;
  }
  const sha256 = hash.digest('hex');
  recorder.write({
    event: 'sensitive_read', action: 'audit.export', outcome: 'success', operator, link: started.recorded ? started.seq : null,
    detail: `${entries} entries exported up to checkpoint ${checkpointSeq}.`,
    data: { format, file, entries, bytes, sha256, checkpointSeq },
  });
  return { path: file, format, entries, bytes, sha256, checkpointSeq };
}
