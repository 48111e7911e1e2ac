/**
 * The runbook command line, run as a real process (dist/cli/cli.cjs) against the sandbox simulator in its
 * own data folder and keychain service: exit codes, the JSON result, Ctrl+C, and a CLI verification running
 * beside a desktop runtime on the same database.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyResultSchema } from '../../../cli/output.js';
import type { VerificationView } from '../../../contract/domain.js';
import { createKeytarStore } from '../../../main/services/keytar-store.js';
import { ok, startTestRuntime } from '../../helpers/runtime.js';
import { ENTRA_SANDBOX_PROFILE_ID, entraSim } from '../../helpers/sandbox.js';
import { tempDir } from '../../helpers/temp.js';

const CLI = path.resolve('dist/cli/cli.cjs');
const data = tempDir('mfa-cli-');
const keychain = `MFA Approver cli test ${randomUUID()}`;
const domain = 'sandbox.contoso.example';
const PROFILE = 'Sandbox (simulated Entra tenant)';
/**
 * The default policy but for the pause between pushes and the hourly cap: these runs push the scripted accounts
 * again and again.
 * Named through MFA_POLICY_FILE, as an unpackaged CLI allows.
 */
const policyFile = path.join(data.dir, 'policy.json');
fs.writeFileSync(policyFile, JSON.stringify({ version: 1, limits: { cooldownSeconds: 0, perTargetPerHour: 50 }, signIn: { osUserRoles: ['helpdesk', 'approver', 'auditor', 'admin'] } }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI once; `onStderr` sees progress as it arrives (to send Ctrl+C at the right moment). */
function cli(
  args: string[],
  options: { stdin?: string; policy?: string; onStderr?: (text: string, kill: (s: NodeJS.Signals) => void) => void } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '--data-dir', data.dir, ...args], {
      env: { ...process.env, MFA_KEYCHAIN_SERVICE: keychain, MFA_SANDBOX_PUSH_TIMEOUT_MS: '4000', MFA_POLICY_FILE: options.policy ?? policyFile },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`CLI did not finish in 25 s:\n${stderr}`));
    }, 25_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      options.onStderr?.(stderr, (signal) => child.kill(signal));
    });
    child.stdin.end(options.stdin ?? '');
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The request type every verification names (the default policy lists request types). */
const TYPE = ['--reason-type', 'Password reset'];
const verify = (user: string, ticket: string, extra: string[] = []) =>
  cli(['verify', '--sandbox', '--profile', PROFILE, '--subject', `${user}@${domain}`, ...TYPE, '--reason', 'Runbook check', '--ticket', ticket, ...extra]);

afterAll(() => data.cleanup());

