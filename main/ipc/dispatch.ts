/**
 * Transport-neutral request handling: limits and validates the payload against the contract, runs the
 * handler and answers a Result. Electron IPC and the browser bridge both call this after their own checks.
 */
import type { z } from 'zod';
import { channels, isChannel, type Channel, type ChannelOutput, type ChannelParsed } from '../../contract/ipc.js';
import type { Result } from '../../contract/domain.js';
import { AppError } from '../services/errors.js';
import type { Logger } from '../services/log.js';
import { quotePrefix, singleLine } from '../services/text.js';
import { checkPayload, payloadRefusalMessages } from './payload-limit.js';
import type { IpcAudit } from '../runtime-types.js';
import type { AccessGuard } from '../services/operator/access.js';

export type Handlers = { [C in Channel]: (input: ChannelParsed<C>) => Promise<ChannelOutput<C>> };

const expectedNames: Record<string, string> = {
  object: 'an object',
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
};

/** Longest error message sent back; the schemas' own messages are far shorter. */
const MAX_MESSAGE = 200;
const MAX_KEYS_NAMED = 3;

/** A path such as `settings.tenant`, each part a short sanitised prefix (keys come from the sender). */
function describePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'request';
  const parts = path.slice(0, 4).map((part) => (typeof part === 'number' ? String(part) : singleLine(String(part), 40).replace(/[^\w-]/g, '?')));
  return parts.join('.') + (path.length > 4 ? '…' : '');
}

/**
 * Names the first invalid field, e.g. `settings.tenant: must be a tenant ID`. Why bounded: the path and
 * unknown keys come from the sender, so at most a few short, sanitised prefixes of them are quoted back.
 */
export function describeZodError(error: z.ZodError, input?: unknown): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  const path = describePath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const named = issue.keys.slice(0, MAX_KEYS_NAMED).map((key) => quotePrefix(key, 40));
    const more = issue.keys.length > MAX_KEYS_NAMED ? ` and ${issue.keys.length - MAX_KEYS_NAMED} more` : '';
    return `${path}: unknown field ${named.join(', ')}${more}`;
  }
  if (issue.code === 'invalid_type') {
    // zod leaves the input out of its issues: look the value up (zod's own wording ends "received undefined").
    const missing = input === undefined ? /received undefined$/.test(issue.message) : valueAt(input, issue.path) === undefined;
    if (missing) return `${path}: is required`;
    // The contract's own words ("must be an id") say more than a type name.
    if (PLAIN.test(issue.message)) return singleLine(`${path}: ${issue.message}`, MAX_MESSAGE);
    return `${path}: must be ${expectedNames[issue.expected] ?? 'of another type'}`;
  }
  return singleLine(`${path}: ${issue.message}`, MAX_MESSAGE);
}

/** The contract's messages are fragments written for people; zod's defaults are not. */
const PLAIN = /^(is|must|may) /;

/** The value at `path` inside `input` (own properties only), or undefined. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = input;
  for (const key of path.slice(0, 16)) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Why these errors get their own words: a failing database is the one fault every channel can meet. */
const DATABASE_MESSAGE =
  'The app’s database could not be used (the disk may be full, read-only or failing), so nothing was changed. ' +
  'Check the disk and try again.';

/** Where refused requests are recorded (the audit trail); absent in unit tests of the transport. */
export type ValidationAudit = Pick<IpcAudit, 'validationFailed'>;

/**
 * What dispatch needs from the assembled app. `access` is not optional: every transport (Electron IPC, the
 * browser bridge, the command line) goes through the same role check.
 */
export interface DispatchTarget {
  handlers: Handlers;
  logger: Logger;
  access: AccessGuard;
  ipcAudit?: ValidationAudit | undefined;
}

/** Size, roles, schema, then the handler; every failure is a Result, nothing is thrown. */
export async function dispatch(target: DispatchTarget, channel: unknown, payload: unknown): Promise<Result<unknown>> {
  const { handlers, logger, ipcAudit: audit } = target;
  if (!isChannel(channel)) {
    audit?.validationFailed(String(channel).slice(0, 60), 'unknown channel');
    return { ok: false, code: 'bad_request', message: 'unknown channel' };
  }
  // Why before zod: zod's cost grows with the input (every unknown key is listed), this check's does not.
  const size = checkPayload(payload);
  if (!size.ok) {
    audit?.validationFailed(channel, payloadRefusalMessages[size.refusal]);
    return { ok: false, code: 'bad_request', message: payloadRefusalMessages[size.refusal] };
  }
  // Why roles before the schema: a caller without the role learns nothing about what the channel accepts.
  const refusal = target.access.check(channel);
  if (refusal !== null) return { ok: false, code: 'forbidden', message: refusal };
  const parsed = channels[channel].input.safeParse(payload ?? undefined);
  if (!parsed.success) {
    const message = describeZodError(parsed.error, payload ?? undefined);
    // Why record it: the renderer never sends an invalid payload itself; one arriving means a bug or an attack.
    audit?.validationFailed(channel, message);
    return { ok: false, code: 'bad_request', message };
  }
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code, message: error.message };
    // Why: unexpected errors may carry internals; log the name only and answer a generic message.
    logger.log('error', 'ipc_handler_failed', {
      channel,
      error: error instanceof Error ? error.name : 'unknown',
      detail: error instanceof Error ? error.message : undefined,
    });
    if (error instanceof Error && error.name === 'SqliteError') return { ok: false, code: 'storage_failed', message: DATABASE_MESSAGE };
    return { ok: false, code: 'internal', message: 'Something went wrong in the app. Details are in the app log.' };
  }
}
