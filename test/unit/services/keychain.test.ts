/**
 * Runs against the real OS keychain (Linux: Secret Service from gnome-keyring inside dbus-run-session, set up
 * by scripts/with-keyring.sh). It must not skip: a missing keychain is a test failure.
 */
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeytarStore, explain } from '../../../main/services/keytar-store.js';
import { KeychainUnavailableError } from '../../../main/services/secrets.js';

const service = `MFA Approver test ${randomUUID()}`;
const store = createKeytarStore(service);
const accounts: string[] = [];
afterAll(async () => {
  for (const account of accounts) await store.delete(account).catch(() => undefined);
});

describe('keychain secret store (real Secret Service)', () => {
  it('is available', async () => {
    expect(await store.probe()).toEqual({ state: 'available' });
  });

  it('stores, reads back in main, reports its state, and deletes', async () => {
    const account = `profile:${randomUUID()}`;
    accounts.push(account);
    expect(await store.state(account)).toBe('missing');
    await store.set(account, 'p@ss w0rd ✓');
    expect(await store.state(account)).toBe('set');
    expect(await store.get(account)).toBe('p@ss w0rd ✓');
    expect(await store.delete(account)).toBe(true);
    expect(await store.get(account)).toBeNull();
  });

  it('fails with a named cause, never a plaintext fallback, when no Secret Service is reachable', () => {
    // A child without a session bus: the real failure mode on a Linux box with no desktop keyring.
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/fixtures/keychain-no-bus.ts'], {
      env,
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(run.stdout).not.toContain('STORED');
    expect(run.stdout).toMatch(/KeychainUnavailableError: .*(Secret Service|session bus|keychain)/i);
  });

  it('explains common keychain failures in plain words', () => {
    expect(explain(new Error('The name org.freedesktop.secrets was not provided by any .service files'))).toMatch(/No Secret Service/);
    expect(explain(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'))).toMatch(/session bus/);
    expect(new KeychainUnavailableError('x')).toBeInstanceOf(Error);
  });
});
