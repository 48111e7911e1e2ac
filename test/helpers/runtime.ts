/**
 * A real app runtime for tests: SQLite in a temp folder, the real keychain under a throwaway service name,
 * and the flow-test policy (test/helpers/policy.ts) unless a test passes its own `policy`.
 */
import { randomUUID } from 'node:crypto';
import { startApp } from '../../main/app.js';
import type { AppRuntime, StartOptions } from '../../main/runtime-types.js';
import { dispatch } from '../../main/ipc/dispatch.js';
import { createKeytarStore } from '../../main/services/keytar-store.js';
import type { SecretStore } from '../../main/services/secrets.js';
import type { Channel, ChannelInput, ChannelOutput } from '../../contract/ipc.js';
import type { Result } from '../../contract/domain.js';
import { flowTestPolicy } from './policy.js';
import { tempDir } from './temp.js';

export interface TestRuntime {
  runtime: AppRuntime;
  dataDir: string;
  logLines: string[];
  /** The same keychain store the runtime uses (tests may read it; the renderer never can). */
  secrets: SecretStore;
  call<C extends Channel>(channel: C, payload: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  close(): Promise<void>;
}

/** Dispatch as the tests always called it: the role check, without recording refused payloads in the trail. */
export function withoutAudit(runtime: AppRuntime): Pick<AppRuntime, 'handlers' | 'logger' | 'access'> {
  return { handlers: runtime.handlers, logger: runtime.logger, access: runtime.access };
}

/** `keepData` leaves the data folder in place on close, for restart tests (pass it back as `dataDir`). */
/** `keychainPlatform` applies that platform's keychain size limit (the keychain itself is this machine's). */
export async function startTestRuntime(
  options: Partial<StartOptions> & { keepData?: boolean; keychainPlatform?: NodeJS.Platform } = {},
): Promise<TestRuntime> {
  const { keepData, keychainPlatform, ...startOptions } = options;
  const data = startOptions.dataDir ? { dir: startOptions.dataDir, cleanup: () => undefined } : tempDir('mfa-runtime-');
  const logLines: string[] = [];
  // Pass `secrets` back in (with `dataDir`) to restart on the same keychain entries.
  const secrets = startOptions.secrets ?? createKeytarStore(`MFA Approver test ${randomUUID()}`, keychainPlatform ? { platform: keychainPlatform } : {});
  const runtime = await startApp({
    dataDir: data.dir,
    shell: 'browser',
    version: '0.0.0-test',
    secrets,
    logger: { log: (level, event, fields) => logLines.push(JSON.stringify({ level, event, ...fields })) },
    operator: 'test.agent',
    policy: flowTestPolicy,
    ...startOptions,
  });
  return {
    runtime,
    dataDir: data.dir,
    logLines,
    secrets,
    call: (channel, payload) =>
      dispatch(withoutAudit(runtime), channel, payload) as Promise<Result<ChannelOutput<typeof channel>>>,
    async close() {
      await runtime.close();
      if (!keepData) data.cleanup();
    },
  };
}

/** Unwraps an ok result or fails the test with the error it carried. */
export function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.message}`);
  return result.value;
}
