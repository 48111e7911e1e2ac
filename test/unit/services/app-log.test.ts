/**
 * The app log file: JSON lines in <data folder>/logs, redacted like before, rotated by size with a fixed
 * number of older files, so it never grows without bound.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger } from '../../../main/services/app-log.js';
import { tempDir } from '../../helpers/temp.js';

const folder = tempDir('mfa-applog-');
afterEach(() => folder.cleanup());

describe('app log file', () => {
  it('writes redacted JSON lines and rotates by size, keeping a fixed number of files', async () => {
    const logger = createFileLogger(folder.dir, { size: '4K', keep: 2 });
    for (let i = 0; i < 200; i += 1) {
      logger.log('info', 'tick', { i, note: 'x'.repeat(60), password: 'hunter2', authorization: 'Bearer abc' });
      if (i % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await logger.close();
    const files = fs.readdirSync(logger.folder).filter((f) => f.startsWith('app.log')).sort();
    expect(files).toEqual(['app.log', 'app.log.1', 'app.log.2']);
    let total = 0;
    for (const file of files) {
      const text = fs.readFileSync(path.join(logger.folder, file), 'utf8');
      total += text.length;
      expect(text).not.toMatch(/hunter2|Bearer abc/);
      for (const line of text.trim().split('\n').filter(Boolean)) {
        expect(JSON.parse(line)).toMatchObject({ level: 'info', event: 'tick', password: '[redacted]', authorization: '[redacted]' });
      }
    }
    expect(total).toBeLessThan(3 * 4096 + 2048);
  });
});
