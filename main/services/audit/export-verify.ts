/**
 * Verifies an export file offline (CSV or JSON Lines) with the same verifier as the database, streaming:
 * no keychain, no database. Also checks the readable `time` against the MACed `ts`, and that the file ends
 * where its header and end record say (a cut-off file is reported, not passed).
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { parse } from 'csv-parse';
import type { VerifyReport } from '../../../contract/audit.js';
import { CSV_COLUMNS, EXPORT_FORMAT, decodeCell, valuesOf, type ExportEnd, type ExportHeader } from './export-format.js';
import { createVerifier, type Verifier } from './verify.js';

async function* jsonRecords(file: string): AsyncGenerator<Record<string, unknown>> {
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim() !== '') yield JSON.parse(line) as Record<string, unknown>;
}

async function* csvRecords(file: string): AsyncGenerator<Record<string, unknown>> {
  const parser = fs.createReadStream(file).pipe(parse({ relax_column_count: false }));
  let header: string[] | null = null;
  for await (const row of parser as AsyncIterable<string[]>) {
    if (!header) {
      header = row;
      if (header.join(',') !== CSV_COLUMNS.join(',')) throw new Error('the CSV header is not an MFA Approver audit export');
      continue;
    }
    const cells = Object.fromEntries(header.map((name, i) => [name, decodeCell(row[i] ?? '')]));
    if (cells.record === 'entry') yield { ...cells, type: 'entry' };
    else yield JSON.parse(String(cells.data)) as Record<string, unknown>;
  }
}

/** Checks an export file; every problem names the entry (or the line) it concerns. */
export async function verifyExportFile(file: string, knownCheckpoints: { seq: number; head: string }[] = []): Promise<VerifyReport> {
  const csv = !(await firstChar(file)).startsWith('{');
  let verifier: Verifier | null = null;
  let header: ExportHeader | null = null;
  let end: ExportEnd | null = null;
  const extra: { seq: number; problem: string }[] = [];
  for await (const record of csv ? csvRecords(file) : jsonRecords(file)) {
    if (record.type === 'header') {
      header = record as unknown as ExportHeader;
      if (header.format !== EXPORT_FORMAT) throw new Error('not an MFA Approver audit export');
      verifier = createVerifier({ anchors: header.anchors.map((a) => ({ seq: a.seq, mac: Buffer.from(a.mac, 'hex'), data: a.data })) });
      continue;
    }
    if (!verifier) throw new Error('the export has no header line');
    if (record.type === 'end') {
      end = record as unknown as ExportEnd;
      continue;
    }
    const { values, mac } = valuesOf(record, csv);
    const seq = Number(record.seq);
    if (record.time !== new Date(Number(record.ts)).toISOString()) extra.push({ seq, problem: `Entry ${seq}: its readable time was changed (it no longer matches the MACed time).` });
    verifier.push(values, mac);
  }
  if (!verifier || !header) throw new Error('the file is empty or not an audit export');
  const result = verifier.finish({ knownCheckpoints });
  const problems = [...result.problems, ...extra];
  if (!end) problems.push({ seq: (result.lastSeq ?? 0) + 1, problem: 'The export is cut off: its end record is missing.' });
  else if (end.lastSeq !== result.lastSeq || end.entries !== result.entries) {
    problems.push({ seq: (result.lastSeq ?? 0) + 1, problem: `The export should hold ${end.entries} entries up to ${end.lastSeq}; it holds ${result.entries} up to ${result.lastSeq}.` });
  }
  if (header.lastSeq !== result.lastSeq) problems.push({ seq: (result.lastSeq ?? 0) + 1, problem: `The header says the export ends at entry ${header.lastSeq}.` });
  problems.sort((a, b) => a.seq - b.seq);
  return {
    ok: problems.length === 0,
    entries: result.entries,
    firstSeq: result.firstSeq,
    lastSeq: result.lastSeq,
    firstBad: problems[0] ?? null,
    problems,
    warnings: result.warnings,
    rootFingerprint: result.rootFingerprint,
    lastCheckpoint: result.lastCheckpoint,
  };
}

async function firstChar(file: string): Promise<string> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(1);
    await handle.read(buffer, 0, 1, 0);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}
