#!/usr/bin/env node
// The package's `mfa-approver` command: runs dist/cli/cli.cjs on Node 22. When the machine's Node is older,
// scripts/setup.sh has put Node 22 in .tools/node (the native modules are built for it), so that one runs it.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const cli = path.join(root, 'dist', 'cli', 'cli.cjs');
const local = path.join(root, '.tools', 'node', 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
const [major, minor] = process.versions.node.split('.').map(Number);
if ((major < 22 || (major === 22 && minor < 12)) && fs.existsSync(local)) {
  // Ctrl+C reaches the child too (same process group); it cancels and exits with its own code.
  process.on('SIGINT', () => undefined);
  const result = spawnSync(local, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 3);
}
require(cli);
