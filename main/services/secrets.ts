/**
 * Secret store: the OS keychain behind a small interface. Only main-process services hold one; nothing
 * that reads a secret is reachable from IPC (the contract has set / delete / state only).
 */
import type { KeychainState, SecretState } from '../../contract/domain.js';

export interface SecretStore {
  /** Throws KeychainLockedError or KeychainUnavailableError when the keychain cannot take it. */
  set(account: string, secret: string): Promise<void>;
  /** The secret, or null only when the keychain answered that there is none (a locked one throws). */
  get(account: string): Promise<string | null>;
  /** True when an entry was removed, false when there was none; throws when the keychain is locked. */
  delete(account: string): Promise<boolean>;
  /** set, missing, locked or unavailable; never throws. */
  state(account: string): Promise<SecretState>;
  /** Checks that the keychain answers and is unlocked; the message names the cause and the fix. */
  probe(): Promise<{ state: 'available' } | { state: Exclude<KeychainState, 'available'>; message: string }>;
  /** The largest secret this keychain holds, in UTF-8 bytes, and its name for messages. */
  readonly limit: KeychainLimit;
}

export interface KeychainLimit {
  maxSecretBytes: number;
  keychainName: string;
}

/** The keychain cannot be used (no Secret Service, no session bus, module missing, refused). */
export class KeychainUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeychainUnavailableError';
  }
}

/**
 * The keychain answers but is locked. Why a type of its own: a locked keychain hides its entries, so a
 * "not found" from it proves nothing, and the fix (unlock it) differs from every other keychain failure.
 */
export class KeychainLockedError extends KeychainUnavailableError {
  constructor(message = LOCKED_MESSAGE) {
    super(message);
    this.name = 'KeychainLockedError';
  }
}

export const LOCKED_MESSAGE =
  'The OS keychain is locked, so the app cannot tell whether this secret is saved. Unlock the keychain ' +
  '(on Linux the “Login” keyring, on macOS the login keychain) and try again. Do not enter the secret again.';

/** Keychain service name: one per app, so entries are easy to find and remove in the OS tool. */
export const KEYCHAIN_SERVICE = 'MFA Approver';

/**
 * Per-keychain size limits. Windows Credential Manager refuses blobs over CRED_MAX_CREDENTIAL_BLOB_SIZE
 * (5 × 512 bytes); macOS Keychain and the Secret Service hold more, and 8 KiB is well above any secret the
 * providers use (an RSA-4096 private key as compact PKCS#8 is about 3.2 KB).
 */
export function keychainLimit(platform: NodeJS.Platform = process.platform): KeychainLimit {
  if (platform === 'win32') return { maxSecretBytes: 2560, keychainName: 'Windows Credential Manager' };
  if (platform === 'darwin') return { maxSecretBytes: 8192, keychainName: 'macOS Keychain' };
  return { maxSecretBytes: 8192, keychainName: 'Secret Service keyring' };
}
