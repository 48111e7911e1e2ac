/**
 * kill -9 of a process in the middle of a burst of appends: every entry it reported committed is in the
 * database, and the whole chain still verifies (including a checkpoint the kill may have interrupted).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { keychainSealStore } from '../../../main/services/audit/keys.js';
import { openTrail } from '../../../main/services/audit/trail.js';
import { verifyDatabase } from '../../../main/services/audit/verify-db.js';
import { systemClock } from '../../../main/services/clock.js';
import { openDatabase } from '../../../main/services/db/database.js';
import { createKeytarStore } from '../../../main/services/keytar-store.js';
import { tempDir } from '../../helpers/temp.js';

const folder = tempDir('mfa-kill-');
afterEach(() => folder.cleanup());

describe('kill -9 during a burst of appends', () => {
  it('loses no committed entry and the chain still verifies', async () => {
    const service = `MFA Approver kill test ${randomUUID()}`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/audit-writer.ts', folder.dir, service], { stdio: ['ignore', 'pipe', 'pipe'] });
    const committed: number[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`writer too slow: ${committed.length} commits\n${stderr}`)), 15_000);
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) if (line.startsWith('C ')) committed.push(Number(line.slice(2)));
        if (committed.length >= 400) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.once('exit', (code) => code !== null && reject(new Error(`writer exited ${code}: ${stderr}`)));
    });
    await new Promise((resolve) => child.once('exit', resolve));

    const db = openDatabase(folder.dir);
    const seals = keychainSealStore(createKeytarStore(service));
    const present = new Set(db.prepare<[], { seq: number }>('SELECT seq FROM audit_log').all().map((r) => r.seq));
    expect(committed.filter((seq) => !present.has(seq))).toEqual([]);
    // The next start repairs an interrupted checkpoint (if the kill hit one) and carries on.
    const trail = await openTrail({ db, seals, clock: systemClock, source: { operator: 'x', appVersion: '0', deviceId: 'd' } });
    const result = await verifyDatabase(db, { context: () => ({ openKey: trail.openEpoch(), writerHeadSeq: trail.head().seq }) });
    expect(result.problems).toEqual([]);
    expect(result.entries).toBeGreaterThanOrEqual(Math.max(...committed));
    expect(result.lastCheckpoint).not.toBeNull();
    await trail.close();
    db.close();
  });
});
