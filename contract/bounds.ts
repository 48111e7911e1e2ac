/** Size limits that run before any costlier check (zod 4 otherwise runs every check, patterns included). */
import { z } from 'zod';

/**
 * A string of at most `max` characters; longer input is refused before anything else looks at it. Its
 * messages follow the field's label ("… is required", "… must be text"), like every message of the contract.
 */
export function boundedString(max: number) {
  return z
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? 'is required' : 'must be text') })
    .max(max, { message: `is too long (${max} characters at most)`, abort: true });
}

/** A UUID. Why the length check first: the format check should never see more than an id's worth of input. */
export function boundedId(message = 'must be an id') {
  return z.string({ error: message }).max(36, { message, abort: true }).uuid(message);
}

/**
 * An array of at most `max` items. zod checks the length before it parses any item (test/unit/contract), so
 * an oversized list costs one comparison.
 */
export function boundedArray<T extends z.ZodType>(item: T, max: number) {
  return z.array(item).max(max, { message: `has too many items (${max} at most)`, abort: true });
}

/**
 * Largest IPC payload, in the units of main/ipc/payload-limit.ts (about a byte of JSON each). The biggest
 * legitimate one is a profile with a certificate or a 16 KiB secret; the browser shell's frame limit is the same.
 */
export const MAX_IPC_PAYLOAD = 64 * 1024;
