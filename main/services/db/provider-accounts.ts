/**
 * Per-account storage for providers that keep accounts themselves: one OS keychain entry per account for the
 * secret, one database row for the small state beside it. The row also records that a keychain entry exists,
 * so removing a profile can remove every one of its entries.
 */
import type { AccountStore } from '../../providers/types.js';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import { KeychainLockedError, KeychainUnavailableError, type SecretStore } from '../secrets.js';
import type { Database } from './database.js';

/** Keychain account of one enrolled account under a profile. */
export const accountSecretName = (profileId: string, account: string): string => `profile:${profileId}:account:${account}`;

/** Everything stored for a profile's accounts, held in main only while a removal may still be undone. */
export type AccountsSnapshot = { account: string; state: string | null; secret: string | null }[];

export interface AccountStores {
  forProfile(profileId: string): AccountStore;
  /** Reads every account of a profile, secrets included (throws when the keychain is locked). */
  snapshot(profileId: string): Promise<AccountsSnapshot>;
  /** Deletes every keychain entry and state row of a profile's accounts. */
  removeProfile(profileId: string): Promise<void>;
  /** Puts a snapshot back (undo of a removal that could not complete). */
  restore(profileId: string, snapshot: AccountsSnapshot): Promise<void>;
}

/** Keychain failures reach the agent as an AppError with the cause and the fix. */
async function keychain<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof KeychainLockedError) throw new AppError('keychain_locked', error.message);
    if (error instanceof KeychainUnavailableError) throw new AppError('keychain_unavailable', error.message);
    throw error;
  }
}

/** Account storage for every profile, on the keychain and the database. */
export function createAccountStores(db: Database, secrets: SecretStore, clock: Clock): AccountStores {
  const now = (): string => new Date(clock.now()).toISOString();
  const selectState = db.prepare<[string, string], { state: string | null }>('SELECT state FROM provider_accounts WHERE profile_id = ? AND account = ?');
  const upsertState = db.prepare(`INSERT INTO provider_accounts (profile_id, account, state, updated_at) VALUES (@profileId, @account, @state, @at)
    ON CONFLICT(profile_id, account) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`);
  const markKeychain = db.prepare(`INSERT INTO provider_accounts (profile_id, account, in_keychain, updated_at) VALUES (@profileId, @account, @flag, @at)
    ON CONFLICT(profile_id, account) DO UPDATE SET in_keychain = excluded.in_keychain, updated_at = excluded.updated_at`);
  const prune = db.prepare('DELETE FROM provider_accounts WHERE profile_id = ? AND account = ? AND state IS NULL AND in_keychain = 0');
  const inKeychain = db.prepare<[string], { account: string }>('SELECT account FROM provider_accounts WHERE profile_id = ? AND in_keychain = 1');
  const removeAll = db.prepare('DELETE FROM provider_accounts WHERE profile_id = ?');
  const everyRow = db.prepare<[string], { account: string; state: string | null; in_keychain: number }>(
    'SELECT account, state, in_keychain FROM provider_accounts WHERE profile_id = ?',
  );
  const putBack = db.prepare(`INSERT OR REPLACE INTO provider_accounts (profile_id, account, state, in_keychain, updated_at)
    VALUES (@profileId, @account, @state, @flag, @at)`);

  return {
    forProfile(profileId) {
      const name = (account: string): string => accountSecretName(profileId, account);
      return {
        getSecret: (account) => keychain(() => secrets.get(name(account))),
        async setSecret(account, secret) {
          // The row first: should the keychain write succeed and the app then stop, the entry is still found on removal.
          markKeychain.run({ profileId, account, flag: 1, at: now() });
          await keychain(() => secrets.set(name(account), secret));
        },
        async deleteSecret(account) {
          await keychain(() => secrets.delete(name(account)));
          markKeychain.run({ profileId, account, flag: 0, at: now() });
          prune.run(profileId, account);
        },
        getState: (account) => selectState.get(profileId, account)?.state ?? null,
        setState: (account, state) => void upsertState.run({ profileId, account, state, at: now() }),
        deleteState(account) {
          upsertState.run({ profileId, account, state: null, at: now() });
          prune.run(profileId, account);
        },
      };
    },
    async snapshot(profileId) {
      const rows = everyRow.all(profileId);
      const out: AccountsSnapshot = [];
      for (const row of rows) {
        const secret = row.in_keychain === 1 ? await keychain(() => secrets.get(accountSecretName(profileId, row.account))) : null;
        out.push({ account: row.account, state: row.state, secret });
      }
      return out;
    },
    async restore(profileId, snapshot) {
      for (const item of snapshot) {
        if (item.secret !== null) await keychain(() => secrets.set(accountSecretName(profileId, item.account), item.secret!));
        putBack.run({ profileId, account: item.account, state: item.state, flag: item.secret !== null ? 1 : 0, at: now() });
      }
    },
    async removeProfile(profileId) {
      for (const { account } of inKeychain.all(profileId)) await keychain(() => secrets.delete(accountSecretName(profileId, account)));
      removeAll.run(profileId);
    },
  };
}
