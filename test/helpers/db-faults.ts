/**
 * Real SQLite write failures at a chosen point, for tests: a trigger that aborts one kind of write to one
 * table, installed through a second connection to the app's database file (the app's own connection sees
 * the schema change on its next statement). The failure is SQLite's own SqliteError on the app's write path.
 */
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { DATABASE_FILE } from '../../main/services/db/database.js';

/** Where the audit entries live today; the one place to change if the audit storage moves. */
export const AUDIT_TABLE = 'audit_log';

export type Write = 'INSERT' | 'UPDATE' | 'DELETE';

export interface DbFaults {
  fail(table: string, write: Write): void;
  clear(): void;
  close(): void;
}

export function dbFaults(dataDir: string): DbFaults {
  const db = new Sqlite(path.join(dataDir, DATABASE_FILE));
  const names: string[] = [];
  return {
    fail(table, write) {
      const name = `test_fault_${table}_${write.toLowerCase()}`;
      // The audit trail is append-only: "updating" an entry means appending the outcome linked to it.
      const when = table === AUDIT_TABLE && write === 'UPDATE' ? 'BEFORE INSERT ON audit_log WHEN NEW.link IS NOT NULL' : `BEFORE ${write} ON ${table}`;
      db.exec(`CREATE TRIGGER IF NOT EXISTS ${name} ${when} BEGIN SELECT RAISE(ABORT, 'disk I/O error (test fault)'); END;`);
      names.push(name);
    },
    clear() {
      for (const name of names.splice(0)) db.exec(`DROP TRIGGER IF EXISTS ${name}`);
    },
    close() {
      db.close();
    },
  };
}
