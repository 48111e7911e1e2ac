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
