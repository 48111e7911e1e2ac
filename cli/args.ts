/**
 * Command line of the runbook interface. Strict: an unknown option, a missing value or a bad mode is a usage
 * error (exit 64) that names what is wrong; nothing is sent.
 */
import { parseArgs } from 'node:util';

export const USAGE = `Usage:
  mfa-approver verify --profile NAME --subject ID [--reason-type TYPE] --reason TEXT --ticket REF [--mode push|code] [--json]
  mfa-approver token check TOKEN --subject ID --ticket REF [--json]
  mfa-approver profiles list [--json]
  mfa-approver profiles test NAME [--json]
  mfa-approver receipt verify FILE [--key PUBLIC-KEY-FILE] [--json]
  mfa-approver --help | --version

Options for every command:
  --data-dir DIR   the app's data folder (default: the desktop app's)
  --sandbox        turn the sandbox (simulated providers) on for this run only

Exit codes (verify): 0 approved; 1 denied, fraud or not approved; 2 timed out; 3 error; 64 usage;
77 not permitted (the OS account has no role for it in the managed policy).
Exit codes (receipt verify): 0 valid; 1 rejected (the reason is printed); 2 valid but expired; 3 error; 64 usage.
Without --key, receipt verify uses the public key of this installation (from its keychain).
Exit codes (token check): 0 valid for this account and ticket; 1 refused (the reason is printed); 64 usage.
--reason-type is one of the request types your organisation's policy lists (required when it lists any).
Progress goes to standard error, the result to standard output. Ctrl+C cancels a verification.`;

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'verify'; profile: string; subject: string; reasonType: string | undefined; reason: string; ticket: string; mode: 'push' | 'otp'; json: boolean }
  | { kind: 'token-check'; token: string; subject: string; ticket: string; json: boolean }
  | { kind: 'profiles-list'; json: boolean }
  | { kind: 'profiles-test'; profile: string; json: boolean }
  | { kind: 'receipt-verify'; file: string; key: string | null; json: boolean };

export interface Parsed {
  command: Command;
  dataDir: string | null;
  sandbox: boolean;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Longest value accepted for any option; the services apply their own, tighter limits. */
const MAX_VALUE = 1024;

export function parseCommandLine(argv: readonly string[]): Parsed {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        profile: { type: 'string' },
        subject: { type: 'string' },
        reason: { type: 'string' },
        'reason-type': { type: 'string' },
        ticket: { type: 'string' },
        mode: { type: 'string' },
        key: { type: 'string' },
        json: { type: 'boolean' },
        'data-dir': { type: 'string' },
        sandbox: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (error) {
    // Node's messages name the option ("Unknown option '--foo'"); keep them short.
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : 'invalid arguments');
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'string' && value.length > MAX_VALUE) throw new UsageError(`--${name} is too long (${MAX_VALUE} characters at most)`);
  }
  const text = (name: string): string => {
    const value = values[name];
    if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
    return value;
  };
  const json = values.json === true;
  const common = { dataDir: typeof values['data-dir'] === 'string' ? values['data-dir'] : null, sandbox: values.sandbox === true };
  const [verb, sub, name, ...rest] = parsed.positionals;
  if (values.help) return { ...common, command: { kind: 'help' } };
  if (values.version) return { ...common, command: { kind: 'version' } };
  switch (verb) {
    case 'verify': {
      if (sub !== undefined) throw new UsageError(`unexpected argument "${sub.slice(0, 40)}"`);
      const mode = values.mode ?? 'push';
      if (mode !== 'push' && mode !== 'code') throw new UsageError('--mode must be push or code');
      return {
        ...common,
        command: {
          kind: 'verify',
          profile: text('profile'),
          subject: text('subject'),
          reasonType: typeof values['reason-type'] === 'string' ? values['reason-type'] : undefined,
          reason: text('reason'),
          ticket: text('ticket'),
          mode: mode === 'code' ? 'otp' : 'push',
          json,
        },
      };
    }
    case 'token':
      if (sub === 'check' && name !== undefined && rest.length === 0) {
        return { ...common, command: { kind: 'token-check', token: name, subject: text('subject'), ticket: text('ticket'), json } };
      }
      throw new UsageError('use "token check TOKEN --subject ID --ticket REF"');
    case 'profiles':
      if (sub === 'list' && name === undefined) return { ...common, command: { kind: 'profiles-list', json } };
      if (sub === 'test' && name !== undefined && rest.length === 0) return { ...common, command: { kind: 'profiles-test', profile: name, json } };
      throw new UsageError('use "profiles list" or "profiles test NAME"');
    case 'receipt':
      if (sub === 'verify' && name !== undefined && rest.length === 0) {
        return { ...common, command: { kind: 'receipt-verify', file: name, key: typeof values.key === 'string' ? values.key : null, json } };
      }
      throw new UsageError('use "receipt verify FILE"');
    case undefined:
      throw new UsageError('a command is required');
    default:
      throw new UsageError(`unknown command "${verb.slice(0, 40)}"`);
  }
}
