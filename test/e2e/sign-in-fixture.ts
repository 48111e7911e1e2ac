/**
 * The browser shell under a managed policy that asks operators to sign in through a real OpenID provider
 * (oidc-provider in its own process on 127.0.0.1), for the sign-in and role tests. Chromium is the "system
 * browser": the shell opens the sign-in in a new tab.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { test as base } from '@playwright/test';
import { FLOW_TEST_POLICY } from '../helpers/policy.js';
import { ROLE_MAPPING } from '../helpers/sign-in.js';
import { startShell, type ShellHandle } from './shell-fixture.js';

interface Provider {
  issuer: string;
  clientId: string;
  redirectPath: string;
}

async function startProvider(): Promise<{ child: ChildProcess; provider: Provider }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/oidc-serve.ts'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const provider = await new Promise<Provider>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the test OpenID provider did not start in 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /OIDC_READY (\{.*\})/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(JSON.parse(match[1]) as Provider);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the test OpenID provider exited with ${code}:\n${output}`)));
  });
  return { child, provider };
}

/** A shell whose managed policy requires sign-in through the test provider; the groups claim gives the roles. */
export const test = base.extend<{ shell: ShellHandle }>({
  shell: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const { child, provider } = await startProvider();
      const oidc = { issuer: provider.issuer, clientId: provider.clientId, scope: 'openid email profile groups', roleMapping: ROLE_MAPPING, redirectPath: provider.redirectPath, timeoutSeconds: 60 };
      const { shell, stop } = await startShell({ ...FLOW_TEST_POLICY, signIn: { oidc } });
      try {
        await use(shell);
      } finally {
        await stop();
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
    },
    { scope: 'test' },
  ],
});

export { expect } from '@playwright/test';
