// Makes sure the native modules (better-sqlite3, keytar) are built for this Node. `npm run desktop`
// rebuilds them for Electron's ABI; the next Node run (tests, shell) rebuilds them back here.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
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
  console.log(`ensure-native: rebuilding ${stale.join(', ')} for Node ${process.version} (they were built for Electron)`);
  const result = spawnSync('npm', ['rebuild', ...stale], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
