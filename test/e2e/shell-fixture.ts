/**
 * Starts the real browser shell (dist/shell/shell.cjs), with its own data folder and
 * keychain service name, and hands tests its URL. The sandbox push timeout is shortened for the timeout test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test as base } from '@playwright/test';
import type { z } from 'zod';
import type { managedPolicySchema } from '../../contract/policy/index.js';
import { FLOW_TEST_POLICY } from '../helpers/policy.js';
import { tempDir } from '../helpers/temp.js';

export interface ShellHandle {
  url: string;
  origin: string;
  token: string;
  output: () => string;
}

async function launch(env: Record<string, string>): Promise<{ child: ChildProcess; shell: ShellHandle }> {
  const child = spawn(process.execPath, ['dist/shell/shell.cjs'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`shell did not start in 15 s:\n${output}`)), 15_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /MFA_SHELL_READY (\{.*\})/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve((JSON.parse(match[1]) as { url: string }).url);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`shell exited with ${code}:\n${output}`)));
  });
  const parsed = new URL(url);
  const token = new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '';
  return { child, shell: { url, origin: parsed.origin, token, output: () => output } };
}

/**
 * Starts a shell with its own database, keychain service and rate-limit counters; `stop` ends and cleans it.
 * `policy` is written to the data folder and named by MFA_POLICY_FILE (the shell is never packaged); null
 * runs on the app's defaults, as an installation without a managed policy does.
 */
export async function startShell(policy: z.input<typeof managedPolicySchema> | null = FLOW_TEST_POLICY): Promise<{ shell: ShellHandle; stop: () => Promise<void> }> {
  const data = tempDir('mfa-e2e-');
  const policyFile = path.join(data.dir, 'policy.json');
  if (policy) fs.writeFileSync(policyFile, JSON.stringify(policy));
  const { child, shell } = await launch({
    MFA_DATA_DIR: data.dir,
    MFA_KEYCHAIN_SERVICE: `MFA Approver e2e ${randomUUID()}`,
    MFA_SANDBOX_PUSH_TIMEOUT_MS: '4000',
    ...(policy ? { MFA_POLICY_FILE: policyFile } : {}),
  });
  return {
    shell,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      data.cleanup();
    },
  };
}

/**
 * One shell per test: each test gets its own database, keychain service and rate-limit counters. Tests of
 * the verification flow run on the flow-test policy (test/helpers/policy.ts); `test.use({ policy })` sets
 * another (null: the app's defaults).
 */
export const test = base.extend<{ shell: ShellHandle; policy: z.input<typeof managedPolicySchema> | null }>({
  policy: [FLOW_TEST_POLICY, { option: true }],
  shell: [
    async ({ policy }, use) => {
      const { shell, stop } = await startShell(policy);
      await use(shell);
      await stop();
    },
    { scope: 'test' },
  ],
});

/**
 * One shell for every test of a file (call at the top of the file). The tests share its database and limits,
 * so each uses its own tickets and at most three pushes per account (the push-bombing limit).
 */
export function sharedShell(): () => ShellHandle {
  let running: { shell: ShellHandle; stop: () => Promise<void> } | null = null;
  base.beforeAll(async () => {
    running = await startShell();
  });
  base.afterAll(async () => {
    await running?.stop();
    running = null;
  });
  return () => {
    if (!running) throw new Error('the shared shell is not running');
    return running.shell;
  };
}

export { expect } from '@playwright/test';
