/**
 * A data folder on a small tmpfs that a test can fill to the last byte (a real "disk full": SQLite then
 * fails with SQLITE_FULL) and free again. Mounting needs root (as on CI and the dev machines here); where
 * it is not allowed, the same write failure is produced by SQLite's query_only switch and the test says so.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './temp.js';

export interface FullDisk {
  dir: string;
  /** True when `dir` is a real small filesystem; false when the stand-in is used. */
  real: boolean;
  /** Fills the filesystem (or switches the connection to read-only). */
  fill(db: { pragma(source: string): unknown }): void;
  free(db: { pragma(source: string): unknown }): void;
  cleanup(): void;
}

export function fullDisk(sizeMb = 24): FullDisk {
  const folder = tempDir('mfa-fulldisk-');
  let real = false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0700`, 'tmpfs', folder.dir], { stdio: 'ignore' });
    real = true;
  } catch {
    real = false;
  }
  const filler = path.join(folder.dir, 'filler.bin');
  return {
    dir: folder.dir,
    real,
    fill(db) {
      if (!real) return void db.pragma('query_only = ON');
      const fd = fs.openSync(filler, 'w');
      const chunk = Buffer.alloc(64 * 1024, 1);
      try {
        for (let i = 0; i < (sizeMb * 1024) / 64 + 16; i += 1) fs.writeSync(fd, chunk);
      } catch {
        // ENOSPC: the disk is full, which is the point; fill the last partial chunk too.
        for (let size = 32 * 1024; size >= 512; size /= 2) {
          try {
            for (;;) fs.writeSync(fd, chunk.subarray(0, size));
          } catch {
            continue;
          }
        }
      } finally {
        fs.closeSync(fd);
      }
    },
    free(db) {
      if (!real) return void db.pragma('query_only = OFF');
      fs.rmSync(filler, { force: true });
    },
    cleanup() {
      if (real) {
        try {
          execFileSync('umount', ['-l', folder.dir], { stdio: 'ignore' });
        } catch {
          // Already unmounted.
        }
      }
      folder.cleanup();
    },
  };
}
