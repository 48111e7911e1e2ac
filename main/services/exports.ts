/**
 * Where exports go when no save dialog exists (browser shell, CLI, tests): the exports folder of the app's
 * data folder, owner-only, never overwriting an earlier file. The Electron entry passes a save dialog instead.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

/** A file name with nothing but letters, digits, dots, dashes and underscores (no path can be smuggled in). */
export function safeFileName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '').slice(0, 100);
  return clean || 'export';
}

/** Writes `contents` to dataDir/exports/<name> (with -2, -3, … when taken); returns the path. */
export function createFolderExport(dataDir: string): (suggestedName: string, contents: string) => Promise<string> {
  return async (suggestedName, contents) => {
    const folder = path.join(dataDir, 'exports');
    await fs.mkdir(folder, { recursive: true, mode: 0o700 });
    const name = safeFileName(suggestedName);
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    for (let n = 1; n <= 1000; n += 1) {
      const file = path.join(folder, n === 1 ? name : `${stem}-${n}${ext}`);
      try {
        await fs.writeFile(file, contents, { mode: 0o600, flag: 'wx' });
        return file;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    throw new Error('Too many exports with the same name; remove some from the exports folder.');
  };
}
