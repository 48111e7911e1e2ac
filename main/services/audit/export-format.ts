/**
 * The export formats, shared by the writer (export.ts) and the offline verifier (export-verify.ts).
 * JSON Lines: a header line (with the signed anchors), one line per entry, an end line.
 * CSV: the same records, one per row, with a `record` column (header, entry, end); the header's and end's
 * JSON is in the `data` column. Cells are encoded so they read back exactly and never run as a formula:
 * null is `\N`, and a value starting with \ = + - @ TAB or CR gets a leading backslash.
 */
import canonicalize from 'canonicalize';
import { COLUMNS, type RowValues } from './entry.js';

export const EXPORT_FORMAT = 'mfa-approver-audit-export';

export interface ExportHeader {
  type: 'header';
  format: typeof EXPORT_FORMAT;
  version: 1;
  installation: string;
  rootFingerprint: string;
  exportedAt: string;
  appVersion: string;
  firstSeq: number | null;
  lastSeq: number;
  /** Signed init and checkpoint payloads up to the last entry (verify a pruned start without the pruned entries). */
  anchors: { seq: number; mac: string; data: string }[];
}

export interface ExportEnd {
  type: 'end';
  entries: number;
  lastSeq: number;
  checkpointSeq: number;
}

/** CSV column order. */
export const CSV_COLUMNS = ['record', 'time', ...COLUMNS, 'mac'] as const;

/** One entry as a JSON Lines object: the stored columns (refs and data as objects), its MAC and readable time. */
export function entryRecord(values: RowValues, mac: Buffer): Record<string, unknown> {
  const record: Record<string, unknown> = { type: 'entry', time: new Date(values[2] as number).toISOString() };
  COLUMNS.forEach((name, i) => {
    const value = values[i] ?? null;
    record[name] = (name === 'refs' || name === 'data') && typeof value === 'string' ? JSON.parse(value) : value;
  });
  record.mac = mac.toString('hex');
  return record;
}

const NUMERIC = new Set(['seq', 'epoch', 'ts', 'mono', 'pid', 'link', 'sandbox']);

/** Rebuilds the MACed column values from an entry record (JSON Lines object or decoded CSV row). */
export function valuesOf(record: Record<string, unknown>, fromCsv: boolean): { values: RowValues; mac: Buffer } {
  const values = COLUMNS.map((name) => {
    const value = record[name];
    if (value === null || value === undefined) return null;
    if (name === 'refs' || name === 'data') {
      const object = fromCsv ? (JSON.parse(String(value)) as unknown) : value;
      return canonicalize(object) ?? null;
    }
    if (fromCsv && NUMERIC.has(name)) return Number(value);
    return value as string | number;
  });
  return { values, mac: Buffer.from(String(record.mac ?? ''), 'hex') };
}

/** Encodes one CSV cell (see the file comment). */
export function encodeCell(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /^[\\=+\-@\t\r]/.test(text) ? `\\${text}` : text;
}

/** Decodes one CSV cell. */
export function decodeCell(text: string): string | null {
  if (text === '\\N') return null;
  return text.startsWith('\\') ? text.slice(1) : text;
}

/** An entry as CSV cells. */
export function entryCells(values: RowValues, mac: Buffer): string[] {
  const record = entryRecord(values, mac);
  return CSV_COLUMNS.map((name) => {
    if (name === 'record') return 'entry';
    if (name === 'refs' || name === 'data') return encodeCell(values[COLUMNS.indexOf(name)] ?? null);
    return encodeCell(record[name]);
  });
}

/** A header or end record as CSV cells (its JSON in the data column). */
export function metaCells(kind: 'header' | 'end', json: unknown): string[] {
  return CSV_COLUMNS.map((name) => (name === 'record' ? kind : name === 'data' ? encodeCell(JSON.stringify(json)) : '\\N'));
}