describe('mfa-approver verify', () => {
  it('exits 0 when the account holder approves, with a JSON result of the documented shape', async () => {
    const run = await verify('approves', 'RB-1', ['--json']);
    expect(run.code).toBe(0);
    const result = verifyResultSchema.parse(JSON.parse(run.stdout));
    expect(result).toMatchObject({ approved: true, status: 'approved', exitCode: 0, subject: `approves@${domain}`, ticket: 'RB-1', sandbox: true });
    expect(run.stderr).toMatch(/Say to the caller/);
  });

  it('exits 1 on a denial, 2 when nobody answers, 3 on a provider error', async () => {
    const denied = await verify('denies', 'RB-2');
    expect(denied.code).toBe(1);
    expect(denied.stdout).toMatch(/^DENIED: /);
    const silent = await verify('push', 'RB-3', ['--json']);
    expect(silent.code).toBe(2);
    expect(verifyResultSchema.parse(JSON.parse(silent.stdout))).toMatchObject({ approved: false, status: 'timeout' });
    const unknown = await verify('nobody', 'RB-4', ['--json']);
    expect(unknown.code).toBe(3);
    expect(verifyResultSchema.parse(JSON.parse(unknown.stdout))).toMatchObject({ approved: false, status: 'error', code: 'UserNotFound' });
  }, 60_000);

  it('exits 64 on a usage error and names it, sending nothing', async () => {
    const missing = await cli(['verify', '--profile', PROFILE, '--subject', `push@${domain}`, '--reason', 'x']);
    expect(missing.code).toBe(64);
    expect(missing.stderr).toMatch(/--ticket is required/);
    expect((await cli(['verify', '--mode', 'sms'])).stderr).toMatch(/--mode must be push or code|required/);
    expect((await cli(['frobnicate'])).code).toBe(64);
    const badAccount = await verify('not an account', 'RB-5');
    expect(badAccount.code).toBe(64);
    expect(badAccount.stderr).toMatch(/subject: must look like name@contoso.com/);
    const noProfile = await cli(['verify', '--profile', 'Nope', '--subject', 'a@b.cd', '--reason', 'abc', '--ticket', 'X1']);
    expect(noProfile.code).toBe(64);
    expect(noProfile.stderr).toMatch(/no profile named "Nope"/);
  }, 60_000);

  it('reads the caller’s code from standard input in code mode', async () => {
    // The sandbox shows the SMS code on its own phone; a wrong code first, then end of input cancels.
    const run = await cli(['verify', '--sandbox', '--mode', 'code', '--profile', PROFILE, '--subject', `sms@${domain}`, ...TYPE, '--reason', 'Runbook check', '--ticket', 'RB-6', '--json'], { stdin: '000000\n' });
    expect(run.stderr).toMatch(/Code the caller reads out/);
    expect(run.stderr).toMatch(/Wrong code/);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'cancelled', approved: false });
  }, 30_000);

  it('cancels on Ctrl+C and says so; nothing is approved', async () => {
    let sent = false;
    const run = await cli(
      ['verify', '--sandbox', '--profile', PROFILE, '--subject', `push-totp@${domain}`, ...TYPE, '--reason', 'Runbook check', '--ticket', 'RB-7', '--json'],
      {
        onStderr: (text, kill) => {
          if (!sent && /Waiting/.test(text)) {
            sent = true;
            kill('SIGINT');
          }
        },
      },
    );
    expect(run.stderr).toMatch(/Cancelled: nothing was approved/);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'cancelled', approved: false });
  }, 30_000);

  it('checks a verification token: valid once for its account and ticket, then refused as reused; a wrong account is refused', async () => {
    const run = await verify('approves', 'RB-9', ['--json']);
    expect(run.code).toBe(0);
    const result = verifyResultSchema.parse(JSON.parse(run.stdout));
    expect(result).toMatchObject({ assurance: 'low', requiredAssurance: 'low', token: expect.stringMatching(/^MFAV(-[0-9A-Z]{5}){4}$/) });
    const token = result.token!;
    const other = await cli(['token', 'check', token, '--subject', `denies@${domain}`, '--ticket', 'RB-9', '--json']);
    expect(other.code).toBe(1);
    expect(JSON.parse(other.stdout)).toMatchObject({ valid: false, reason: 'other_target' });
    // Presented for the wrong account, the token is spent: the right account no longer gets it through.
    const again = await cli(['token', 'check', token, '--subject', `approves@${domain}`, '--ticket', 'RB-9']);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/^REFUSED \(reused\): This token was already presented at \d\d:\d\d:\d\d UTC/);
    const fresh = verifyResultSchema.parse(JSON.parse((await verify('approves', 'RB-10', ['--json'])).stdout)).token!;
    const accepted = await cli(['token', 'check', fresh.toLowerCase(), '--subject', `APPROVES@${domain}`, '--ticket', 'rb-10']);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toMatch(/^VALID: Verified at .* by .* \(LOW assurance\)/);
    expect((await cli(['token', 'check', 'MFAV-00000-00000-00000-00000', '--subject', `approves@${domain}`, '--ticket', 'RB-10'])).stdout).toMatch(/^REFUSED \(unknown\)/);
    expect((await cli(['token', 'check', fresh])).code).toBe(64);
  }, 60_000);

  it('does not start on a managed policy it cannot use, and names the file and the first problem', async () => {
    const broken = path.join(data.dir, 'broken-policy.json');
    fs.writeFileSync(broken, JSON.stringify({ version: 1, limits: { perTargetPerHour: 0 } }));
    const run = await cli(['profiles', 'list', '--sandbox'], { policy: broken });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      `mfa-approver: the app could not start: The managed policy ${broken} is not valid: limits.perTargetPerHour must be at least 1 verification. ` +
        'Ask your administrator to correct it: the app does not start with a policy it cannot use.\n',
    );
  }, 30_000);

  it('lists profiles and tests one', async () => {
    const listed = await cli(['profiles', 'list', '--sandbox', '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ name: PROFILE, sandbox: true })]));
    const tested = await cli(['profiles', 'test', PROFILE, '--sandbox']);
    expect(tested.code).toBe(0);
    expect(tested.stdout).toMatch(/^OK: /);
  }, 30_000);
});

describe('the CLI beside the desktop app', () => {
  it('both verifications complete, each logged with its own outcome and source, and the trail verifies', async () => {
    // The same data folder and keychain entries as the desktop app, as on a real machine.
    const desktop = await startTestRuntime({ dataDir: data.dir, keepData: true, secrets: createKeytarStore(keychain) });
    try {
      entraSim(desktop).setUserBehaviour(`push@${domain}`, { action: 'approve', delayMs: 3000 });
      const started = ok(await desktop.call('verify:start', { profileId: ENTRA_SANDBOX_PROFILE_ID, subject: `push@${domain}`, reason: 'Desktop check', ticket: 'DESK-1', mode: 'push' }));
      const desktopDone = new Promise<VerificationView>((resolve) => {
        desktop.runtime.events.subscribe((event, payload) => {
          const view = payload as VerificationView;
          if (event === 'verification:updated' && view.id === started.id && view.status !== 'pending') resolve(view);
        });
      });
      const run = await verify('approves', 'RB-8', ['--json']);
      expect(run.code, run.stderr + run.stdout).toBe(0);
      expect((await desktopDone).status).toBe('approved');
      const rows = ok(await desktop.call('audit:list', { limit: 500 }));
      expect(rows.find((r) => r.ticket === 'DESK-1' && r.action === 'verify.push')).toMatchObject({ outcome: 'approved' });
      expect(rows.find((r) => r.ticket === 'RB-8' && r.action === 'verify.push')).toMatchObject({ outcome: 'approved' });
      const cliEntries = ok(await desktop.call('audit:query', { search: 'RB-8' })).entries;
      expect(cliEntries.length).toBeGreaterThan(0);
      expect(cliEntries.every((e) => e.appVersion.endsWith('(cli)'))).toBe(true);
      // The desktop app took in the CLI's entries: its own next entry chains on, and the whole trail verifies.
      expect(ok(await desktop.call('audit:verify', {})).state).toBe('ok');
    } finally {
      await desktop.close();
    }
  }, 60_000);
});
