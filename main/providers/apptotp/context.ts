/** What the verification and enrollment flows of one app-authenticator profile share. */
import type { ApptotpSettings } from '../../../contract/providers/apptotp.js';
import { errorOutcome } from '../shared/outcomes.js';
import type { AccountStore, ProviderDeps, ProviderOutcome } from '../types.js';
import type { createAccountQueue } from './accounts.js';

export interface ApptotpContext {
  settings: ApptotpSettings;
  deps: ProviderDeps;
  /** Null when the app was started without account storage: every flow then fails closed. */
  accounts: AccountStore | null;
  queue: ReturnType<typeof createAccountQueue>;
}

/** ±1 time step: a phone clock up to 30 s off still works; ±2 is refused (RFC 6238 §5.2 recommends at most one). */
export const STEP_WINDOW = 1;

export const NO_STORAGE = (): ProviderOutcome =>
  errorOutcome('no_account_storage', 'Not available', 'This copy of the app cannot store enrolled accounts, so nothing was checked.', 'Report this to your administrator.');

/** An account with no (usable) enrollment in this profile. */
export function notEnrolledOutcome(damaged: boolean): ProviderOutcome {
  return errorOutcome(
    damaged ? 'enrollment_damaged' : 'not_enrolled',
    'No authenticator enrolled',
    damaged
      ? 'The stored enrollment of this account cannot be read, so no code can be checked. Nothing was approved.'
      : 'This account has no authenticator enrolled in this profile, so there is no code to check. Nothing was approved.',
    'Verify the caller another way. Once verified, enroll their authenticator on the Enroll authenticator screen.',
  );
}

/** The account is locked after too many wrong codes. */
export function lockedOutcome(until: number, justLocked: boolean): ProviderOutcome {
  const time = new Date(until).toISOString().slice(11, 16);
  return {
    status: 'locked_out',
    code: justLocked ? 'too_many_wrong_codes' : 'account_locked',
    title: 'Locked: too many wrong codes',
    message: `${justLocked ? 'Too many wrong codes were read out. ' : ''}Code checks for this account are locked until ${time} UTC. Nothing was approved.`,
    nextSteps: 'Do not proceed. Someone may be guessing codes: verify the caller another way, and report it if they cannot explain the wrong codes.',
    detail: `locked until ${new Date(until).toISOString()}`,
  };
}
