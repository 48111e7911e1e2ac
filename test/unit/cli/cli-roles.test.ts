/**
 * The command line runs as the OS account, with the OS account's roles: every role on an unmanaged
 * installation, what the managed policy's signIn.osUserRoles grants otherwise. A refusal exits 77 (EX_NOPERM).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ManagedPolicy } from '../../../contract/policy/index.js';
import { managed } from '../../helpers/policy.js';
import { runCli, type CliIo } from '../../../cli/run.js';
import { startApp } from '../../../main/app.js';
import { createKeytarStore } from '../../../main/services/keytar-store.js';
import { tempDir } from '../../helpers/temp.js';

async function run(args: string[], policy?: Partial<ManagedPolicy>): Promise<{ code: number; stdout: string; stderr: string }> {
  const data = tempDir('mfa-cli-roles-');
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readLine: () => Promise.resolve(null),
    onInterrupt: () => () => undefined,
  };
  const code = await runCli(args, io, {
    version: '0.0.0-test',
    defaultDataDir: data.dir,
    startRuntime: ({ dataDir, sandbox }) =>
      startApp({
        dataDir,
        shell: 'cli',
        version: '0.0.0-test',
        secrets: createKeytarStore(`MFA Approver cli roles ${randomUUID()}`),
        logger: { log: () => undefined },
        operator: 'runbook.user',
        sandbox: { defaultOn: false, forceOn: sandbox },
        ...(policy ? { policy: managed(policy) } : {}),
      }),
  });
  data.cleanup();
  return { code, stdout, stderr };
}

describe('roles on the command line', () => {
  it('an unmanaged installation runs with every role', async () => {
    expect((await run(['profiles', 'list'])).code).toBe(0);
  });

  it('a managed one refuses what the OS account has no role for, with exit code 77 and the reason', async () => {
    const refused = await run(['verify', '--sandbox', '--profile', 'Sandbox (simulated Entra tenant)', '--subject', 'approves@sandbox.contoso.example', '--reason', 'Runbook check', '--ticket', 'RB-77'], { version: 1 });
    expect(refused.code).toBe(77);
    expect(refused.stderr).toContain('Your account has no role in MFA Approver on this computer, so this was refused. Ask your administrator.');
    const auditor = await run(['profiles', 'test', 'Sandbox (simulated Entra tenant)', '--sandbox'], { version: 1, signIn: { osUserRoles: ['auditor'] } });
    expect(auditor.code).toBe(77);
    expect(auditor.stderr).toContain('This needs the Administrator role, which you do not have (you are Auditor).');
  });
});
