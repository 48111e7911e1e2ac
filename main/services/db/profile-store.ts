/**
 * Provider profiles: non-secret settings in SQLite, with the provider kind. Secrets live in the keychain
 * under the profile id. Settings are validated by the kind's own schema on every read and write.
 */
import { randomUUID } from 'node:crypto';
import { contractFor, isProviderKind, type ProfileParsed, type ProviderKind, type SettingsOf } from '../../../contract/providers/index.js';
import type { Clock } from '../clock.js';
import type { Database } from './database.js';

export type StoredProfile = {
  [K in ProviderKind]: { id: string; kind: K; displayName: string; settings: SettingsOf<K>; updatedAt: string };
}[ProviderKind];

export interface ProfileStore {
  list(): StoredProfile[];
  get(id: string): StoredProfile | null;
  /** Saves a profile checked by profileInputSchema; the kind of an existing profile never changes. */
  save(input: ProfileParsed): StoredProfile;
  remove(id: string): boolean;
  /** Rows that could not be read (unknown kind, invalid settings), so they can be reported instead of hidden. */
  unreadable(): { id: string; displayName: string; reason: string }[];
}

interface Row {
  id: string;
  kind: string;
  display_name: string;
  settings: string;
  updated_at: string;
}

type Read = { ok: true; profile: StoredProfile } | { ok: false; reason: string };

/** Far above any real profile (a certificate included); a larger row was not written by this app. */
const MAX_SETTINGS_CHARS = 64 * 1024;

/** Why re-validate on read: a hand-edited or older row must not smuggle a non-https URL or another kind in. */
function readRow(row: Row): Read {
  if (!isProviderKind(row.kind)) return { ok: false, reason: `unknown provider kind "${row.kind.slice(0, 40)}"` };
  if (row.settings.length > MAX_SETTINGS_CHARS) return { ok: false, reason: 'settings are larger than any profile the app writes' };
  let raw: unknown;
  try {
    raw = JSON.parse(row.settings);
  } catch {
    return { ok: false, reason: 'settings are not valid JSON' };
  }
  const parsed = contractFor(row.kind).settingsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'settings do not pass the provider’s checks' };
  const profile = { id: row.id, kind: row.kind, displayName: row.display_name, settings: parsed.data, updatedAt: row.updated_at };
  return { ok: true, profile: profile as StoredProfile };
}

export function createProfileStore(db: Database, clock: Clock): ProfileStore {
  const all = (): Row[] => db.prepare<[], Row>('SELECT * FROM profiles ORDER BY display_name COLLATE NOCASE').all();
  const store: ProfileStore = {
    list: () => all().flatMap((row) => {
      const read = readRow(row);
      return read.ok ? [read.profile] : [];
    }),
    get(id) {
      const row = db.prepare<[string], Row>('SELECT * FROM profiles WHERE id = ?').get(id);
      if (!row) return null;
      const read = readRow(row);
      return read.ok ? read.profile : null;
    },
    save(input) {
      const now = new Date(clock.now()).toISOString();
      const id = input.id ?? randomUUID();
      const existing = db.prepare<[string], { kind: string }>('SELECT kind FROM profiles WHERE id = ?').get(id);
      // Why: a profile's secret was set for one provider; reusing it for another kind would send it elsewhere.
      if (existing && existing.kind !== input.kind) throw new Error('profile kind cannot change');
      db.prepare(
        `INSERT INTO profiles (id, kind, display_name, settings, created_at, updated_at)
         VALUES (@id, @kind, @displayName, @settings, @now, @now)
         ON CONFLICT(id) DO UPDATE SET display_name = excluded.display_name, settings = excluded.settings,
           updated_at = excluded.updated_at`,
      ).run({ id, kind: input.kind, displayName: input.displayName, settings: JSON.stringify(input.settings), now });
      const saved = store.get(id);
      if (!saved) throw new Error('profile vanished after save');
      return saved;
    },
    remove: (id) => db.prepare('DELETE FROM profiles WHERE id = ?').run(id).changes > 0,
    unreadable: () =>
      all().flatMap((row) => {
        const read = readRow(row);
        return read.ok ? [] : [{ id: row.id, displayName: row.display_name, reason: read.reason }];
      }),
  };
  return store;
}
