// Starts the desktop app for development (`npm run desktop` builds dist/ first, then runs this).
//  1. checks that dist/ holds the built main, preload and renderer;
//  2. finds the Electron binary, downloading it once if missing (node_modules/electron/install.js);
//  3. makes sure the native modules (better-sqlite3, keytar) are built for Electron, not Node;
//  4. runs Electron on this folder (package.json "main" = dist/main/main.cjs).
// Every child process is spawned with an argument array, never a shell string.
// Usage: node scripts/desktop.mjs [--rebuild]   (--rebuild forces the native rebuild)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronDir = path.join(root, 'node_modules', 'electron');

function fail(lines) {
  console.error(['', ...lines.map((line) => `desktop: ${line}`), ''].join('\n'));
  process.exit(1);
}

// 1. Built output.
const built = ['dist/main/main.cjs', 'dist/preload/preload.cjs', 'dist/renderer/index.html'];
const missing = built.filter((file) => !fs.existsSync(path.join(root, file)));
if (missing.length > 0) fail([`the app is not built (missing ${missing.join(', ')}).`, 'Run `npm run desktop` (it builds first) or `npm run build`.']);

// 2. Electron binary. Mirrors node_modules/electron/index.js without its implicit download.
function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron');
    return fs.existsSync(candidate) ? candidate : null;
  }
  if (!relative) return null;
  const candidate = path.join(electronDir, 'dist', relative);
  return fs.existsSync(candidate) ? candidate : null;
}

let electron = electronBinary();
if (!electron) {
  console.log('desktop: the Electron runtime is not downloaded yet; fetching it (node_modules/electron/install.js)…');
  const install = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    cwd: root,
    stdio: 'inherit',
    timeout: 15 * 60 * 1000,
  });
  electron = install.status === 0 ? electronBinary() : null;
  if (!electron) {
    const why = install.error ? install.error.message : `install.js exited with ${install.status ?? install.signal}`;
    fail([
      `could not download the Electron ${readVersion()} runtime (${why}).`,
      'The npm package only contains a downloader; the binary comes from the Electron release server',
      '(github.com/electron/electron/releases), which this machine may not be able to reach.',
      'Options:',
      '  - ELECTRON_MIRROR=<url of a reachable mirror ending in />  npm run desktop',
      '      (e.g. your company artifact proxy of the Electron releases)',
      '  - ELECTRON_OVERRIDE_DIST_PATH=<folder with an unpacked Electron of the same version>  npm run desktop',
      '  - npm run demo   — the same app in the browser shell, no Electron needed',
    ]);
  }
}

// 3. Native modules. npm builds them for Node; Electron has its own ABI. better-sqlite3 is ABI-specific
// (keytar is N-API), so if it loads in plain Node it is not built for Electron yet.
function builtForNode() {
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
    cwd: root,
    stdio: 'ignore',
  });
  return probe.status === 0;
}

if (process.argv.includes('--rebuild') || builtForNode()) {
  console.log('desktop: rebuilding native modules (better-sqlite3, keytar) for Electron: electron-builder install-app-deps');
  console.log('desktop: (the test suite rebuilds them for Node on its next run: scripts/ensure-native.mjs)');
  const cli = path.join(path.dirname(require.resolve('electron-builder/package.json')), 'cli.js');
  const rebuild = spawnSync(process.execPath, [cli, 'install-app-deps'], { cwd: root, stdio: 'inherit' });
  if (rebuild.status !== 0) {
    fail([
      'rebuilding the native modules for Electron failed.',
      'It needs either prebuilt binaries (downloaded from GitHub releases) or a C++ toolchain with Python',
      'plus the Electron headers (downloaded from the Electron server; ELECTRON_MIRROR applies here too).',
      'Alternative without Electron: npm run demo',
    ]);
  }
}

// 4. Run. ELECTRON_RUN_AS_NODE would turn the binary into plain Node (the fuse is only off when packaged).
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electron, [root], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => fail([`could not start Electron: ${error.message}`]));
child.on('exit', (code, signal) => {
  if (code !== 0 && process.platform === 'linux') {
    console.error(
      'desktop: if Electron reported a sandbox error, enable unprivileged user namespaces or set the SUID bit on\n' +
        `desktop: ${path.join(path.dirname(electron), 'chrome-sandbox')} (chown root, chmod 4755). Never run with --no-sandbox.`,
    );
  }
  process.exit(code ?? (signal ? 1 : 0));
});

function readVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
  } catch {
    return '';
  }
}
