// Reads the fuses back from packaged Electron binaries (with @electron/fuses) and compares them with the
// electronFuses block of electron-builder.yml. Run after packaging: `npm run dist` does, and `npm test`
// packages an unpacked build and runs it wherever the Electron runtime exists.
// Usage: node scripts/check-fuses.mjs [folder (default: release)] [--require]
//   --require  fail when no packaged binary is found (after a build); without it, say why it is skipped.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** electron-builder.yml's fuse names, as @electron/fuses numbers them. */
const fuseIndex = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
  wasmTrapHandlers: FuseV1Options.WasmTrapHandlers,
};

/** The electronFuses block of electron-builder.yml, as { name: boolean }. Refuses lines it does not understand. */
export function expectedFuses(yamlText) {
  const lines = yamlText.split(/\r?\n/);
  const start = lines.findIndex((line) => /^electronFuses:\s*$/.test(line));
  if (start < 0) throw new Error('electron-builder.yml has no electronFuses block');
  const fuses = {};
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const match = /^\s+(\w+):\s*(true|false)\s*(#.*)?$/.exec(line);
    if (!match || !(match[1] in fuseIndex)) throw new Error(`electronFuses: cannot read "${line.trim()}"`);
    fuses[match[1]] = match[2] === 'true';
  }
  return fuses;
}

/** Differences between the fuses in `binary` and `expected`; an empty list when they match. */
export async function fuseMismatches(binary, expected) {
  const wire = await getCurrentFuseWire(binary);
  const problems = [];
  for (const [name, enabled] of Object.entries(expected)) {
    const actual = wire[fuseIndex[name]];
    const want = enabled ? FuseState.ENABLE : FuseState.DISABLE;
    if (actual !== want) problems.push(`${name}: expected ${enabled ? 'on' : 'off'}, found ${describe(actual)}`);
  }
  return problems;
}

function describe(state) {
  if (state === FuseState.ENABLE) return 'on';
  if (state === FuseState.DISABLE) return 'off';
  if (state === FuseState.REMOVED) return 'removed';
  return 'missing from this Electron';
}

/** Packaged app binaries electron-builder leaves in `folder` (unpacked Linux and Windows builds, macOS bundles). */
export function packagedBinaries(folder) {
  if (!fs.existsSync(folder)) return [];
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const found = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(folder, entry.name);
    const candidates = entry.name.startsWith('mac')
      ? [path.join(dir, `${pkg.productName}.app`)]
      : [path.join(dir, pkg.name), path.join(dir, `${pkg.productName}.exe`), path.join(dir, pkg.productName)];
    found.push(...candidates.filter((candidate) => fs.existsSync(candidate)));
  }
  return found;
}

async function main() {
  const args = process.argv.slice(2);
  const folder = path.resolve(root, args.find((arg) => !arg.startsWith('--')) ?? 'release');
  const expected = expectedFuses(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));
  const binaries = packagedBinaries(folder);
  if (binaries.length === 0) {
    const runtime = fs.existsSync(path.join(root, 'node_modules', 'electron', 'dist'));
    const reason = runtime ? 'run `npm run dist` to package it' : 'packaging needs the Electron runtime, which is not downloaded here';
    const why = `no packaged app in ${path.relative(root, folder) || '.'}/ (${reason})`;
    if (args.includes('--require')) {
      console.error(`fuses: FAILED, ${why}`);
      process.exit(1);
    }
    console.log(`fuses: skipped, ${why}`);
    return;
  }
  let failed = false;
  for (const binary of binaries) {
    const problems = await fuseMismatches(binary, expected);
    console.log(`fuses: ${path.relative(root, binary)}: ${problems.length === 0 ? `all ${Object.keys(expected).length} as configured` : problems.join('; ')}`);
    failed ||= problems.length > 0;
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
