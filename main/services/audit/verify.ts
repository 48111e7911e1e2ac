/**
 * The verifier: fed entries in sequence order (from the database or an export file), it checks every MAC
 * against its own epoch's key, the chain, that no sequence number is missing, that key epochs follow each
 * other only through signed checkpoints (each epoch's key committed by the checkpoint before it — the lesson
 * of systemd's CVE-2023-31439), the signatures, and the clocks. It names the first bad entry.
 *
 * Entries of an epoch are held until the checkpoint that publishes the epoch's key arrives (at most
 * `maxEpochEntries` of them); the open epoch at the end is checked with the current key when the caller
 * has it (the running app), or reported as not checked (an auditor without the keychain).
 */
import type { IntegrityProblem, VerifyReport } from '../../../contract/audit.js';
import type { CheckpointPayload, InitPayload, Signed } from './checkpoint.js';
import { col, macOf, sameMac, ZERO_MAC, type RowValues } from './entry.js';
import { keyCommit, verifyPayload } from './keys.js';
import type { ParallelMacs } from './verify-parallel.js';

export interface AnchorRecord {
  seq: number;
  mac: Buffer;
  data: string;
}

export interface VerifyOptions {
  /** Signed init and checkpoint payloads kept apart from the entries (needed when old entries were pruned). */
  anchors?: AnchorRecord[];
  maxEpochEntries?: number;
  /** Called for each entry whose MAC and chain verify (push limits count only these). */
  onVerified?: (values: RowValues) => void;
  /**
   * MAC results computed ahead by worker threads (verify-parallel.ts). Used only for epochs whose key the
   * verifier proves to be the one the workers used; entries are then pushed with only the columns the
   * structural checks need, and `fullRow` reads an entry whole when it must be checked here after all.
   */
  precomputed?: ParallelMacs;
  fullRow?: (seq: number) => RowValues | null;
}

export interface FinishContext {
  /** The open epoch's key (from the keychain); absent for an export or a verifier without the keychain. */
  openKey?: { epoch: number; macKey: Buffer } | null;
  /** The last sequence number the writer knows it committed (detects truncation while running). */
  writerHeadSeq?: number;
  /**
   * Checkpoints seen elsewhere (a SIEM, an earlier export): each must be in the trail, with the same head.
   * This is what catches a trail cut back, or rewritten from scratch, by someone who also holds the keychain.
   */
  knownCheckpoints?: { seq: number; head: string }[];
}

export interface VerifyResult extends VerifyReport {
  /** Problems that an administrator has not acknowledged (the trail is broken while any remain). */
  unacknowledged: IntegrityProblem[];
}

interface Held {
  values: RowValues;
  mac: Buffer;
  prev: Buffer | null;
}

interface Ack {
  headSeq: number;
  problems: IntegrityProblem[];
  more: number;
}

/** Column positions, looked up once (the verifier runs per entry, a million times). */
const C_ACTION = col('action');
const C_DATA = col('data');
const C_EPOCH = col('epoch');
const C_EVENT = col('event');
const C_INSTANCE = col('instance');
const C_MONO = col('mono');
const C_OUTCOME = col('outcome');
const C_SEQ = col('seq');
const C_TS = col('ts');

const seqOf = (values: RowValues): number => values[C_SEQ] as number;
const hex = (buffer: Buffer): string => buffer.toString('hex');

