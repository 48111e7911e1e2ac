import { defineConfig } from '@playwright/test';

/** Debian's Chromium, never a downloaded browser; flags keep it off the (closed) network. */
export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  reporter: [['list']],
  projects: [
    {
      name: 'shell',
      testDir: 'test/e2e',
      use: { browserName: 'chromium', headless: true, launchOptions: chromiumLaunch, viewport: { width: 1280, height: 860 } },
    },
    { name: 'electron', testDir: 'test/electron' },
  ],
});
