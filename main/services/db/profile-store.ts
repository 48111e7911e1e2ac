/** Provider profiles: non-secret settings in SQLite. Secrets live in the keychain under the profile id. */
import { randomUUID } from 'node:crypto';
import { entraSettingsSchema, type EntraSettings, type ProviderKind } from '../../../contract/domain.js';
import type { Clock } from '../clock.js';
import type { Database } from './database.js';

export interface StoredProfile {
  id: string;
  kind: ProviderKind;
  displayName: string;
  settings: EntraSettings;
  updatedAt: string;
}

export interface ProfileStore {
  list(): StoredProfile[];
  get(id: string): StoredProfile | null;
  save(input: { id?: string | undefined; kind: ProviderKind; displayName: string; settings: EntraSettings }): StoredProfile;
  remove(id: string): boolean;
}

interface Row {
  id: string;
  kind: string;
  display_name: string;
  settings: string;
  updated_at: string;
}

export function createProfileStore(db: Database, clock: Clock): ProfileStore {
  const toProfile = (row: Row): StoredProfile => ({
    id: row.id,
    kind: 'entra',
    displayName: row.display_name,
    // Why: re-validate on read so a hand-edited or older row cannot smuggle a non-https URL in.
    settings: entraSettingsSchema.parse(JSON.parse(row.settings)),
    updatedAt: row.updated_at,
  });
  const store: ProfileStore = {
    list: () =>
      db
        .prepare<[], Row>('SELECT * FROM profiles ORDER BY display_name COLLATE NOCASE')
        .all()
        .map(toProfile),
    get(id) {
      const row = db.prepare<[string], Row>('SELECT * FROM profiles WHERE id = ?').get(id);
      return row ? toProfile(row) : null;
    },
    save(input) {
      const now = new Date(clock.now()).toISOString();
      const id = input.id ?? randomUUID();
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
  };
  return store;
}
