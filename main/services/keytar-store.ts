/**
 * SecretStore on the OS keychain through keytar: macOS Keychain, Windows Credential Manager, Linux Secret
 * Service. There is deliberately no plaintext fallback: when the keychain cannot be used, every call fails
 * with a message naming the cause and the fix.
 */
import { createRequire } from 'node:module';
import type { SecretState } from '../../contract/domain.js';
import { KEYCHAIN_SERVICE, KeychainLockedError, keychainLimit, KeychainUnavailableError, type SecretStore } from './secrets.js';

interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

const PROBE_ACCOUNT = '__probe__';

export interface KeytarStoreOptions {
  /** Whose size limit applies (tests check the Windows limit on Linux). Default: this platform. */
  platform?: NodeJS.Platform;
}

/** Creates the keychain store; `service` is overridable so tests use their own keychain entries. */
export function createKeytarStore(service: string = KEYCHAIN_SERVICE, options: KeytarStoreOptions = {}): SecretStore {
  let keytar: KeytarModule | null = null;
  const load = (): KeytarModule => {
    if (keytar) return keytar;
    try {
      // require, not import(): a CommonJS native addon that must also load from inside Electron's asar.
      keytar = createRequire(import.meta.url)('keytar') as KeytarModule;
      return keytar;
    } catch (error) {
      throw new KeychainUnavailableError(
        `The keychain module could not be loaded (${error instanceof Error ? error.message.split('\n')[0] : 'unknown'}). ` +
          'Reinstall the app; on Linux install libsecret (libsecret-1-0).',
      );
    }
  };
  const guard = async <T>(action: () => Promise<T>): Promise<T> => {
    try {
      return await action();
    } catch (error) {
      if (error instanceof KeychainUnavailableError) throw error;
      if (isLockedFailure(error)) throw new KeychainLockedError();
      throw new KeychainUnavailableError(explain(error));
    }
  };

  /**
   * Why a probe write: keytar answers null from a locked Secret Service collection (and false to a delete),
   * exactly as for a missing entry, while a write into a locked collection fails with "locked". So after a
   * "not found" the store writes (and removes) a probe entry: if that fails as locked, the answer was not
   * "missing" but "cannot see". Tested against a really locked gnome-keyring (test/unit/services).
   */
  let lockCheck: Promise<void> | null = null;
  const failIfLocked = (): Promise<void> => {
    lockCheck ??= guard(async () => {
      await load().setPassword(service, PROBE_ACCOUNT, 'probe (no secret)');
      await load().deletePassword(service, PROBE_ACCOUNT);
    }).finally(() => {
      lockCheck = null;
    });
    return lockCheck;
  };

  const store: SecretStore = {
    limit: keychainLimit(options.platform),
    set: (account, secret) => guard(async () => load().setPassword(service, account, secret)),
    async get(account) {
      const value = await guard(async () => load().getPassword(service, account));
      if (value !== null) return value;
      await failIfLocked();
      // Read again: answering the probe's unlock prompt may be what made the entry visible.
      return guard(async () => load().getPassword(service, account));
    },
    async delete(account) {
      if (await guard(async () => load().deletePassword(service, account))) return true;
      await failIfLocked();
      return guard(async () => load().deletePassword(service, account));
    },
    async state(account): Promise<SecretState> {
      try {
        return (await store.get(account)) === null ? 'missing' : 'set';
      } catch (error) {
        return error instanceof KeychainLockedError ? 'locked' : 'unavailable';
      }
    },
    async probe() {
      try {
        await failIfLocked();
        return { state: 'available' };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { state: error instanceof KeychainLockedError ? 'locked' : 'unavailable', message };
      }
    },
  };
  return store;
}

/** A keychain refusal that means "locked" (or an unlock prompt that was dismissed), not "broken". */
export function isLockedFailure(error: unknown): boolean {
  const raw = error instanceof Error ? error.message : String(error);
  return /locked|dismissed|cancel|interaction is not allowed/i.test(raw);
}

/** Turns a keychain failure into its cause and what the operator can do about it. */
export function explain(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  if (/org\.freedesktop\.secrets|ServiceUnknown|was not provided by any \.service/i.test(raw)) {
    return 'No Secret Service is running (GNOME Keyring or KWallet). Start your desktop keyring and try again.';
  }
  if (/DBUS_SESSION_BUS_ADDRESS|dbus|X11/i.test(raw)) {
    return 'The keychain cannot be reached because there is no desktop session bus (D-Bus). Run the app inside your desktop session.';
  }
  if (isLockedFailure(error)) {
    return 'The keychain is locked or the unlock prompt was dismissed. Unlock your keychain and try again.';
  }
  return `The keychain refused the request (${raw.split('\n')[0]?.slice(0, 200) ?? 'unknown error'}). Check that your OS keychain is unlocked.`;
}
