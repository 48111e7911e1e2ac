/** Size limits that run before any costlier check (zod 4 otherwise runs every check, patterns included). */
import { z } from 'zod';

/** A string of at most `max` characters; longer input is refused before anything else looks at it. */
export function boundedString(max: number) {
  return z.string().max(max, { message: `is too long (${max} characters at most)`, abort: true });
}
