/**
 * The runbook interface: the same services, keychain, database, limits and audit entries as the desktop app,
 * reached through the same dispatch (so the same validation and role check), with the operator recorded as the OS
 * user and the OS user's roles (the managed policy's `signIn.osUserRoles`; every role on an unmanaged installation).
 */
import type { VerificationView } from '../contract/domain.js';
import type { Channel, ChannelInput, ChannelOutput } from '../contract/ipc.js';
import { dispatch } from '../main/ipc/dispatch.js';
import type { AppRuntime } from '../main/runtime-types.js';
import { parseCommandLine, USAGE, UsageError, type Command } from './args.js';
import { describeOutcome, describeTokenCheck, EXIT, exitCodeOf, toVerifyResult } from './output.js';
import { publicKeyFrom, readSmallFile, ReceiptFileError, verifyReceiptFile } from './receipt.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads one line from standard input after printing `prompt` to standard error; null at end of input. */
  readLine(prompt: string): Promise<string | null>;
  /** Calls `handler` on Ctrl+C; returns the unsubscribe. */
  onInterrupt(handler: () => void): () => void;
}

export interface CliEnv {
  version: string;
  defaultDataDir: string;
  startRuntime(options: { dataDir: string; sandbox: boolean }): Promise<AppRuntime>;
}

type Call = <C extends Channel>(channel: C, payload: ChannelInput<C>) => Promise<ChannelOutput<C>>;

class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Runs one command line; resolves with the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo, env: CliEnv): Promise<number> {
  let parsed;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    io.stderr(`mfa-approver: ${error instanceof UsageError ? error.message : 'invalid arguments'}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (parsed.command.kind === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (parsed.command.kind === 'version') {
    io.stdout(`${env.version}\n`);
    return 0;
  }
  // Offline with a key file: no data folder, keychain or runtime is needed.
  if (parsed.command.kind === 'receipt-verify' && parsed.command.key !== null) {
    const { file, key, json } = parsed.command;
    return receiptOrError(io, async () => verifyReceiptFile(file, publicKeyFrom(await readSmallFile(key, 'key'), key.slice(0, 200)), json, io));
  }
  let runtime: AppRuntime;
  try {
    runtime = await env.startRuntime({ dataDir: parsed.dataDir ?? env.defaultDataDir, sandbox: parsed.sandbox });
  } catch (error) {
    io.stderr(`mfa-approver: the app could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.error;
  }
  const call: Call = async (channel, payload) => {
    // The same role check as the desktop app: the OS account's roles (the command line cannot sign in).
    const result = await dispatch({ handlers: runtime.handlers, logger: runtime.logger, access: runtime.access }, channel, payload);
    if (!result.ok) {
      const exitCode = result.code === 'bad_request' ? EXIT.usage : result.code === 'forbidden' ? EXIT.forbidden : EXIT.error;
      throw new CliFailure(result.message, exitCode);
    }
    return result.value as ChannelOutput<typeof channel>;
  };
  try {
    return await execute(parsed.command, call, runtime, io);
  } catch (error) {
    const failure = error instanceof CliFailure ? error : new CliFailure('Something went wrong in the app.', EXIT.error);
    io.stderr(`mfa-approver: ${failure.message}\n`);
    return failure.exitCode;
  } finally {
    await runtime.close();
  }
}

async function execute(command: Command, call: Call, runtime: AppRuntime, io: CliIo): Promise<number> {
  switch (command.kind) {
    case 'profiles-list': {
      const profiles = await call('profiles:list', {});
      if (command.json) {
        io.stdout(`${JSON.stringify(profiles.map((p) => ({ id: p.id, name: p.displayName, kind: p.kind, sandbox: p.sandbox, secret: p.secret })))}\n`);
      } else {
        for (const p of profiles) io.stdout(`${p.displayName}\t${p.kind}${p.sandbox ? '\tsandbox' : ''}\tsecret ${p.secret}\n`);
      }
      return 0;
    }
    case 'profiles-test': {
      const profile = await findProfile(call, command.profile);
      const view = await call('profiles:testConnection', { id: profile.id });
      if (command.json) io.stdout(`${JSON.stringify(view)}\n`);
      else io.stdout(`${view.ok ? 'OK' : 'FAILED'}: ${view.message}${view.fix ? `\nFix: ${view.fix}` : ''}\n`);
      return view.ok ? 0 : EXIT.error;
    }
    case 'verify':
      return verify(command, call, runtime, io);
    case 'receipt-verify': {
      const { pem } = await call('approvals:publicKey', {});
      return receiptOrError(io, () => verifyReceiptFile(command.file, publicKeyFrom(pem, 'the key of this installation'), command.json, io));
    }
    case 'token-check': {
      const view = await call('token:check', { token: command.token, subject: command.subject, ticket: command.ticket });
      io.stdout(command.json ? `${JSON.stringify(view)}\n` : describeTokenCheck(view));
      return view.valid ? 0 : EXIT.notApproved;
    }
    default:
      return EXIT.usage;
  }
}

