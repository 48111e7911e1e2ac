/**
 * The packaged app as a command line: `MFA Approver verify …` runs the runbook interface with no window, on
 * the same data folder and keychain as the desktop app, and exits with the CLI's code.
 */
import { startApp } from '../app.js';
import { processIo } from '../../cli/io.js';
import { runCli } from '../../cli/run.js';
import { createKeytarStore } from '../services/keytar-store.js';
import type { Logger } from '../services/log.js';
import { loadManagedPolicy } from '../services/policy/managed.js';

/** Verbs that make the app a command line instead of a window. */
const CLI_VERBS = new Set(['verify', 'profiles', 'receipt', 'token']);

/**
 * The CLI arguments in `argv`, or null for a normal desktop start. Packaged: argv is [exe, ...args];
 * unpackaged (`electron .`): [electron, app path, ...args]. Chromium switches before the verb are skipped.
 */
export function cliArguments(argv: readonly string[], isPackaged: boolean): string[] | null {
  const args = argv.slice(isPackaged ? 1 : 2);
  const first = args.findIndex((arg) => !arg.startsWith('--'));
  if (first < 0) return null;
  return CLI_VERBS.has(args[first]!) ? args.slice(first) : null;
}

export interface CliApp {
  getPath(name: 'userData'): string;
  getVersion(): string;
  exit(code: number): void;
  /** A packaged build: profiles are pinned to their providers' published hosts, as in the desktop app. */
  isPackaged: boolean;
  dock?: { hide(): void } | undefined;
}

/** Runs the CLI inside the Electron main process and exits the app with its code. */
export async function runElectronCli(app: CliApp, args: string[], logger: Logger): Promise<void> {
  app.dock?.hide();
  const version = app.getVersion();
  const code = await runCli(args, processIo(), {
    version,
    defaultDataDir: app.getPath('userData'),
    startRuntime: ({ dataDir, sandbox }) =>
      startApp({
        dataDir,
        policy: loadManagedPolicy({ packaged: app.isPackaged }),
        shell: 'cli',
        version,
        secrets: createKeytarStore(),
        logger,
        sandbox: { defaultOn: false, forceOn: sandbox },
        packaged: app.isPackaged,
      }),
  });
  app.exit(code);
}
