/**
 * The managed policy file: where each platform keeps it, read with a size limit, parsed (JSON, or a macOS
 * managed-preferences property list) and validated by the contract's schema. A missing file means no managed
 * policy (the defaults apply). Anything else that is wrong — unreadable, too large, malformed, invalid,
 * writable by non-administrators — is a PolicyFileError naming the file and the first problem: the app does
 * not start, rather than run on defaults the administrator did not choose.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { managedPolicySchema, type ManagedPolicy } from '../../../contract/policy/index.js';
import { providerKinds } from '../../../contract/providers/index.js';
import { parsePlist, PlistError } from './plist.js';

export const MAX_POLICY_BYTES = 256 * 1024;
/** The bundle id of the packaged app (electron-builder.yml appId); macOS keys managed preferences by it. */
export const BUNDLE_ID = 'com.mfaapprover.desktop';
/** Unpackaged and test runs only: read the policy from this file instead. */
export const POLICY_FILE_ENV = 'MFA_POLICY_FILE';

export class PolicyFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`The managed policy ${file} ${problem}. Ask your administrator to correct it: the app does not start with a policy it cannot use.`);
    this.name = 'PolicyFileError';
  }
}

/** Where this platform keeps the managed policy. */
export function policyLocation(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (platform === 'win32') return path.win32.join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', 'MFA Approver', 'policy.json');
  if (platform === 'darwin') return `/Library/Managed Preferences/${BUNDLE_ID}.plist`;
  return '/etc/mfa-approver/policy.json';
}

export interface LoadOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  /** A packaged build: the environment override is ignored and the file's owner is checked. */
  packaged: boolean;
}

export interface LoadedPolicy {
  /** The file read, or looked for. */
  path: string;
  /** The policy, or null when no file is there. */
  policy: ManagedPolicy | null;
}

/** "limits.cooldownSeconds must be at most 3600 seconds": the first schema problem in words. */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'is not valid';
  const where = issue.path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
  const name = where || 'the policy';
  if (issue.code === 'unrecognized_keys') return `${name} has an unknown setting “${issue.keys[0]?.slice(0, 40)}”`;
  const message = /^(is|must|may|has) /.test(issue.message) ? issue.message : issue.code === 'invalid_type' ? 'is missing or of the wrong type' : 'is not valid';
  return `${name} ${message}`;
}

/**
 * macOS writes managed preferences as binary property lists; its own plutil turns one into XML (bounded in
 * size and time), which the bounded reader then parses. Elsewhere a binary list cannot be read.
 */
export function binaryPlistToXml(file: string, platform: NodeJS.Platform): string {
  if (platform !== 'darwin') throw new PlistError('is a binary property list, which only macOS’s plutil can read; deploy it as XML');
  try {
    return execFileSync('/usr/bin/plutil', ['-convert', 'xml1', '-o', '-', '--', file], { encoding: 'utf8', timeout: 5000, maxBuffer: MAX_POLICY_BYTES * 4 });
  } catch {
    throw new PlistError('is a binary property list that plutil could not convert');
  }
}

/** Why a file that non-administrators can change is not a managed policy (POSIX packaged builds). */
function ownershipProblem(stat: fs.Stats, platform: NodeJS.Platform): string | null {
  if (platform === 'win32') return null;
  if (stat.uid !== 0 || (stat.mode & 0o022) !== 0) return 'can be changed by people other than the administrator (it must belong to root and be writable by root only)';
  return null;
}

/** Reads the managed policy; throws PolicyFileError (see the file comment). */
export function loadManagedPolicy(options: LoadOptions): LoadedPolicy {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  // Why only unpackaged: an environment variable must never let a user swap the administrator's policy.
  const override = options.packaged ? undefined : env[POLICY_FILE_ENV];
  const file = override ? path.resolve(override) : policyLocation(platform, env);
  return readPolicyFile(file, { platform, checkOwner: options.packaged, named: override !== undefined });
}

/**
 * Reads one policy file. `checkOwner`: refuse a file people other than the administrator can change (packaged
 * builds); `named`: the file was named on purpose, so its absence is an error rather than "no policy".
 */
export function readPolicyFile(
  file: string,
  options: { platform: NodeJS.Platform; checkOwner: boolean; named: boolean; binaryPlist?: (file: string, platform: NodeJS.Platform) => string },
): LoadedPolicy {
  const { platform, named } = options;
  let text: string;
  let binary = false;
  try {
    const handle = fs.openSync(file, 'r');
    try {
      const stat = fs.fstatSync(handle);
      if (!stat.isFile()) throw new PolicyFileError(file, 'is not a file');
      if (stat.size > MAX_POLICY_BYTES) throw new PolicyFileError(file, `is larger than ${MAX_POLICY_BYTES / 1024} KiB`);
      const owner = options.checkOwner ? ownershipProblem(stat, platform) : null;
      if (owner) throw new PolicyFileError(file, owner);
      const buffer = Buffer.alloc(stat.size);
      const read = stat.size === 0 ? 0 : fs.readSync(handle, buffer, 0, stat.size, 0);
      binary = buffer.subarray(0, 8).toString('latin1') === 'bplist00';
      text = buffer.subarray(0, read).toString('utf8');
    } finally {
      fs.closeSync(handle);
    }
  } catch (error) {
    if (error instanceof PolicyFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    // No file is no managed policy; but a file named on purpose (test runs) must be there.
    if ((code === 'ENOENT' || code === 'ENOTDIR') && !named) return { path: file, policy: null };
    if (code === 'ENOENT') throw new PolicyFileError(file, `does not exist (named by ${POLICY_FILE_ENV})`);
    throw new PolicyFileError(file, `could not be read (${code ?? 'unknown error'})`);
  }
  let raw: unknown;
  try {
    const xml = binary ? (options.binaryPlist ?? binaryPlistToXml)(file, platform) : text;
    raw = file.endsWith('.plist') || binary ? parsePlist(xml) : JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    if (error instanceof PlistError) throw new PolicyFileError(file, error.message);
    throw new PolicyFileError(file, `is not valid JSON (${error instanceof Error ? error.message.split('\n')[0]!.slice(0, 120) : 'syntax error'})`);
  }
  const parsed = managedPolicySchema.safeParse(raw);
  if (!parsed.success) throw new PolicyFileError(file, `is not valid: ${firstProblem(parsed.error)}`);
  const unknown = (parsed.data.providers?.allowed ?? []).findIndex((kind) => !(providerKinds as readonly string[]).includes(kind));
  if (unknown >= 0) {
    throw new PolicyFileError(file, `is not valid: providers.allowed[${unknown}] names a provider this app does not have (it has ${providerKinds.join(', ')})`);
  }
  return { path: file, policy: parsed.data };
}