/** Runs a receipt check; a file that cannot be read is an error (exit 3) that names the file. Never throws. */
async function receiptOrError(io: CliIo, check: () => Promise<number>): Promise<number> {
  try {
    return await check();
  } catch (error) {
    io.stderr(`mfa-approver: ${error instanceof ReceiptFileError ? error.message : 'the receipt could not be checked'}\n`);
    return EXIT.error;
  }
}

async function findProfile(call: Call, name: string) {
  const profiles = await call('profiles:list', {});
  const wanted = name.trim().toLowerCase();
  const matches = profiles.filter((p) => p.id === name.trim() || p.displayName.trim().toLowerCase() === wanted);
  if (matches.length === 1) return matches[0]!;
  const names = profiles.map((p) => `"${p.displayName}"`).join(', ') || 'none';
  if (matches.length === 0) throw new CliFailure(`no profile named "${name.slice(0, 80)}". Profiles: ${names}.`, EXIT.usage);
  throw new CliFailure(`several profiles are named "${name.slice(0, 80)}"; use the profile id instead.`, EXIT.usage);
}

async function verify(command: Extract<Command, { kind: 'verify' }>, call: Call, runtime: AppRuntime, io: CliIo): Promise<number> {
  const profile = await findProfile(call, command.profile);
  let current: VerificationView | null = null;
  let lastNote = '';
  let settle: (view: VerificationView) => void = () => undefined;
  const finished = new Promise<VerificationView>((resolve) => (settle = resolve));
  const isFinal = (view: VerificationView): boolean => view.status !== 'pending' && view.status !== 'awaiting_code';
  let codeWanted: (() => void) | null = null;

  const show = (view: VerificationView): void => {
    const note = [view.title, view.progress.bindingMessage ? `Read this code to the caller: ${view.progress.bindingMessage}` : '', view.progress.note ?? '']
      .filter(Boolean)
      .join(' — ');
    if (note !== lastNote && !isFinal(view)) io.stderr(`… ${note}\n`);
    lastNote = note;
  };
  const receive = (view: VerificationView): void => {
    if (!current || view.id !== current.id) return;
    current = view;
    show(view);
    if (view.status === 'awaiting_code' || isFinal(view)) codeWanted?.();
    if (isFinal(view)) settle(view);
  };
  const unsubscribe = runtime.events.subscribe((event, payload) => {
    if (event === 'verification:updated') receive(payload as VerificationView);
  });
  let interrupted = false;
  const stopInterrupt = io.onInterrupt(() => {
    if (!current || isFinal(current) || interrupted) return;
    interrupted = true;
    io.stderr('Ctrl+C: cancelling the verification…\n');
    void call('verify:cancel', { verificationId: current.id }).then(receive, () => undefined);
  });
  try {
    current = await call('verify:start', {
      profileId: profile.id,
      subject: command.subject,
      ...(command.reasonType !== undefined ? { reasonType: command.reasonType } : {}),
      reason: command.reason,
      ticket: command.ticket,
      mode: command.mode,
    });
    if (current.script) io.stderr(`Say to the caller: ${current.script}\n`);
    show(current);
    if (isFinal(current)) settle(current);
    const codes = command.mode === 'otp' ? readCodes(call, () => current, io, (wake) => (codeWanted = wake)) : Promise.resolve();
    const view = await finished;
    await codes.catch(() => undefined);
    if (interrupted && view.status === 'cancelled') io.stderr('Cancelled: nothing was approved.\n');
    io.stdout(command.json ? `${JSON.stringify(toVerifyResult(view))}\n` : describeOutcome(view));
    return exitCodeOf(view.status);
  } finally {
    stopInterrupt();
    unsubscribe();
  }
}

/** Code read-back: asks for the caller's code on standard input whenever the verification waits for one. */
async function readCodes(
  call: Call,
  current: () => VerificationView | null,
  io: CliIo,
  onWanted: (wake: () => void) => void,
): Promise<void> {
  // Bounded: a verification allows only a few wrong codes before it locks out.
  for (let attempt = 0; attempt < 10; attempt += 1) {
    // Woken when a code is wanted or the verification ended.
    await new Promise<void>((resolve) => {
      const status = current()?.status;
      if (status !== 'pending') return resolve();
      onWanted(resolve);
    });
    const view = current();
    if (!view || view.status !== 'awaiting_code') return;
    io.stderr(`${view.message}\n`);
    const line = await io.readLine('Code the caller reads out: ');
    if (line === null) {
      await call('verify:cancel', { verificationId: view.id });
      return;
    }
    try {
      await call('verify:submitCode', { verificationId: view.id, code: line.trim() });
    } catch (error) {
      io.stderr(`${error instanceof Error ? error.message : 'The code was not accepted.'}\n`);
    }
  }
}