function parseData<T>(values: RowValues): T | null {
  const text = values[C_DATA];
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

export interface Verifier {
  push(values: RowValues, mac: Buffer): void;
  finish(context?: FinishContext): VerifyResult;
  /** Entries seen so far. */
  count(): number;
}

/** Creates a verifier for one pass over a trail. */
export function createVerifier(options: VerifyOptions = {}): Verifier {
  const maxEpochEntries = options.maxEpochEntries ?? 100_000;
  const anchors = new Map((options.anchors ?? []).map((a) => [a.seq, a]));
  const problems: IntegrityProblem[] = [];
  const warnings: IntegrityProblem[] = [];
  const acks: Ack[] = [];
  const lastMono = new Map<string, number>();
  let expectSeq: number | null = null;
  let firstSeq: number | null = null;
  let lastSeq: number | null = null;
  let prevMac: Buffer | null = null;
  let prevTs: number | null = null;
  let epoch: number | null = null;
  let commit: string | null = null;
  let signPub: string | null = null;
  let held: Held[] = [];
  let overflow = false;
  let count = 0;
  let rootFingerprint: string | null = null;
  let lastCheckpoint: { seq: number; time: string } | null = null;
  let pruneFloor: { through: number; anchorMac: Buffer } | null = null;
  let pruneRecorded = false;
  const checkpointHeads = new Map<number, string>();

  const problem = (seq: number, text: string): void => void problems.push({ seq, problem: text });

  const pre = options.precomputed;
  // Whether the workers' answer for this entry can stand: checked by them, with the key proven here.
  const workersChecked = (seq: number, values: RowValues, keyHex: string): boolean =>
    pre !== undefined &&
    seq <= pre.through &&
    !pre.unchecked.has(seq) &&
    !pre.noKey.has(seq) &&
    pre.keys.get(values[C_EPOCH] as number) === keyHex;

  const macMatches = (key: Buffer, keyHex: string, entry: Held): boolean => {
    const seq = seqOf(entry.values);
    if (workersChecked(seq, entry.values, keyHex)) return !pre!.bad.has(seq);
    const full = pre ? (options.fullRow?.(seq) ?? null) : entry.values;
    return full !== null && sameMac(macOf(key, entry.prev!, full), entry.mac);
  };

  const checkHeld = (key: Buffer): void => {
    const keyHex = key.toString('hex');
    for (const entry of held) {
      const seq = seqOf(entry.values);
      if (entry.prev === null) {
        problem(seq, `Entry ${seq} follows missing entries, so its link to the chain cannot be checked.`);
      } else if (!macMatches(key, keyHex, entry)) {
        problem(seq, `Entry ${seq} was changed after it was written (its MAC does not match).`);
      } else {
        options.onVerified?.(entry.values);
      }
    }
    held = [];
    overflow = false;
  };

  const unverifiable = (why: string): void => {
    if (held.length === 0) return;
    const from = seqOf(held[0]!.values);
    const to = seqOf(held[held.length - 1]!.values);
    problem(from, `Entries ${from}–${to} cannot be verified: ${why}`);
    held = [];
  };

  // Follows the signature chain of anchors up to `seq` (pruned trails): each checkpoint signed by the key
  // the one before it named, starting from the first init.
  const trustAnchor = (seq: number): Signed<CheckpointPayload> | null => {
    const sorted = [...anchors.values()].filter((a) => a.seq <= seq).sort((a, b) => a.seq - b.seq);
    let pub: string | null = null;
    let last: Signed<CheckpointPayload> | null = null;
    for (const anchor of sorted) {
      const data = JSON.parse(anchor.data) as Signed<InitPayload> | Signed<CheckpointPayload>;
      const { sig, ...payload } = data;
      if (data.kind === 'init') {
        if (!verifyPayload(data.signPub, payload, sig)) return null;
        rootFingerprint ??= data.rootFingerprint;
        pub = data.signPub;
      } else {
        if (!pub || !verifyPayload(pub, payload, sig)) return null;
        pub = data.nextSignPub;
        last = data;
      }
    }
    return last && last.seq === seq ? last : null;
  };

  const startAt = (seq: number): void => {
    firstSeq = seq;
    if (seq === 1) {
      prevMac = ZERO_MAC;
      return;
    }
    const anchor = anchors.get(seq - 1);
    const trusted = anchor ? trustAnchor(seq - 1) : null;
    if (!anchor || !trusted) {
      problem(1, `Entries 1–${seq - 1} are missing and no signed checkpoint anchors entry ${seq}.`);
      prevMac = null;
      return;
    }
    prevMac = anchor.mac;
    epoch = trusted.epoch + 1;
    commit = trusted.nextKeyCommit;
    signPub = trusted.nextSignPub;
    lastCheckpoint = { seq: trusted.seq, time: trusted.time };
    pruneFloor = { through: seq - 1, anchorMac: anchor.mac };
  };

  const onInit = (seq: number, values: RowValues): void => {
    const data = parseData<Signed<InitPayload>>(values);
    if (!data || data.kind !== 'init') return problem(seq, `Entry ${seq} claims to start a key but carries no readable key record.`);
    const { sig, ...payload } = data;
    if (!verifyPayload(data.signPub, payload, sig)) problem(seq, `Entry ${seq}: the new key's self-signature does not verify.`);
    if (data.epoch !== values[C_EPOCH]) problem(seq, `Entry ${seq} is in key epoch ${String(values[C_EPOCH])}, not the epoch its key record names.`);
    // Why a key change is never silent: whoever holds the database could otherwise start a fresh chain anywhere.
    if (seq !== firstSeq) unverifiable(`their key was lost (a new key starts at entry ${seq}).`);
    if (data.reason === 'rekey' && seq !== firstSeq) {
      warnings.push({ seq, problem: `Entry ${seq}: a new key starts here (the keychain no longer held the previous one).` });
    }
    if (data.reason === 'earlier-trail-missing') {
      problem(seq, 'The keychain held the keys of an earlier audit trail whose entries are gone: that audit database was removed or replaced.');
    } else if (data.reason === 'rekey' && seq === firstSeq) {
      problem(seq, `The trail starts with a key change at entry ${seq}; the entries before it are missing.`);
    }
    if (seq === firstSeq || rootFingerprint === null) rootFingerprint = data.rootFingerprint;
    epoch = data.epoch;
    commit = data.keyCommit;
    signPub = data.signPub;
  };

  const onCheckpoint = (seq: number, values: RowValues, prev: Buffer | null): void => {
    const data = parseData<Signed<CheckpointPayload>>(values);
    if (!data || data.kind !== 'checkpoint') return problem(seq, `Checkpoint ${seq} cannot be read.`);
    const { sig, ...payload } = data;
    if (!signPub || !verifyPayload(signPub, payload, sig)) problem(seq, `Checkpoint ${seq}: the signature does not verify with the key its epoch was given.`);
    if (data.epoch !== epoch || data.seq !== seq) problem(seq, `Checkpoint ${seq} names another epoch or position (${data.epoch}/${data.seq}).`);
    if (prev && data.head !== hex(prev)) problem(seq, `Checkpoint ${seq} does not seal the entries before it (head MAC differs).`);
    const retired = Buffer.from(data.retiredKey, 'base64');
    if (commit === null || keyCommit(retired) !== commit) {
      problem(seq, `Checkpoint ${seq} publishes a key that is not the one its epoch was committed to.`);
      unverifiable('the key published for their epoch is not the committed one.');
    } else if (overflow) {
      held = [];
      overflow = false;
    } else {
      checkHeld(retired);
    }
    lastCheckpoint = { seq, time: data.time };
    checkpointHeads.set(seq, data.head);
    epoch = data.epoch + 1;
    commit = data.nextKeyCommit;
    signPub = data.nextSignPub;
  };

  const onMarkers = (seq: number, values: RowValues): void => {
    const action = values[C_ACTION];
    if (action === 'audit.prune' && values[C_OUTCOME] === 'started') {
      const data = parseData<{ through?: number; anchorMac?: string }>(values);
      if (pruneFloor && data?.through === pruneFloor.through) {
        pruneRecorded = true;
        if (data.anchorMac !== hex(pruneFloor.anchorMac)) problem(seq, `Pruning entry ${seq} names another anchor than the one kept.`);
      }
    }
    if (action === 'audit.acknowledge') {
      const data = parseData<{ headSeq?: number; problems?: IntegrityProblem[]; more?: number }>(values);
      if (data && typeof data.headSeq === 'number') acks.push({ headSeq: data.headSeq, problems: data.problems ?? [], more: data.more ?? 0 });
    }
  };

  const onClock = (seq: number, values: RowValues): void => {
    const instance = values[C_INSTANCE] as string;
    const mono = values[C_MONO] as number;
    const ts = values[C_TS] as number;
    const previous = lastMono.get(instance);
    if (previous !== undefined && mono < previous) {
      warnings.push({ seq, problem: `Entry ${seq}: the monotonic clock of the writing process went backwards.` });
    }
    lastMono.set(instance, mono);
    if (prevTs !== null && ts < prevTs - 1000) {
      warnings.push({ seq, problem: `Entry ${seq}: the wall clock stepped back ${Math.round((prevTs - ts) / 1000)} s.` });
    }
    prevTs = ts;
  };

  return {
    count: () => count,
    push(values, mac) {
      count += 1;
      const seq = seqOf(values);
      if (expectSeq === null) {
        startAt(seq);
        if (seq === 1 && values[C_EVENT] !== 'sys_audit_init') problem(1, 'The trail does not start with its signed key record.');
      }
      else if (seq < expectSeq) return problem(seq, `Entry ${seq} appears again or out of order after entry ${expectSeq - 1}.`);
      else if (seq > expectSeq) {
        problem(expectSeq, expectSeq === seq - 1 ? `Entry ${expectSeq} is missing.` : `Entries ${expectSeq}–${seq - 1} are missing.`);
        prevMac = null;
      }
      const prev = prevMac;
      const event = values[C_EVENT];
      if (event === 'sys_audit_init') onInit(seq, values);
      else if (epoch !== null && values[C_EPOCH] !== epoch) {
        problem(seq, `Entry ${seq} is in key epoch ${String(values[C_EPOCH])}, but epoch ${epoch} was expected.`);
      }
      if (held.length >= maxEpochEntries) {
        if (!overflow) problem(seqOf(held[0]!.values), `Key epoch ${String(epoch)} runs past ${maxEpochEntries} entries without a checkpoint.`);
        overflow = true;
      } else {
        held.push({ values, mac, prev });
      }
      if (event === 'sys_audit_checkpoint') onCheckpoint(seq, values, prev);
      onMarkers(seq, values);
      onClock(seq, values);
      prevMac = mac;
      expectSeq = seq + 1;
      lastSeq = seq;
    },
    finish(context = {}) {
      if (held.length > 0) {
        const key = context.openKey;
        if (!key) {
          warnings.push({ seq: seqOf(held[0]!.values), problem: `The last ${held.length} entries (the open key epoch) were not checked: their key is in the app's keychain.` });
          held = [];
        } else if (key.epoch !== epoch || keyCommit(key.macKey) !== commit) {
          unverifiable(`the current key (epoch ${key.epoch}) is not the one their epoch ${String(epoch)} was committed to.`);
        } else {
          checkHeld(key.macKey);
        }
      } else if (context.openKey && epoch !== null && context.openKey.epoch > epoch) {
        problem((lastSeq ?? 0) + 1, `The log ends in key epoch ${epoch}, but the key has moved on to epoch ${context.openKey.epoch}: entries at the end were removed.`);
      }
      if (context.writerHeadSeq !== undefined && context.writerHeadSeq > (lastSeq ?? 0)) {
        problem((lastSeq ?? 0) + 1, `Entries ${(lastSeq ?? 0) + 1}–${context.writerHeadSeq} were written but are no longer in the database.`);
      }
      for (const known of context.knownCheckpoints ?? []) {
        const head = checkpointHeads.get(known.seq);
        if (head === known.head.toLowerCase()) continue;
        if (known.seq > (lastSeq ?? 0)) problem((lastSeq ?? 0) + 1, `Checkpoint ${known.seq} was seen elsewhere, but the log ends at entry ${lastSeq ?? 0}: entries were removed from the end.`);
        else if (known.seq >= (firstSeq ?? 1)) problem(known.seq, `Checkpoint ${known.seq} seen elsewhere is not in this log as it was: the log was rewritten.`);
      }
      if (pruneFloor && !pruneRecorded) problem(firstSeq ?? 1, `Entries 1–${pruneFloor.through} are gone, but no pruning of them is recorded.`);
      const sorted = [...problems].sort((a, b) => a.seq - b.seq);
      const unacknowledged = sorted.filter((p) => !acks.some((ack) => covers(ack, p)));
      return {
        ok: sorted.length === 0,
        entries: count,
        firstSeq,
        lastSeq,
        firstBad: sorted[0] ?? null,
        problems: sorted,
        warnings,
        rootFingerprint,
        lastCheckpoint,
        unacknowledged,
      };
    },
  };
}

function covers(ack: Ack, p: IntegrityProblem): boolean {
  if (ack.problems.some((q) => q.seq === p.seq && q.problem === p.problem)) return true;
  return ack.more > 0 && p.seq <= ack.headSeq;
}
