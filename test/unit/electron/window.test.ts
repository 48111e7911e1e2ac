/** The app window: the secure preference set, the dedicated session, and the app:// entry URL. */
import { describe, expect, it, vi } from 'vitest';
import { recordingLogger } from './fakes.js';

const created = vi.hoisted(() => [] as { options: Record<string, unknown>; loaded: string[] }[]);
vi.mock('electron', () => ({
  BrowserWindow: class {
    webContents = { on: () => undefined };
    private readonly record: { options: Record<string, unknown>; loaded: string[] };
    constructor(options: Record<string, unknown>) {
      this.record = { options, loaded: [] };
      created.push(this.record);
    }
    once() {}
    show() {}
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
  },
}));

const { appPaths, createMainWindow } = await import('../../../main/electron/window.js');

/** The web preferences the window was created with. */
function preferencesOf(preloadPath: string, devTools: boolean): Record<string, unknown> {
  createMainWindow({ preloadPath, devTools, logger: recordingLogger() });
  return created.at(-1)?.options.webPreferences as Record<string, unknown>;
}

const securePreferences = {
  preload: '/app/dist/preload/preload.cjs',
  partition: 'persist:mfa-approver',
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  spellcheck: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  disableBlinkFeatures: 'Auxclick',
  devTools: false,
};

describe('main window', () => {
  it('uses exactly the secure preference set', () => {
    expect(preferencesOf('/app/dist/preload/preload.cjs', false)).toEqual(securePreferences);
  });

  it('never sets options that weaken isolation', () => {
    const preferences = preferencesOf('/p.cjs', true);
    for (const key of ['nodeIntegrationInSubFrames', 'enableBlinkFeatures', 'additionalArguments', 'session']) {
      expect(preferences).not.toHaveProperty(key);
    }
    expect(preferences.devTools).toBe(true);
  });

  it('creates the window with those preferences and loads app://mfa-approver/index.html', () => {
    createMainWindow({ preloadPath: '/app/dist/preload/preload.cjs', devTools: false, logger: recordingLogger() });
    const window = created.at(-1);
    expect(window?.options.webPreferences).toEqual(securePreferences);
    expect(window?.options.show).toBe(false);
    expect(window?.loaded).toEqual(['app://mfa-approver/index.html']);
  });

  it('finds the renderer and preload inside the app folder', () => {
    expect(appPaths('/opt/MFA Approver/resources/app.asar')).toEqual({
      renderer: '/opt/MFA Approver/resources/app.asar/dist/renderer',
      preload: '/opt/MFA Approver/resources/app.asar/dist/preload/preload.cjs',
    });
  });
});
