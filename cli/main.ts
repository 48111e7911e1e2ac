/**
 * `mfa-approver` as a Node program (dist/cli/cli.cjs, the package's bin). The packaged desktop app runs the
 * same runCli from its Electron entry. Test hooks: MFA_DATA_DIR, MFA_KEYCHAIN_SERVICE, MFA_SANDBOX_PUSH_TIMEOUT_MS, MFA_POLICY_FILE.
 */
import { startApp } from '../main/app.js';
import { createKeytarStore } from '../main/services/keytar-store.js';
import { createLogger } from '../main/services/log.js';
import { loadManagedPolicy } from '../main/services/policy/managed.js';
import { desktopDataDir } from './data-dir.js';
import { processIo } from './io.js';
import { runCli } from './run.js';

const VERSION = process.env.npm_package_version ?? '0.1.0';

async function main(): Promise<void> {
  const pushTimeoutMs = Number(process.env.MFA_SANDBOX_PUSH_TIMEOUT_MS ?? '') || undefined;
  // Operational log lines would mix with the progress on standard error: only errors are written.
  const base = createLogger();
  const logger = { log: (level: 'info' | 'warn' | 'error', event: string, fields?: Record<string, string | number | boolean | null | undefined>) => level === 'error' && base.log(level, event, fields) };
  const code = await runCli(process.argv.slice(2), processIo(), {
    version: VERSION,
    defaultDataDir: process.env.MFA_DATA_DIR ?? desktopDataDir(),
    startRuntime: ({ dataDir, sandbox }) =>
      startApp({
        dataDir,
        // From a checkout (never packaged): MFA_POLICY_FILE may name the policy; a bad one stops the start.
        policy: loadManagedPolicy({ packaged: false }),
        shell: 'cli',
        version: VERSION,
        secrets: createKeytarStore(process.env.MFA_KEYCHAIN_SERVICE ?? undefined),
        logger,
        // The CLI never turns the sandbox on by itself, and --sandbox does not change the saved choice.
        sandbox: { defaultOn: false, forceOn: sandbox, options: pushTimeoutMs ? { pushTimeoutMs } : {} },
      }),
  });
  process.exitCode = code;
}

main().catch((error: unknown) => {
  process.stderr.write(`mfa-approver failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 3;
});
