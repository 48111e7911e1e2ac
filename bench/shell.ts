/**
 * Foundation figures: browser-shell cold start to interactive, IPC round trip over the bridge, and the
 * initial renderer JavaScript size (gzip).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunch } from '../playwright.config.js';
import { tempDir } from '../test/helpers/temp.js';
import { percentile, round, type Figure } from './stats.js';

/** Starts the shell and resolves with its URL once it prints the ready line. */
function startShell(dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['dist/shell/shell.cjs'], {
    env: { ...process.env, MFA_DATA_DIR: dataDir, MFA_KEYCHAIN_SERVICE: `MFA Approver bench ${randomUUID()}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`shell did not start:\n${output}`)), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /MFA_SHELL_READY (\{.*\})/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({
          url: (JSON.parse(match[1]) as { url: string }).url,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
}

async function coldStart(browser: Browser, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const data = tempDir('mfa-bench-');
    const page = await browser.newPage();
    const started = performance.now();
    const shell = await startShell(data.dir);
    await page.goto(shell.url);
    // Interactive: the verify form is rendered with the sandbox profile loaded and the inputs enabled.
    await page.getByLabel('Target account').waitFor({ state: 'visible', timeout: 20_000 });
    await page.getByLabel('Profile').locator('option').first().waitFor({ state: 'attached', timeout: 20_000 });
    times.push(performance.now() - started);
    await page.close();
    await shell.stop();
    data.cleanup();
  }
  return times;
}

async function roundTrips(browser: Browser, count: number): Promise<number[]> {
  const data = tempDir('mfa-bench-');
  const shell = await startShell(data.dir);
  const page = await browser.newPage();
  await page.goto(shell.url);
  await page.getByLabel('Target account').waitFor({ state: 'visible' });
  const samples = await page.evaluate(async (n) => {
    const out: number[] = [];
    for (let i = 0; i < n; i += 1) {
      const t = performance.now();
      const result = await window.mfa.verify.list();
      if (!result.ok) throw new Error(result.message);
      out.push(performance.now() - t);
    }
    return out;
  }, count);
  await page.close();
  await shell.stop();
  data.cleanup();
  return samples;
}

/** Gzip size of the scripts and styles index.html loads before first paint. */
export function initialJsGzip(rendererDir: string): { js: number; css: number } {
  const html = fs.readFileSync(path.join(rendererDir, 'index.html'), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\.?\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? '');
  let js = 0;
  let css = 0;
  for (const asset of assets) {
    const size = zlib.gzipSync(fs.readFileSync(path.join(rendererDir, asset)), { level: 9 }).length;
    if (asset.endsWith('.js')) js += size;
    else css += size;
  }
  return { js, css };
}

export async function benchShell(): Promise<Figure[]> {
  const browser = await chromium.launch({ ...chromiumLaunch, headless: true });
  try {
    await coldStart(browser, 1); // warm the OS file cache once; not counted
    const cold = await coldStart(browser, 5);
    const rtt = await roundTrips(browser, 1000);
    const size = initialJsGzip('dist/renderer');
    return [
      {
        name: 'Browser-shell cold start to interactive (median of 5)',
        value: `${round(percentile(cold, 50), 0)} ms (min ${round(Math.min(...cold), 0)}, max ${round(Math.max(...cold), 0)})`,
        target: '≤ 1500 ms',
        met: percentile(cold, 50) <= 1500,
        note: 'From spawning the shell process to the Verify form showing the sandbox profile; Chromium already running.',
      },
      {
        name: 'IPC round trip over the bridge (verify.list, 1000 calls)',
        value: `p50 ${round(percentile(rtt, 50))} ms, p99 ${round(percentile(rtt, 99))} ms`,
        target: null,
        met: null,
      },
      {
        name: 'Initial renderer JS (gzip)',
        value: `${round(size.js / 1024, 1)} KB (+ ${round(size.css / 1024, 1)} KB CSS)`,
        target: '≤ 250 KB',
        met: size.js <= 250 * 1024,
      },
    ];
  } finally {
    await browser.close();
  }
}
