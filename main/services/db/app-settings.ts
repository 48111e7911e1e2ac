/** Small app-wide settings the user changes in Settings (not provider profiles, not secrets). */
import type { Database } from './database.js';

export interface AppSettingsStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export function createAppSettings(db: Database): AppSettingsStore {
  const select = db.prepare<[string], { value: string }>('SELECT value FROM app_settings WHERE key = ?');
  const upsert = db.prepare('INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  return {
    get: (key) => select.get(key)?.value ?? null,
    set: (key, value) => void upsert.run(key, value),
  };
}
