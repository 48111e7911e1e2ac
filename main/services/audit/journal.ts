/**
 * A small journal for audit entries the database refused (disk full, file locked). Its space is reserved
 * when the app starts, while the disk still has room, so rewriting it later needs no new blocks. Each
 * save rewrites the whole list: length (4 bytes), CRC-32 (4 bytes), JSON; a zero length ends it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { AuditInput } from './entry.js';

export const JOURNAL_FILE = 'audit-journal.bin';
const CAPACITY = 256 * 1024;

export interface JournalRecord {
  id: string;
  /** For an outcome: the request it concludes, so a replay never records it twice. */
  key?: string;
  occurredAt: number;
  input: AuditInput;
}

export interface Journal {
  readonly path: string;
  /** Replaces the journal's content; false when it could not be saved (then the records live in memory only). */
  save(records: JournalRecord[]): boolean;
  /** Records left by an earlier run (a damaged tail is ignored). */
  read(): JournalRecord[];
  close(): void;
}

/** Opens (reserving its space) the journal in `dir`. */
export function openJournal(dir: string): Journal {
  const file = path.join(dir, JOURNAL_FILE);
  const fd = fs.openSync(file, fs.existsSync(file) ? 'r+' : 'w+', 0o600);
  const size = fs.fstatSync(fd).size;
  if (size < CAPACITY) {
    // Real zeros, not a sparse extension: the blocks must exist before the disk fills up.
    const zeros = Buffer.alloc(CAPACITY - size);
    fs.writeSync(fd, zeros, 0, zeros.length, size);
    fs.fsyncSync(fd);
  }
  return {
    path: file,
    save(records) {
      const parts: Buffer[] = [];
      for (const record of records) {
        const json = Buffer.from(JSON.stringify(record));
        const header = Buffer.alloc(8);
        header.writeUInt32LE(json.length, 0);
        header.writeUInt32LE(crc32(json), 4);
        parts.push(header, json);
      }
      parts.push(Buffer.alloc(4));
      const content = Buffer.concat(parts);
      if (content.length > CAPACITY) return false;
      try {
        fs.writeSync(fd, content, 0, content.length, 0);
        fs.fsyncSync(fd);
        return true;
      } catch {
        return false;
      }
    },
    read() {
      const content = Buffer.alloc(CAPACITY);
      const length = fs.readSync(fd, content, 0, CAPACITY, 0);
      const records: JournalRecord[] = [];
      let at = 0;
      while (at + 8 <= length) {
        const size = content.readUInt32LE(at);
        if (size === 0 || at + 8 + size > length) break;
        const json = content.subarray(at + 8, at + 8 + size);
        if (crc32(json) !== content.readUInt32LE(at + 4)) break;
        try {
          records.push(JSON.parse(json.toString('utf8')) as JournalRecord);
        } catch {
          break;
        }
        at += 8 + size;
      }
      return records;
    },
    close: () => fs.closeSync(fd),
  };
}
