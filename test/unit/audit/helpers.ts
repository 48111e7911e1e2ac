/** A trail on a real SQLite file for audit tests; keys in memory unless a test brings the keychain. */
import Sqlite from 'better-sqlite3';
import path from 'node:path';
import { DATABASE_FILE, openDatabase, type Database } from '../../../main/services/db/database.js';
import { memorySealStore, type SealStore } from '../../../main/services/audit/keys.js';
import { openTrail, type AuditTrail, type TrailOptions } from '../../../main/services/audit/trail.js';
import { systemClock, type Clock } from '../../../main/services/clock.js';
import { tempDir } from '../../helpers/temp.js';

export interface TrailRig {
  dir: string;
  db: Database;
  trail: AuditTrail;
  seals: SealStore;
  /** A second, plain connection to the same file: what someone with the file (and no key) can do. */
  raw(): Sqlite.Database;
  reopen(options?: TrailOptions): Promise<TrailRig>;
  close(): Promise<void>;
}

export async function trailRig(
  options: TrailOptions = {},
  existing?: { dir: string; seals: SealStore },
  clock: Clock = systemClock,
): Promise<TrailRig> {
  const folder = existing ? { dir: existing.dir, cleanup: () => undefined } : tempDir('mfa-audit-');
  const seals = existing?.seals ?? memorySealStore();
  const db = openDatabase(folder.dir);
  const trail = await openTrail({ db, seals, clock, source: { operator: 'agent', appVersion: '0.0.0-test', deviceId: 'device-1' }, options });
  const raws: Sqlite.Database[] = [];
  const rig: TrailRig = {
    dir: folder.dir,
    db,
    trail,
    seals,
    raw() {
      const connection = new Sqlite(path.join(folder.dir, DATABASE_FILE));
      raws.push(connection);
      return connection;
    },
    async reopen(next = options) {
      await trail.close();
      raws.splice(0).forEach((c) => c.close());
      db.close();
      return trailRig(next, { dir: folder.dir, seals }, clock);
    },
    async close() {
      await trail.close();
      raws.splice(0).forEach((c) => c.close());
      db.close();
      folder.cleanup();
    },
  };
  return rig;
}
