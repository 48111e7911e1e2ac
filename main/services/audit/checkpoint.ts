/**
 * What the first entry of a trail and each checkpoint carry, signed with the epoch's Ed25519 key.
 * The verifier (verify.ts) checks exactly these fields; exports and forwarding carry them unchanged.
 */
import { fingerprint, keyCommit, signPayload, type EpochKeys } from './keys.js';

/** Why a trail (or a new key within one) started. */
export type InitReason = 'new' | 'rekey' | 'earlier-trail-missing';

export interface InitPayload {
  kind: 'init';
  format: 1;
  installation: string;
  reason: InitReason;
  epoch: number;
  keyCommit: string;
  signPub: string;
  rootFingerprint: string;
  /** For a rekey: the epoch whose key was lost, and the installation the keychain last held. */
  lostEpoch?: number;
  previousInstallation?: string;
}

export interface CheckpointPayload {
  kind: 'checkpoint';
  installation: string;
  epoch: number;
  /** The checkpoint entry's own sequence number. */
  seq: number;
  /** MAC (hex) of the entry before it: everything up to there is fixed by this signature. */
  head: string;
  time: string;
  /** The epoch's HMAC key, published now that nothing more is MACed with it (base64). */
  retiredKey: string;
  nextKeyCommit: string;
  nextSignPub: string;
}

export type Signed<T> = T & { sig: string };

/** The signed payload of a trail's first entry, or of a new key after the old one was lost. */
export function initPayload(
  keys: EpochKeys,
  installation: string,
  reason: InitReason,
  extra: { lostEpoch?: number; previousInstallation?: string } = {},
): Signed<InitPayload> {
  const payload: InitPayload = {
    kind: 'init',
    format: 1,
    installation,
    reason,
    epoch: keys.epoch,
    keyCommit: keyCommit(keys.macKey),
    signPub: keys.signPub,
    rootFingerprint: fingerprint(keys.signPub),
    ...extra,
  };
  return { ...payload, sig: signPayload(keys, payload as unknown as Record<string, unknown>) };
}

/** The signed payload of the checkpoint that closes `current` and names the `next` epoch's keys. */
export function checkpointPayload(
  current: EpochKeys,
  next: EpochKeys,
  place: { installation: string; seq: number; head: Buffer; time: number },
): Signed<CheckpointPayload> {
  const payload: CheckpointPayload = {
    kind: 'checkpoint',
    installation: place.installation,
    epoch: current.epoch,
    seq: place.seq,
    head: place.head.toString('hex'),
    time: new Date(place.time).toISOString(),
    retiredKey: current.macKey.toString('base64'),
    nextKeyCommit: keyCommit(next.macKey),
    nextSignPub: next.signPub,
  };
  return { ...payload, sig: signPayload(current, payload as unknown as Record<string, unknown>) };
}
