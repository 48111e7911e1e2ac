/**
 * Electron entry (bundled to dist/main/main.cjs). Wires the Electron-free app from main/app.ts to a window,
 * the app:// protocol and IPC; holds no business logic. Order matters: the sandbox, the privileged scheme and
 * the webContents guards are set before `ready`, the protocol before the window loads, IPC before the
 * renderer can call it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, protocol, session, shell } from 'electron';
import { startApp } from '../app.js';
import { registerIpc } from '../ipc/electron-ipc.js';
import type { AppRuntime } from '../runtime-types.js';
import { createKeytarStore } from '../services/keytar-store.js';
import { createLogger } from '../services/log.js';
import { loadManagedPolicy } from '../services/policy/managed.js';
import { cliArguments, runElectronCli } from './cli-mode.js';
import { createDeepLinkRouter } from './deep-link.js';
import { APP_PARTITION, APP_SCHEME } from './origin.js';
import { openAuthorizationUrl } from './external-links.js';
import { createAppProtocolHandler } from './protocol.js';
import { denySessionPermissions, hardenSession, installWebContentsHooks } from './security.js';
import { appPaths, createMainWindow } from './window.js';

const logger = createLogger();

// `MFA Approver verify …` is the runbook command line: no window, no single-instance lock (it may run
// beside the desktop app), the CLI's exit code.
const cli = cliArguments(process.argv, app.isPackaged);
if (cli) {
  runElectronCli(app, cli, logger).catch(() => app.exit(3));
} else {
  startDesktop();
}

function startDesktop(): void {
  // Why before ready: enableSandbox forces the sandbox on every renderer, even one created with sandbox:false.
  app.enableSandbox();
  // Why supportFetchAPI:false and no corsEnabled: nothing fetches app:// and other origins may not read it.
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false } },
  ]);
  installWebContentsHooks(app, logger);
  // Before ready: macOS delivers the link that started the app as an early open-url event.
  const links = createDeepLinkRouter(app, logger);
  links.fromArgv(process.argv);

  // Test hooks for end-to-end runs (throw-away data folder and keychain service, as in the browser shell).
  // Ignored in the packaged app, so an environment variable can never redirect a user's data or secrets.
  const testHooks = app.isPackaged ? {} : { dataDir: process.env.MFA_DATA_DIR, keychainService: process.env.MFA_KEYCHAIN_SERVICE };
  if (testHooks.dataDir) app.setPath('userData', path.resolve(testHooks.dataDir));

  let runtime: AppRuntime | null = null;
  let disposeIpc: (() => void) | null = null;
  let quitting = false;

  const appWindows = () => BrowserWindow.getAllWindows().map((window) => window.webContents);

  function openWindow(): void {
    createMainWindow({ preloadPath: appPaths(app.getAppPath()).preload, devTools: !app.isPackaged, logger });
  }

  async function onReady(): Promise<void> {
    const paths = appPaths(app.getAppPath());
    denySessionPermissions(session.defaultSession);
    const appSession = session.fromPartition(APP_PARTITION, { cache: false });
    hardenSession(appSession, logger);
    // Why the partition's protocol object: `protocol.handle` would only register on the default session.
    appSession.protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.renderer, logger));

    // A policy file that cannot be used stops the start with its error (failStartup), never a silent default.
    const policy = loadManagedPolicy({ packaged: app.isPackaged });
    runtime = await startApp({
      dataDir: app.getPath('userData'),
      policy,
      shell: 'electron',
      version: app.getVersion(),
      secrets: testHooks.keychainService ? createKeytarStore(testHooks.keychainService) : createKeytarStore(),
      logger,
      // The rotating app log in the data folder, so "details are in the app log" holds in a packaged build.
      fileLog: true,
      exportTarget: async (format, suggestedName) => {
        const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
        const options = {
          title: 'Export the audit log',
          defaultPath: path.join(app.getPath('documents'), suggestedName),
          filters: [format === 'csv' ? { name: 'CSV', extensions: ['csv'] } : { name: 'JSON Lines', extensions: ['jsonl'] }],
        };
        const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
        return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
      },
      // A receipt or the receipt key goes where the user chooses; the name is main's, never the renderer's.
      saveFile: async (suggestedName, contents) => {
        const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
        const extension = path.extname(suggestedName).slice(1);
        const options = {
          title: extension === 'pem' ? 'Export the receipt public key' : 'Export the approval receipt',
          defaultPath: path.join(app.getPath('documents'), suggestedName),
          filters: [extension === 'pem' ? { name: 'PEM public key', extensions: ['pem'] } : { name: 'Receipt (JWS)', extensions: ['jws'] }],
        };
        const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
        if (chosen.canceled || !chosen.filePath) return null;
        await fs.promises.writeFile(chosen.filePath, contents, { mode: 0o600 });
        return chosen.filePath;
      },
      // Why openPath on a folder main chose (never a path from the renderer): it can only ever open the log folder.
      openFolder: async (folder) => (await shell.openPath(folder)) === '',
      // A packaged build shows simulated approvals only after the user turns the sandbox on in Settings.
      sandbox: { defaultOn: !app.isPackaged },
      // A packaged build pins every profile to its provider's published hosts (main/services/endpoints/rules.ts).
      packaged: app.isPackaged,
      // The operator's sign-in opens in the system browser, for the provider's authorization endpoint only.
      openBrowser: (url, authorizationEndpoint) => openAuthorizationUrl(url, authorizationEndpoint, logger),
    });
    disposeIpc = registerIpc(runtime, { windows: appWindows });
    openWindow();
    const started = runtime;
    // A link only pre-fills the Approvals form (the service parses it strictly); the window comes forward.
    links.attach((url) => {
      started.openDeepLink(url);
      focusWindow();
    });
  }

  function focusWindow(): void {
    const [window] = BrowserWindow.getAllWindows();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  }

  // A crash is an audit event too (best effort: the trail may be what failed).
  process.on('uncaughtException', (error) => {
    logger.log('error', 'uncaught_exception', { error: error.name, detail: error.message });
    try {
      runtime?.recordCrash(error);
    } finally {
      app.exit(1);
    }
  });

  function failStartup(error: unknown): void {
    const message = error instanceof Error ? error.message : 'Unknown error';
    logger.log('error', 'startup_failed', { error: error instanceof Error ? error.name : 'unknown', detail: message });
    dialog.showErrorBox('MFA Approver could not start', message);
    app.exit(1);
  }

  if (!app.requestSingleInstanceLock()) {
    // Another instance owns the database and keychain session; it gets focused instead (below).
    app.quit();
  } else {
    // Another start's argv is read for one thing only: an mfa-approver:// link, parsed strictly in main.
    app.on('second-instance', (_event, argv) => {
      focusWindow();
      links.fromArgv(argv);
    });
    app.on('activate', () => {
      if (runtime && BrowserWindow.getAllWindows().length === 0) openWindow();
    });
    app.on('window-all-closed', () => {
      if (process.platform !== 'darwin') app.quit();
    });
    app.on('will-quit', (event) => {
      if (!runtime || quitting) return;
      // Close the database and simulators before exiting; quit again once done.
      event.preventDefault();
      quitting = true;
      disposeIpc?.();
      runtime
        .close()
        .catch((error: unknown) => logger.log('error', 'shutdown_failed', { error: error instanceof Error ? error.name : 'unknown' }))
        .finally(() => app.quit());
    });
    app.whenReady().then(onReady).catch(failStartup);
  }
}
