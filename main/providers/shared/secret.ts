/**
 * Why a provider could not read its secret, in words every provider shares. A locked keychain is not a
 * missing secret: the agent must unlock it, never paste the secret again.
 */
import { KeychainLockedError } from '../../services/secrets.js';

export interface SecretReadFailure {
  code: 'keychain_locked' | 'keychain_unavailable';
  message: string;
  fix: string;
}

/** The failure for an error thrown by ProviderDeps.readSecret. */
export function secretReadFailure(error: unknown): SecretReadFailure {
  if (error instanceof KeychainLockedError) {
    return {
      code: 'keychain_locked',
      message: 'The OS keychain is locked, so this profile’s secret could not be read. It may well still be saved.',
      fix: 'Unlock the keychain (on Linux the “Login” keyring, on macOS the login keychain) and try again. Do not enter the secret again.',
    };
  }
  return {
    code: 'keychain_unavailable',
    message: 'The OS keychain could not be read, so this profile’s secret is not available.',
    fix: 'Make sure the OS keychain is running and unlocked, then try again. The message at the top of the app says more.',
  };
}
