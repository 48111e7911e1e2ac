/**
 * `npm run demo` / `npm run shell`: the app in plain Node with the renderer on http://127.0.0.1.
 * Options come from the environment: MFA_SHELL_PORT, MFA_DATA_DIR, MFA_SANDBOX_PUSH_TIMEOUT_MS, MFA_POLICY_FILE.
 */
import os from 'node:os';
import path from 'node:path';
import { startApp } from '../main/app.js';
import { isAuthorizationUrl } from '../main/services/operator/authorization-url.js';
import { createKeytarStore } from '../main/services/keytar-store.js';
import { loadManagedPolicy } from '../main/services/policy/managed.js';
import { startShell } from './server.js';

const VERSION = process.env.npm_package_version ?? '0.1.0';

async function main(): Promise<void> {
  const distDir = path.resolve(__dirname, '..');
  const dataDir = process.env.MFA_DATA_DIR ?? path.join(os.homedir(), '.mfa-approver-shell');
  const pushTimeoutMs = Number(process.env.MFA_SANDBOX_PUSH_TIMEOUT_MS ?? '') || undefined;
  // The shell is never packaged: MFA_POLICY_FILE may name the policy (tests); a bad one stops the start.
  const policy = loadManagedPolicy({ packaged: false });
  // Bound once the shell serves pages: the sign-in opens in a new tab of the browser the app runs in.
  let openTab: ((url: string) => boolean) | null = null;
  const runtime = await startApp({
    dataDir,
    policy,
    shell: 'browser',
    version: VERSION,
    secrets: createKeytarStore(process.env.MFA_KEYCHAIN_SERVICE ?? undefined),
    // The demo and the tests start with the sandbox on; the user can still turn it off in Settings.
    sandbox: { defaultOn: true, options: pushTimeoutMs ? { pushTimeoutMs } : {} },
    openBrowser: (url, authorizationEndpoint) => isAuthorizationUrl(url, authorizationEndpoint) && (openTab?.(url) ?? false),
  });
  const shell = await startShell({
    runtime,
    rendererDir: path.join(distDir, 'renderer'),
    bridgeFile: path.join(distDir, 'shell', 'bridge.js'),
    port: Number(process.env.MFA_SHELL_PORT ?? '') || 0,
  });
  openTab = (url) => shell.openTab(url);
  process.stdout.write(`\nMFA Approver (browser shell) is running. Open this address in a browser:\n\n  ${shell.url}\n\n`);
  process.stdout.write(`Data folder: ${dataDir}\nPress Ctrl+C to stop.\n`);
  process.stdout.write(`MFA_SHELL_READY ${JSON.stringify({ url: shell.url })}\n`);
  const stop = async (): Promise<void> => {
    await shell.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  process.once('uncaughtException', (error) => {
    process.stderr.write(`MFA Approver shell crashed: ${error.message}\n`);
    runtime.recordCrash(error);
    process.exit(1);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`MFA Approver shell failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
