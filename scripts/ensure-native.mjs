// Makes sure the native modules (better-sqlite3, keytar) are built for this Node. `npm run desktop` rebuilds them
// for Electron's ABI, and a node_modules from an older Node has that Node's ABI; the next Node run rebuilds them here.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stale = [];
for (const name of ['better-sqlite3', 'keytar']) {
  try {
    const mod = require(name);
    if (name === 'better-sqlite3') new mod(':memory:').close();
  } catch (error) {
    if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version|invalid ELF|Module did not self-register/i.test(String(error?.message))) {
      stale.push(name);
    } else {
      console.error(`ensure-native: ${name} cannot be loaded: ${error?.message ?? error}`);
      process.exit(1);
    }
  }
}
if (stale.length > 0) {
  console.log(`ensure-native: rebuilding ${stale.join(', ')} for Node ${process.version} (they were built for Electron or another Node)`);
  // npm and node-gyp must build for this Node: it goes first on PATH, and the project-local Node (scripts/setup.sh)
  // brings its own headers, which the machine's npmrc nodedir (another Node's) must not override.
  const env = { ...process.env, PATH: path.dirname(process.execPath) + path.delimiter + process.env.PATH };
  const toolsNode = path.join(root, '.tools', 'node');
  if (process.execPath.startsWith(toolsNode + path.sep)) env.npm_config_nodedir = toolsNode;
  const result = spawnSync('npm', ['rebuild', ...stale], { cwd: root, env, stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
