/**
 * The lint rules that keep process boundaries visible really fire. Probe sources are linted in memory under
 * a file path in each layer (nothing is written into the tree), with the project's own config.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Why the override: typed rules need a file on disk in the TS project; the boundary rules do not.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});

/** Lint messages for `lines` as if they were the file at `filePath`. */
async function lint(filePath: string, lines: string[]): Promise<string> {
  const [result] = await eslint.lintText(lines.join('\n') + '\n', { filePath });
  return result?.messages.map((m) => m.message).join('\n') ?? '';
}

describe('boundary lint rules', () => {
  it('keep the renderer off Electron, Node, main code, simulators and contract values (except provider contracts)', async () => {
    const messages = await lint('renderer/src/__probe.ts', [
      "import { channels } from '../../contract/ipc';",
      "import { ipcRenderer } from 'electron';",
      "import fs from 'node:fs';",
      "import { startApp } from '../../main/app';",
      "import { entraSandbox } from '../../simulators/entra/sandbox';",
      "import { entraContract } from '../../contract/providers/entra';",
      'export const x = [channels, ipcRenderer, fs, startApp, entraSandbox, entraContract];',
    ]);
    expect(messages).toMatch(/imports only types from the contract/);
    expect(messages).toMatch(/never imports Electron/);
    expect(messages).toMatch(/never imports Node built-ins/);
    expect(messages).toMatch(/never imports main-process code/);
    expect(messages).toMatch(/Simulators are imported by the sandbox/);
    expect(messages.match(/imports only types from the contract/g)).toHaveLength(1);
  }, 60_000);

  it('keep services and providers free of Electron, IPC, the Electron entry and simulators', async () => {
    for (const file of ['main/services/__probe.ts', 'main/providers/entra/__probe.ts']) {
      const messages = await lint(file, [
        "import { ipcMain, shell } from 'electron';",
        "import { dispatch } from '../../ipc/dispatch.js';",
        "import { APP_ORIGIN } from '../../electron/origin.js';",
        "import { startEntraSimulator } from '../../../simulators/entra/simulator.js';",
        "export const y = (): unknown => { void shell.openExternal('https://example.com'); return [ipcMain, dispatch, APP_ORIGIN, startEntraSimulator]; };",
        'export const z = { webPreferences: { sandbox: false, contextIsolation: false, nodeIntegration: true, webSecurity: false } };',
      ]);
      expect(messages).toMatch(/never import Electron/);
      expect(messages).toMatch(/never import main\/ipc or main\/electron/);
      expect(messages).toMatch(/Simulators are imported by the sandbox/);
      expect(messages).toMatch(/openExternalSafe/);
      expect(messages).toMatch(/sandbox off/);
      expect(messages).toMatch(/Context isolation/);
      expect(messages).toMatch(/No Node integration/);
      expect(messages).toMatch(/webSecurity/);
    }
  }, 60_000);

  it('keep ipcMain to its one file and simulators out of the Electron entry and the shell', async () => {
    const entry = await lint('main/electron/__probe.ts', [
      "import { ipcMain } from 'electron';",
      "import { entraSandbox } from '../../simulators/entra/sandbox.js';",
      'export const w = [ipcMain, entraSandbox];',
    ]);
    expect(entry).toMatch(/Only main\/ipc\/electron-ipc.ts may use ipcMain/);
    expect(entry).toMatch(/Simulators are imported by the sandbox/);
    expect(await lint('shell/__probe.ts', ["import { entraSandbox } from '../simulators/entra/sandbox.js';", 'export const v = entraSandbox;'])).toMatch(
      /Simulators are imported by the sandbox/,
    );
    // The sandbox itself may import them.
    expect(await lint('main/sandbox/__probe.ts', ["import { entraSandbox } from '../../simulators/entra/sandbox.js';", 'export const u = entraSandbox;'])).toBe('');
  }, 60_000);

  it('keep the contract to zod and itself, and the preload to the contract', async () => {
    const contract = await lint('contract/__probe.ts', [
      "import { z } from 'zod';",
      "import fs from 'node:fs';",
      "import { startApp } from '../main/app.js';",
      "import { entraContract } from './providers/entra.js';",
      "import { boundedString } from './bounds.js';",
      'export const c = [z, fs, startApp, entraContract, boundedString];',
    ]);
    expect(contract.match(/contract\/ imports only zod and itself/g)).toHaveLength(2);
    const provider = await lint('contract/providers/__probe.ts', [
      "import { boundedString } from '../bounds.js';",
      "import { entraContract } from './entra.js';",
      "import { http } from '../../main/services/http.js';",
      'export const p = [boundedString, entraContract, http];',
    ]);
    expect(provider.match(/contract\/ imports only zod and itself/g)).toHaveLength(1);
    const preload = await lint('preload/__probe.ts', [
      "import { contextBridge } from 'electron';",
      "import { createApi } from '../contract/api.js';",
      "import { dispatch } from '../main/ipc/dispatch.js';",
      "import os from 'node:os';",
      'export const q = [contextBridge, createApi, dispatch, os];',
    ]);
    expect(preload.match(/preload\/ imports only the contract/g)).toHaveLength(2);
  }, 60_000);
});
