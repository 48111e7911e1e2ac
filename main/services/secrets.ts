/**
 * Secret store: the OS keychain behind a small interface. Only main-process services hold one; nothing
 * that reads a secret is reachable from IPC (the contract has set / delete / is-set only).
 */
export interface SecretStore {
  /** Throws KeychainUnavailableError when the OS keychain cannot be used. */
  set(account: string, secret: string): Promise<void>;
  get(account: string): Promise<string | null>;
  delete(account: string): Promise<boolean>;
  has(account: string): Promise<boolean>;
  /** Checks that the keychain answers; returns the cause and the fix when it does not. */
  probe(): Promise<{ available: true } | { available: false; message: string }>;
}

export class KeychainUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeychainUnavailableError';
  }
}

/** Keychain service name: one per app, so entries are easy to find and remove in the OS tool. */
export const KEYCHAIN_SERVICE = 'MFA Approver';
