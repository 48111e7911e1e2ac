// Builds everything into dist/: Electron main + preload (CJS, native modules external), the browser shell
// and its bridge, and the renderer (Vite). Usage: node scripts/build.mjs [--no-renderer]
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const external = ['electron', 'keytar', 'better-sqlite3'];
// import.meta.url does not exist in CommonJS output; services use it for createRequire, so define it.
const node = {
  bundle: true, platform: 'node', target: 'node22', format: 'cjs', external, sourcemap: 'linked', logLevel: 'warning', legalComments: 'none',
  define: { 'import.meta.url': '__import_meta_url' },
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
};

const started = Date.now();
await Promise.all([
  esbuild({ ...node, entryPoints: [path.join(root, 'main/electron/main.ts')], outfile: path.join(root, 'dist/main/main.cjs') }),
  // Sandboxed preloads cannot require local files: one self-contained file, only `electron` external.
  esbuild({ ...node, external: ['electron'], entryPoints: [path.join(root, 'preload/preload.ts')], outfile: path.join(root, 'dist/preload/preload.cjs') }),
  esbuild({ ...node, entryPoints: [path.join(root, 'shell/main.ts')], outfile: path.join(root, 'dist/shell/shell.cjs') }),
  esbuild({ ...node, entryPoints: [path.join(root, 'cli/main.ts')], outfile: path.join(root, 'dist/cli/cli.cjs') }),
  esbuild({ bundle: true, platform: 'browser', target: 'chrome120', format: 'iife', entryPoints: [path.join(root, 'shell/bridge.ts')], outfile: path.join(root, 'dist/shell/bridge.js'), logLevel: 'warning', minify: true }),
]);
if (!process.argv.includes('--no-renderer')) {
  await viteBuild({ configFile: path.join(root, 'vite.config.mts'), logLevel: 'warn' });
}
fs.writeFileSync(path.join(root, 'dist/build-info.json'), JSON.stringify({ builtAt: new Date().toISOString() }) + '\n');
console.log(`build: done in ${Date.now() - started} ms`);
