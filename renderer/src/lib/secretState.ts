/**
 * How Settings names the state of a profile's secret, and the next step for each. "not set" is said only
 * when the keychain answered that there is none: a locked keychain hides entries it still holds.
 */
import type { SecretState } from '../../../contract/domain';

export interface SecretStateView {
  text: string;
  className: string;
  /** The next step, or null when there is nothing to do. */
  help: string | null;
  /** Worth asking the keychain again once the operator has fixed it. */
  recheck: boolean;
}

export const secretStateViews: Record<SecretState, SecretStateView> = {
  set: { text: 'set', className: 'secret-set', help: null, recheck: false },
  missing: {
    text: 'not set',
    className: 'secret-unset',
    help: 'Save the secret below before using this profile.',
    recheck: false,
  },
  locked: {
    text: 'unknown: the keychain is locked',
    className: 'secret-locked',
    help: 'Unlock the OS keychain, then choose “Check again”. Do not enter the secret again: it may well still be saved.',
    recheck: true,
  },
  unavailable: {
    text: 'unknown: the keychain is not available',
    className: 'secret-unavailable',
    help: 'The OS keychain cannot be reached (the message at the top of the window says why). Fix that, then choose “Check again”.',
    recheck: true,
  },
};
