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

/** Opens (creating if needed) the database under `dataDir` and brings it to the latest schema. */
export function openDatabase(dataDir: string): Database {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Sqlite(path.join(dataDir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 2000');
  migrate(db);
  return db;
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
