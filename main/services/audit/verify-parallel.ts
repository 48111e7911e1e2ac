/**
 * The MAC half of a full check, spread over worker threads: each worker opens the database read-only,
 * takes a range of sequence numbers, rebuilds every entry's MAC input and checks it with the key its epoch
 * had. It answers only the entries that fail. The verifier (verify.ts) still decides everything else, and
 * trusts these answers only for epochs whose key it has itself proven (committed and signed); for any other
 * epoch it computes the MACs again. Why workers: a million HMACs are seconds of CPU, and there are cores.
 *
 * The worker is a self-contained script (plain JavaScript, Node built-ins and better-sqlite3 only), so it
 * runs the same from the Electron bundle, the browser shell and the tests.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { COLUMNS, MAC_DOMAIN_TEXT } from './entry.js';

export interface ParallelMacs {
  /** The key each worker used per epoch (hex), to compare with the key the verifier proves. */
  keys: Map<number, string>;
  /** Entries whose MAC did not match, or whose epoch had no key to check with. */
  bad: Set<number>;
  noKey: Set<number>;
  /** Entries the workers could not link to the one before (a gap, a pruned start): the verifier checks these. */
  unchecked: Set<number>;
  /** The last sequence number the workers covered. */
  through: number;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHmac } = require('node:crypto');
const Database = require(workerData.sqlite);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
const keys = new Map(workerData.keys.map(([epoch, hex]) => [epoch, Buffer.from(hex, 'hex')]));
const domain = Buffer.from(workerData.domain);
const select = db.prepare('SELECT ' + workerData.columns.join(', ') + ', mac FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT 5000').raw(true);
const before = db.prepare('SELECT seq, mac FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT 1').raw(true);
const bad = [];
const noKey = [];
const unchecked = [];
let last = before.get(workerData.from + 1);
let prevSeq = last ? last[0] : 0;
let prevMac = last ? last[1] : Buffer.alloc(32);
if (workerData.from === 0) { prevSeq = 0; prevMac = Buffer.alloc(32); }
let after = workerData.from;
for (;;) {
  const rows = select.all(after, workerData.to);
  if (rows.length === 0) break;
  for (const row of rows) {
    const mac = row.pop();
    const seq = row[0];
    const key = keys.get(row[1]);
    if (!key) noKey.push(seq);
    else if (seq !== prevSeq + 1) unchecked.push(seq);
    else {
      const expected = createHmac('sha256', key).update(domain).update(prevMac).update(JSON.stringify(row)).digest();
      if (!Buffer.isBuffer(mac) || !expected.equals(mac)) bad.push(seq);
    }
    prevSeq = seq;
    prevMac = Buffer.isBuffer(mac) ? mac : Buffer.alloc(0);
  }
  after = rows[rows.length - 1][0];
}
db.close();
parentPort.postMessage({ bad, noKey, unchecked });
`;

/** Checks every entry's MAC in `workers` threads; rejects if a worker cannot run (the caller then checks alone). */
export async function parallelMacs(file: string, keys: Map<number, Buffer>, range: { lo: number; hi: number }, workers: number): Promise<ParallelMacs> {
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  const span = Math.ceil((range.hi - range.lo + 1) / workers);
  const keyList = [...keys].map(([epoch, key]) => [epoch, key.toString('hex')] as const);
  const results = await Promise.all(
    Array.from({ length: workers }, (_, i) => {
      const from = range.lo - 1 + i * span;
      const to = Math.min(range.hi, from + span);
      return new Promise<{ bad: number[]; noKey: number[]; unchecked: number[] }>((resolve, reject) => {
        const worker = new Worker(WORKER_SOURCE, {
          eval: true,
          workerData: { sqlite, file, keys: keyList, domain: MAC_DOMAIN_TEXT, columns: COLUMNS, from, to },
        });
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.once('exit', (code) => code !== 0 && reject(new Error(`verification worker exited with ${code}`)));
      });
    }),
  );
  return {
    keys: new Map(keyList.map(([epoch, hex]) => [epoch, hex])),
    bad: new Set(results.flatMap((r) => r.bad)),
    noKey: new Set(results.flatMap((r) => r.noKey)),
    unchecked: new Set(results.flatMap((r) => r.unchecked)),
    through: range.hi,
  };
}
