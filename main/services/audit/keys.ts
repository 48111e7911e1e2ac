/**
 * The trail's sealing keys. They live in the OS keychain only, never in the database or a file.
 *
 * Each key epoch has an HMAC key (every entry of the epoch is MACed with it) and an Ed25519 signing key (it
 * signs the checkpoint that closes the epoch). Closing an epoch derives the next HMAC key forward from the
 * current one and fresh randomness, makes a new signing key, and deletes both old keys from the keychain.
 * Why: whoever takes the machine later holds only the current epoch's keys and can neither re-MAC nor
 * re-sign anything before it (forward integrity, Bellare–Yee / Schneier–Kelsey).
 *
 * The retired HMAC key is published inside the signed checkpoint, so any verifier (an auditor offline, with
 * no keychain) can re-check every MAC of a closed epoch; it can no longer forge anything there, because the
 * epoch's last MAC is fixed by a signature whose key is gone, and the next epoch chains to it.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, hkdfSync, randomBytes, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';
import { KeychainLockedError, KeychainUnavailableError, type SecretStore } from '../secrets.js';

export interface EpochKeys {
  epoch: number;
  macKey: Buffer;
  signKey: KeyObject;
  /** Raw Ed25519 public key, base64url. */
  signPub: string;
}

export interface SealState {
  /** Identifies this trail (and its keychain entry). */
  installation: string;
  /** SHA-256 (hex) of the first signing key: the anchor an auditor records at installation. */
  rootFingerprint: string;
  current: EpochKeys;
  /** The next epoch's keys while a checkpoint is being written (crash safety: see trail.ts). */
  pending: EpochKeys | null;
}

/** Where the sealing state is kept: the OS keychain in the app, memory in a few unit tests. */
export interface SealStore {
  load(): Promise<SealState | null>;
  save(state: SealState): Promise<void>;
}

export const SEAL_ACCOUNT = 'audit:seal';

/** Keys of epoch `epoch`: the HMAC key derived from the previous one (or random for the first). */
export function newEpochKeys(epoch: number, previous?: Buffer): EpochKeys {
  const macKey = previous
    ? Buffer.from(hkdfSync('sha256', previous, randomBytes(32), `mfa-approver audit-evolve ${epoch}`, 32))
    : randomBytes(32);
  const pair = generateKeyPairSync('ed25519');
  return { epoch, macKey, signKey: pair.privateKey, signPub: rawPublic(pair.publicKey) };
}

/** A fresh sealing state for a new trail. */
export function newSealState(epoch = 0): SealState {
  const current = newEpochKeys(epoch);
  return { installation: randomUUID(), rootFingerprint: fingerprint(current.signPub), current, pending: null };
}

function rawPublic(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return jwk.x;
}

/** Commitment to an HMAC key, published before the key is (so a disclosed key can be checked). */
export function keyCommit(macKey: Buffer): string {
  return createHash('sha256').update('mfa-approver audit key commit\n').update(macKey).digest('hex');
}

/** SHA-256 (hex) of a raw public key. */
export function fingerprint(signPub: string): string {
  return createHash('sha256').update(Buffer.from(signPub, 'base64url')).digest('hex');
}

/** Ed25519 signature (base64url) over the canonical JSON of `payload`. */
export function signPayload(keys: EpochKeys, payload: Record<string, unknown>): string {
  return sign(null, Buffer.from(canonicalize(payload) ?? ''), keys.signKey).toString('base64url');
}

/** True when `signature` is `signPub`'s signature over the canonical JSON of `payload`. */
export function verifyPayload(signPub: string, payload: Record<string, unknown>, signature: string): boolean {
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: signPub }, format: 'jwk' });
    return verify(null, Buffer.from(canonicalize(payload) ?? ''), key, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

interface StoredEpoch {
  epoch: number;
  macKey: string;
  signKey: string;
  signPub: string;
}

const storeEpoch = (keys: EpochKeys): StoredEpoch => ({
  epoch: keys.epoch,
  macKey: keys.macKey.toString('base64'),
  signKey: keys.signKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  signPub: keys.signPub,
});

const loadEpoch = (stored: StoredEpoch): EpochKeys => ({
  epoch: stored.epoch,
  macKey: Buffer.from(stored.macKey, 'base64'),
  signKey: createPrivateKey({ key: Buffer.from(stored.signKey, 'base64'), format: 'der', type: 'pkcs8' }),
  signPub: stored.signPub,
});

/** The sealing state as one keychain entry. */
export function keychainSealStore(secrets: SecretStore): SealStore {
  return {
    async load() {
      let text: string | null;
      try {
        text = await secrets.get(SEAL_ACCOUNT);
      } catch (error) {
        // Why a message of its own: at start-up this is the first keychain read, and the app cannot run without it.
        const locked = error instanceof KeychainLockedError;
        throw new KeychainUnavailableError(
          `MFA Approver keeps the key that seals its audit log in the OS keychain, and the keychain is ${locked ? 'locked' : 'not available'}` +
            `${locked ? '' : ` (${error instanceof Error ? error.message : 'unknown error'})`}. ` +
            'Unlock it (on Linux the “Login” keyring, on macOS the login keychain), then start MFA Approver again. Nothing was sent.',
        );
      }
      if (text === null) return null;
      const raw = JSON.parse(text) as { v: number; installation: string; rootFingerprint: string; current: StoredEpoch; pending: StoredEpoch | null };
      if (raw.v !== 1) throw new Error(`unknown audit sealing state version ${String(raw.v)}`);
      return {
        installation: raw.installation,
        rootFingerprint: raw.rootFingerprint,
        current: loadEpoch(raw.current),
        pending: raw.pending ? loadEpoch(raw.pending) : null,
      };
    },
    async save(state) {
      const stored = {
        v: 1,
        installation: state.installation,
        rootFingerprint: state.rootFingerprint,
        current: storeEpoch(state.current),
        pending: state.pending ? storeEpoch(state.pending) : null,
      };
      await secrets.set(SEAL_ACCOUNT, JSON.stringify(stored));
    },
  };
}

/** A seal store in memory (tests that do not exercise the keychain). */
export function memorySealStore(): SealStore & { peek(): SealState | null; clear(): void } {
  let state: SealState | null = null;
  return {
    load: async () => state,
    save: async (next) => {
      state = { ...next };
    },
    peek: () => state,
    clear: () => {
      state = null;
    },
  };
}
