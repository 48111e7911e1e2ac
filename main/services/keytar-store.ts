/**
 * SecretStore on the OS keychain through keytar: macOS Keychain, Windows Credential Manager, Linux Secret
 * Service. There is deliberately no plaintext fallback: when the keychain cannot be used, every call fails
 * with a message naming the cause and the fix.
 */
import { createRequire } from 'node:module';
import { KEYCHAIN_SERVICE, KeychainUnavailableError, type SecretStore } from './secrets.js';

interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

const PROBE_ACCOUNT = '__probe__';

/** Creates the keychain store; `service` is overridable so tests use their own keychain entries. */
export function createKeytarStore(service: string = KEYCHAIN_SERVICE): SecretStore {
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
      throw new KeychainUnavailableError(explain(error));
    }
  };
  const store: SecretStore = {
    set: (account, secret) => guard(async () => load().setPassword(service, account, secret)),
    get: (account) => guard(async () => load().getPassword(service, account)),
    delete: (account) => guard(async () => load().deletePassword(service, account)),
    has: async (account) => (await store.get(account)) !== null,
    async probe() {
      try {
        await guard(async () => load().getPassword(service, PROBE_ACCOUNT));
        return { available: true };
      } catch (error) {
        return { available: false, message: error instanceof Error ? error.message : String(error) };
      }
    },
  };
  return store;
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
  if (/locked|dismissed|cancel/i.test(raw)) {
    return 'The keychain is locked or the unlock prompt was dismissed. Unlock your keychain and try again.';
  }
  return `The keychain refused the request (${raw.split('\n')[0]?.slice(0, 200) ?? 'unknown error'}). Check that your OS keychain is unlocked.`;
}
