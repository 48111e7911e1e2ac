/**
 * SQLite database in the app's data folder: WAL journal, foreign keys on, versioned migrations in code
 * (PRAGMA user_version). Opened once by the composition root and passed to the stores that need it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { migrations } from './migrations.js';

export type Database = Sqlite.Database;

export const DATABASE_FILE = 'mfa-approver.sqlite';

/** The database file cannot be used: it is damaged or is not an MFA Approver database. */
export class DatabaseDamagedError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(damageMessage(file, detail));
    this.name = 'DatabaseDamagedError';
  }
}

/** What happened, where, and what to do: shown to the operator as is. */
export function damageMessage(file: string, detail: string): string {
  return (
    `The database at ${file} is damaged (SQLite reports: ${detail.slice(0, 200)}). ` +
    'Quit MFA Approver and keep a copy of the file for investigation. Then restore it from a backup, or move it ' +
    'aside so the app starts a new one (the new audit trail will record that the earlier one is gone).'
  );
}

const isCorruption = (error: unknown): boolean =>
  error instanceof Error && /SQLITE_(CORRUPT|NOTADB)|malformed|not a database/i.test(`${(error as { code?: string }).code ?? ''} ${error.message}`);

/** Opens (creating if needed) the database under `dataDir` and brings it to the latest schema. */
export function openDatabase(dataDir: string): Database {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, DATABASE_FILE);
  let db: Database | null = null;
  try {
    db = new Sqlite(file);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // Why FULL: every audit entry is fsync'd before the provider request it records is sent.
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 2000');
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    if (isCorruption(error)) throw new DatabaseDamagedError(file, error instanceof Error ? error.message : String(error));
    throw error;
  }
}

/** SQLite's own structural check (quick_check: pages, records, freelist); the problems, or [] when sound. */
export function checkDatabase(db: Database): string[] {
  try {
    const rows = db.pragma('quick_check(20)') as { quick_check: string }[];
    return rows.map((row) => row.quick_check).filter((text) => text !== 'ok');
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}

/** Applies every migration above the stored user_version, each in its own transaction. */
export function migrate(db: Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(
      `The database was written by a newer version of MFA Approver (schema ${current}, this version knows ${migrations.length}). Update the app.`,
    );
  }
  for (let version = current + 1; version <= migrations.length; version += 1) {
    const step = migrations[version - 1];
    if (!step) break;
    db.transaction(() => {
      db.exec(step);
      db.pragma(`user_version = ${version}`);
    })();
  }
  return migrations.length;
}
