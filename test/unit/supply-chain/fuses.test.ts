/**
 * The fuse read-back (scripts/check-fuses.mjs) with the real @electron/fuses reader, on a file laid out as
 * Electron lays out its fuse wire (sentinel, version, length, one byte per fuse). The packaged binary itself
 * is checked after `npm run dist`, and in `npm test` wherever the Electron runtime exists.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp.js';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = 0x31;
const OFF = 0x30;
const INHERIT = 0x90;
const folder = tempDir('mfa-fuses-');
afterAll(() => folder.cleanup());

/** A Linux unpacked build whose binary carries `wire` (fuse bytes in @electron/fuses order). */
function unpackedBuild(name: string, wire: number[]): string {
  const dir = path.join(folder.dir, name, 'linux-unpacked');
  fs.mkdirSync(dir, { recursive: true });
  const bytes = Buffer.concat([Buffer.alloc(4096, 0x7f), Buffer.from(SENTINEL), Buffer.from([1, wire.length, ...wire]), Buffer.alloc(4096, 0x7f)]);
  fs.writeFileSync(path.join(dir, 'mfa-approver'), bytes);
  return path.join(folder.dir, name);
}

const check = (release: string) => spawnSync(process.execPath, ['scripts/check-fuses.mjs', release, '--require'], { encoding: 'utf8' });

// In @electron/fuses order: runAsNode, cookie encryption, NODE_OPTIONS, inspect arguments, asar integrity,
// only load from asar, browser V8 snapshot, file protocol privileges, wasm trap handlers.
const asConfigured = [OFF, ON, OFF, OFF, ON, ON, INHERIT, OFF, INHERIT];

describe('fuse read-back', () => {
  it('passes a binary whose fuses are as electron-builder.yml sets them', () => {
    const run = check(unpackedBuild('good', asConfigured));
    expect(run.stdout).toMatch(/linux-unpacked\/mfa-approver: all 7 as configured/);
    expect(run.status).toBe(0);
  });

  it('fails a binary where a fuse was left on, naming it', () => {
    const wire = [...asConfigured];
    wire[0] = ON;
    wire[2] = INHERIT;
    const run = check(unpackedBuild('bad', wire));
    expect(run.stdout).toContain('runAsNode: expected off, found on');
    expect(run.stdout).toContain('enableNodeOptionsEnvironmentVariable: expected off, found missing from this Electron');
    expect(run.status).toBe(1);
  });

  it('says why it is skipped where nothing is packaged, and fails when a build was required', () => {
    const skipped = spawnSync(process.execPath, ['scripts/check-fuses.mjs', path.join(folder.dir, 'none')], { encoding: 'utf8' });
    expect(skipped.stdout).toMatch(/^fuses: skipped, no packaged app in .*\(.+\)/);
    expect(skipped.status).toBe(0);
    expect(check(path.join(folder.dir, 'none')).status).toBe(1);
  });
});
