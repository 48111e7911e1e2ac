/**
 * The lint rules that keep process boundaries visible really fire: probe files that cross them are written
 * into the tree for a moment, linted with the project's config, and removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

const probes = {
  'renderer/src/__boundary_probe.ts': [
    "import { channels } from '../../contract/ipc';",
    "import { ipcRenderer } from 'electron';",
    "import fs from 'node:fs';",
    "import { startApp } from '../../main/app';",
    'export const x = [channels, ipcRenderer, fs, startApp];',
  ],
  'main/services/__boundary_probe.ts': [
    "import { ipcMain, shell } from 'electron';",
    "export const y = (): unknown => { void shell.openExternal('https://example.com'); return ipcMain; };",
    'export const z = { webPreferences: { sandbox: false, contextIsolation: false, nodeIntegration: true, webSecurity: false } };',
  ],
};
afterAll(() => {
  for (const file of Object.keys(probes)) fs.rmSync(file, { force: true });
});

describe('boundary lint rules', () => {
  it('flag every crossing', async () => {
    for (const [file, lines] of Object.entries(probes)) fs.writeFileSync(file, lines.join('\n') + '\n');
    const results = await new ESLint({ cwd: process.cwd() }).lintFiles(Object.keys(probes));
    const messages = (file: string): string =>
      results.find((r) => r.filePath === path.resolve(file))?.messages.map((m) => m.message).join('\n') ?? '';
    const renderer = messages('renderer/src/__boundary_probe.ts');
    expect(renderer).toMatch(/imports only types from the contract/);
    expect(renderer).toMatch(/never imports Electron/);
    expect(renderer).toMatch(/never imports Node built-ins/);
    expect(renderer).toMatch(/never imports main-process code/);
    const main = messages('main/services/__boundary_probe.ts');
    expect(main).toMatch(/Only main\/ipc\/electron-ipc.ts may use ipcMain/);
    expect(main).toMatch(/openExternalSafe/);
    expect(main).toMatch(/sandbox off/);
    expect(main).toMatch(/Context isolation/);
    expect(main).toMatch(/No Node integration/);
    expect(main).toMatch(/webSecurity/);
  }, 60_000);
});
