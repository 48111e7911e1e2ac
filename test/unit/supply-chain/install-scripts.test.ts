/**
 * npm runs only the install scripts we approved: strict enforcement is on, and allowScripts lists exactly
 * the installed packages that have install scripts, each approved or denied on purpose.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { allowScripts: Record<string, boolean> };
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };

describe('install-script policy', () => {
  it('is enforced strictly: an unreviewed install script fails the install', () => {
    const npmrc = fs.readFileSync('.npmrc', 'utf8').split(/\r?\n/);
    expect(npmrc).toContain('strict-allow-scripts=true');
  });

  it('lists exactly the packages with install scripts, approving only the native builds and esbuild', () => {
    const withScripts = new Set(
      Object.entries(lock.packages)
        .filter(([, entry]) => entry.hasInstallScript)
        .map(([where]) => where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length)),
    );
    expect(Object.keys(pkg.allowScripts).sort()).toEqual([...withScripts].sort());
    expect(pkg.allowScripts).toEqual({
      'better-sqlite3': true,
      keytar: true,
      esbuild: true,
      'electron-winstaller': false,
      'es5-ext': false,
    });
  });

  it('npm itself finds nothing unreviewed in the installed tree', () => {
    const run = spawnSync('npm', ['install-scripts', 'ls'], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stdout).toContain('No packages with unreviewed install scripts.');
  });
});
