/**
 * A locked keychain is "locked", never "no secret": against a gnome-keyring locked for real through the
 * Secret Service API, in a D-Bus session of its own (so the keyring the other tests use stays unlocked).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp.js';

interface Answer {
  ok: boolean;
  code?: string;
  message?: string;
  value?: unknown;
}

function runLocked(): Record<string, unknown> {
  const script = 'printf "locked-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"';
  // Its own keyring folder too: gnome-keyring keeps keyrings in $XDG_DATA_HOME/keyrings, shared otherwise.
  const home = tempDir('mfa-keyring-');
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_DATA_HOME: home.dir };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  const run = spawnSync('dbus-run-session', ['--', 'bash', '-c', script, 'bash', process.execPath, '--import', 'tsx', 'test/fixtures/keychain-locked.ts'], {
    env,
    encoding: 'utf8',
    timeout: 30_000,
  });
  home.cleanup();
  const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`the locked-keychain child failed:\n${run.stdout}\n${run.stderr.slice(-2000)}`);
  return JSON.parse(line.slice('RESULT '.length)) as Record<string, unknown>;
}

describe('a locked keychain (gnome-keyring, locked for real)', () => {
  const result = runLocked();

  it('was unlocked with the secret saved, then really locked', () => {
    expect(result.before).toEqual({ set: { ok: true, value: { secret: 'set' } }, states: 'set' });
    expect(result.lockedProperty).toBe('(<true>,)');
  });

  it('the store says locked, for a saved secret and for a missing one alike', () => {
    expect(result.store).toMatchObject({ withSecret: 'locked', without: 'locked', probe: { state: 'locked' } });
  });

  it('app info and Settings say locked, never "not set"', () => {
    expect(result.info).toMatchObject({ ok: true, value: { keychain: { state: 'locked', message: expect.stringMatching(/locked/i) } } });
    const profiles = (result.list as Answer & { value: { displayName: string; secret: string }[] }).value;
    expect(profiles.map((p) => [p.displayName, p.secret])).toEqual([
      ['With secret', 'locked'],
      ['Without secret', 'locked'],
    ]);
  });

  it('Test connection and Verify say the keychain is locked, not that no secret is set', () => {
    const test = (result.test as Answer & { value: { ok: boolean; code: string; message: string; fix: string } }).value;
    expect(test).toMatchObject({ ok: false, code: 'keychain_locked' });
    expect(test.message).toMatch(/locked/);
    expect(test.fix).toMatch(/Unlock/);
    expect(`${test.message} ${test.fix}`).not.toMatch(/no secret is set/i);
    expect(result.started).toBe(true);
    expect(result.final).toMatchObject({ status: 'error', code: 'keychain_locked', title: 'The keychain is locked' });
    expect(JSON.stringify(result.final)).not.toMatch(/no secret is set/i);
  });

  it('changes are refused with "locked", and nothing is half done', () => {
    for (const key of ['setSecret', 'deleteSecret', 'remove']) {
      expect(result[key], key).toMatchObject({ ok: false, code: 'keychain_locked', message: expect.stringMatching(/locked/) });
    }
    expect((result.listAfter as { value: unknown[] }).value).toHaveLength(2);
  });

  it('a start while the keychain is locked stops with what to do, not a generic error', () => {
    expect(result.startLocked).toMatch(/audit log in the OS keychain, and the keychain is locked/);
    expect(result.startLocked).toMatch(/start MFA Approver again/);
  });
});
