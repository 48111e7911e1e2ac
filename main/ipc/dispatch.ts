/**
 * Transport-neutral request handling: validates the payload against the contract, runs the handler and
 * answers a Result. Electron IPC and the browser bridge both call this after their own sender checks.
 */
import type { z } from 'zod';
import { channels, isChannel, type Channel, type ChannelOutput, type ChannelParsed } from '../../contract/ipc.js';
import type { Result } from '../../contract/domain.js';
import { AppError } from '../services/errors.js';
import type { Logger } from '../services/log.js';
import type { IpcAudit } from '../runtime-types.js';

export type Handlers = { [C in Channel]: (input: ChannelParsed<C>) => Promise<ChannelOutput<C>> };


/** Names the first invalid field, e.g. `upn: must look like name@domain`. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  const path = issue.path.length > 0 ? issue.path.join('.') : 'request';
  if (issue.code === 'unrecognized_keys') return `${path}: unknown field ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return `${path}: is required`;
  return `${path}: ${issue.message}`;
}

/** Where refused requests are recorded (the audit trail); absent in unit tests of the transport. */
export type ValidationAudit = Pick<IpcAudit, 'validationFailed'>;

export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  payload: unknown,
  logger: Logger,
  audit?: ValidationAudit,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    audit?.validationFailed(String(channel).slice(0, 60), 'unknown channel');
    return { ok: false, code: 'bad_request', message: 'unknown channel' };
  }
  const parsed = channels[channel].input.safeParse(payload ?? undefined);
  if (!parsed.success) {
    const message = describeZodError(parsed.error);
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
    return { ok: false, code: 'internal', message: 'Something went wrong in the app. Details are in the app log.' };
  }
}
