/**
 * The desktop app end to end, in the real Electron runtime: the window is sandboxed and isolated, cannot
 * navigate away, and an agent verifies a sandbox caller by push that the caller approves on the simulated
 * phone. Needs the Electron binary (downloaded by `npm run desktop`) and native modules built for Electron.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { createApi } from '../../contract/api.js';
import { tempDir } from '../helpers/temp.js';

const root = path.resolve(__dirname, '..', '..');

/** The Electron executable, found the way node_modules/electron/index.js does, but without downloading. */
function findElectron(): string | null {
  const electronDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(electronDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? path.join(override, relative ?? 'electron')
    : relative
      ? path.join(electronDir, 'dist', relative)
      : null;
  return candidate && fs.existsSync(candidate) ? candidate : null;
}

/** better-sqlite3 is ABI-specific: if plain Node can load it, Electron cannot. */
function nativeModulesBuiltForNode(): boolean {
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
    cwd: root,
    stdio: 'ignore',
  });
  return probe.status === 0;
}

const electronPath = findElectron();
test.skip(
  !electronPath,
  'Electron runtime not downloaded (node_modules/electron/dist missing): this machine cannot reach the Electron release server. Run `npm run desktop` once where it can.',
);
test.skip(
  !!electronPath && nativeModulesBuiltForNode(),
  'Native modules are built for Node, not Electron. Run `npx electron-builder install-app-deps` (or `npm run desktop` once) before the electron project.',
);

test.describe.configure({ mode: 'serial' });

let app: ElectronApplication;
let page: Page;
let data: ReturnType<typeof tempDir>;

test.beforeAll(async () => {
  data = tempDir('mfa-electron-');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  // ELECTRON_RUN_AS_NODE would turn the binary into plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  Object.assign(env, { MFA_DATA_DIR: data.dir, MFA_KEYCHAIN_SERVICE: `MFA Approver e2e ${randomUUID()}` });
  app = await electron.launch({ executablePath: electronPath!, args: [root], cwd: root, env });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  data?.cleanup();
});

test('the window is sandboxed, context-isolated and has no Node', async () => {
  const effective = await app.evaluate(({ BrowserWindow }) => {
    const [appWindow] = BrowserWindow.getAllWindows();
    // Effective preferences after Electron applied its defaults and app.enableSandbox() (not in the typings).
    const contents = appWindow?.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> | null };
    const preferences = contents?.getLastWebPreferences();
    return {
      sandbox: preferences?.sandbox,
      contextIsolation: preferences?.contextIsolation,
      nodeIntegration: preferences?.nodeIntegration,
      nodeIntegrationInWorker: preferences?.nodeIntegrationInWorker,
      webviewTag: preferences?.webviewTag,
      webSecurity: preferences?.webSecurity,
      url: appWindow?.webContents.getURL(),
    };
  });
  expect(effective).toEqual({
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webviewTag: false,
    webSecurity: true,
    url: 'app://mfa-approver/index.html',
  });

  const inPage = await page.evaluate(() => ({
    require: typeof (globalThis as Record<string, unknown>).require,
    process: typeof (globalThis as Record<string, unknown>).process,
    api: Object.keys(window.mfa).sort(),
  }));
  expect(inPage).toEqual({
    require: 'undefined',
    process: 'undefined',
    // Exactly the contract's intent API: the same object the preload builds, nothing more.
    api: Object.keys(createApi({ invoke: () => Promise.reject(new Error('unused')), subscribe: () => () => undefined })).sort(),
  });
});

test('the page cannot navigate away or open windows', async () => {
  const opened = await page.evaluate(() => window.open('https://example.org/') === null);
  expect(opened).toBe(true);
  await page.evaluate(() => window.location.assign('https://example.org/'));
  await page.waitForTimeout(500);
  expect(page.url()).toMatch(/^app:\/\/mfa-approver\//);
  expect(app.windows()).toHaveLength(1);
});

test('an agent verifies a sandbox caller by push, approved on the simulated phone', async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Verify caller' }).click();

  const target = await page.evaluate(async () => {
    const [profiles, sandbox] = await Promise.all([window.mfa.profiles.list(), window.mfa.sandbox.state()]);
    if (!profiles.ok || !sandbox.ok) return null;
    const profile = profiles.value.find((p) => p.sandbox && p.kind === 'entra');
    const users = sandbox.value.backends.find((b) => b.profileId === profile?.id)?.users ?? [];
    const user = users.find((u) => /approv|push|authenticator/i.test(u.description)) ?? users[0];
    return profile && user ? { profileId: profile.id, upn: user.subject } : null;
  });
  expect(target, 'the sandbox profile and at least one sandbox user exist').not.toBeNull();

  await page.getByLabel('Profile').selectOption(target!.profileId);
  await page.getByLabel('Target account').fill(target!.upn);
  await page.getByLabel('Reason').fill('Caller locked out after a password reset');
  await page.getByLabel('Ticket reference').fill('INC0012345');
  await page.getByRole('button', { name: 'Send push' }).click();

  const prompt = page.locator('[data-testid=phone-prompt]').filter({ hasText: target!.upn });
  await prompt.getByRole('button', { name: 'Approve' }).click();

  await expect(page.locator('[data-testid=verification-outcome][data-status=approved]')).toBeVisible();
});
