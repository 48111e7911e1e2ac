/**
 * The managed policy file: where each platform keeps it, the test-only override, size and ownership limits,
 * JSON and macOS property lists, and a clear startup error naming the file and the first problem.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadManagedPolicy, MAX_POLICY_BYTES, PolicyFileError, policyLocation, readPolicyFile } from '../../../main/services/policy/managed.js';
import { parsePlist } from '../../../main/services/policy/plist.js';
import { tempDir } from '../../helpers/temp.js';

const dir = tempDir('mfa-policy-');
afterAll(() => dir.cleanup());

function write(name: string, text: string, mode = 0o644): string {
  const file = path.join(dir.dir, name);
  fs.writeFileSync(file, text, { mode });
  fs.chmodSync(file, mode);
  return file;
}

const load = (file: string, packaged = false) => loadManagedPolicy({ packaged, platform: 'linux', env: { MFA_POLICY_FILE: file } });
const problem = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof PolicyFileError) return error.message;
    throw error;
  }
  throw new Error('no error');
};

const SAMPLE = {
  version: 1,
  providers: { allowed: ['entra'], userProfiles: false },
  verification: { reasons: ['Password reset', 'New phone'], ticketFormats: ['INC#######'], privileged: { targets: ['@admins.contoso.com'] } },
  limits: { cooldownSeconds: 300, perTargetPerHour: 2 },
  audit: { retentionDays: 365 },
  sandbox: { offered: false },
};

describe('where the managed policy lives', () => {
  it('on each platform', () => {
    expect(policyLocation('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\MFA Approver\\policy.json');
    expect(policyLocation('win32', {})).toBe('C:\\ProgramData\\MFA Approver\\policy.json');
    expect(policyLocation('darwin', {})).toBe('/Library/Managed Preferences/com.mfaapprover.desktop.plist');
    expect(policyLocation('linux', {})).toBe('/etc/mfa-approver/policy.json');
  });

  it('the environment names another file only in unpackaged runs', () => {
    const file = write('override.json', JSON.stringify(SAMPLE));
    expect(load(file)).toMatchObject({ path: file, policy: { limits: { cooldownSeconds: 300 } } });
    // Packaged: the variable is ignored and the platform's location is read (absent here: no policy).
    const packaged = loadManagedPolicy({ packaged: true, platform: 'linux', env: { MFA_POLICY_FILE: file } });
    expect(packaged.path).toBe('/etc/mfa-approver/policy.json');
    expect(packaged.policy).toBeNull();
  });

  it('no file at the platform location is no managed policy; a file named on purpose must exist', () => {
    expect(loadManagedPolicy({ packaged: true, platform: 'linux', env: {} }).policy).toBeNull();
    expect(problem(() => load(path.join(dir.dir, 'missing.json')))).toMatch(/missing\.json does not exist \(named by MFA_POLICY_FILE\)/);
  });
});

describe('a policy that cannot be used stops the start, naming the file and the first problem', () => {
  it('malformed JSON, an invalid value, an unknown setting, an unknown provider', () => {
    const json = write('bad-json.json', '{ "version": 1, ');
    expect(problem(() => load(json))).toMatch(new RegExp(`^The managed policy ${json} is not valid JSON \\(.+\\)\\. Ask your administrator to correct it`));
    expect(problem(() => load(write('range.json', JSON.stringify({ version: 1, limits: { cooldownSeconds: 99999 } }))))).toMatch(
      /range\.json is not valid: limits\.cooldownSeconds must be at most 3600 seconds\./,
    );
    expect(problem(() => load(write('unknown.json', JSON.stringify({ version: 1, limits: { coolDown: 5 } }))))).toMatch(/is not valid: limits has an unknown setting “coolDown”/);
    expect(problem(() => load(write('kind.json', JSON.stringify({ version: 1, providers: { allowed: ['okta'] } }))))).toMatch(
      /is not valid: providers\.allowed\[0\] names a provider this app does not have \(it has entra, ciba, auth0, visualguard, apptotp\)/,
    );
    expect(problem(() => load(write('version.json', JSON.stringify({ limits: {} }))))).toMatch(/is not valid: version must be 1/);
    expect(problem(() => load(write('reason.json', JSON.stringify({ version: 1, verification: { reasons: ['A', 'a'] } }))))).toMatch(/verification\.reasons must not name the same item twice/);
  });

  it('too large, or changeable by people other than the administrator in a packaged build', () => {
    const big = write('big.json', ' '.repeat(MAX_POLICY_BYTES + 1));
    expect(problem(() => load(big))).toMatch(/is larger than 256 KiB/);
    // A packaged build checks the owner of the file it opens: root, and writable by root only.
    const packaged = (file: string) => readPolicyFile(file, { platform: 'linux', checkOwner: true, named: false });
    const writable = write('writable.json', JSON.stringify(SAMPLE), 0o666);
    expect(problem(() => packaged(writable))).toMatch(/writable\.json can be changed by people other than the administrator/);
    const tidy = write('tidy.json', JSON.stringify(SAMPLE), 0o644);
    if (process.getuid?.() === 0) expect(packaged(tidy).policy).toMatchObject({ version: 1 });
    else expect(problem(() => packaged(tidy))).toMatch(/must belong to root/);
    // Windows keeps the file under ProgramData, whose ACL the installer sets: no POSIX mode to check.
    expect(readPolicyFile(writable, { platform: 'win32', checkOwner: true, named: false }).policy).toMatchObject({ version: 1 });
  });
});

describe('macOS managed preferences (XML property lists)', () => {
  const plist = (body: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">${body}</plist>`;

  it('read into the same policy as JSON, and validated the same way', () => {
    const file = write(
      'com.mfaapprover.desktop.plist',
      plist(`<dict>
        <key>version</key><integer>1</integer>
        <key>verification</key><dict>
          <key>reasons</key><array><string>Password reset</string><string>Lost &amp; found phone</string></array>
          <key>ticketFormats</key><array><string>INC#######</string></array>
        </dict>
        <key>limits</key><dict><key>cooldownSeconds</key><integer>300</integer></dict>
        <key>sandbox</key><dict><key>offered</key><false/></dict>
      </dict>`),
    );
    expect(load(file).policy).toEqual({
      version: 1,
      verification: { reasons: ['Password reset', 'Lost & found phone'], ticketFormats: ['INC#######'] },
      limits: { cooldownSeconds: 300 },
      sandbox: { offered: false },
    });
    const invalid = write('invalid.plist', plist('<dict><key>version</key><integer>1</integer><key>limits</key><dict><key>cooldownSeconds</key><string>soon</string></dict></dict>'));
    expect(problem(() => load(invalid))).toMatch(/is not valid: limits\.cooldownSeconds must be a number/);
  });

  it('a binary property list (what macOS writes) goes through plutil on macOS, and is refused plainly elsewhere', () => {
    const file = write('binary.plist', 'bplist00' + '\u0000'.repeat(40));
    const converted = plist('<dict><key>version</key><integer>1</integer><key>sandbox</key><dict><key>offered</key><false/></dict></dict>');
    const seen: string[] = [];
    const policy = readPolicyFile(file, { platform: 'darwin', checkOwner: false, named: true, binaryPlist: (f) => (seen.push(f), converted) }).policy;
    expect(policy).toEqual({ version: 1, sandbox: { offered: false } });
    expect(seen).toEqual([file]);
    expect(problem(() => readPolicyFile(file, { platform: 'linux', checkOwner: false, named: true }))).toMatch(/binary\.plist is a binary property list, which only macOS’s plutil can read/);
  });

  it('refuses any DTD but Apple’s, entities, and types a policy never uses', () => {
    expect(() => parsePlist('<!DOCTYPE x [<!ENTITY a "b">]><plist><dict><key>a</key><string>&a;</string></dict></plist>')).toThrow(/DTD or entities/);
    expect(() => parsePlist(plist('<dict><key>a</key><data>AAAA</data></dict>'))).toThrow(/a: <data> is not a type a policy uses/);
    expect(() => parsePlist(plist('<dict><key>a</key></dict>'))).toThrow(/must hold <key> and value pairs/);
    expect(() => parsePlist(plist('<array/>'))).toThrow(/must hold one <dict>/);
    expect(() => parsePlist(plist('<dict><key>a</key><integer>1</integer><key>a</key><integer>2</integer></dict>'))).toThrow(/a: is given twice/);
    expect(() => parsePlist(plist('<dict>'.repeat(40) + '</dict>'.repeat(40)))).toThrow(/nested too deeply|must hold/);
    expect(() => parsePlist('x'.repeat(300 * 1024))).toThrow(/larger than 256 KiB/);
  });
});
