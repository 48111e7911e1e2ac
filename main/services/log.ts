/**
 * Operational log (not the audit log). Structured, single line, and restricted to fields that cannot carry
 * a secret: callers pass codes, ids and counts, never bodies, headers, tokens or codes typed by a caller.
 */
import { singleLine } from './text.js';

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  log(level: LogLevel, event: string, fields?: LogFields): void;
}

/** Keys whose values are dropped whatever a caller passes, as a second line of defence. */
const forbiddenKey = /secret|token|password|otp|code_value|assertion|authorization|body|cookie/i;

export function sanitizeFields(fields: LogFields = {}): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (forbiddenKey.test(key)) {
      out[key] = '[redacted]';
      continue;
    }
    out[key] = typeof value === 'string' ? singleLine(value, 300) : value;
  }
  return out;
}

export function createLogger(write: (line: string) => void = (line) => process.stderr.write(line + '\n')): Logger {
  return {
    log(level, event, fields) {
      write(JSON.stringify({ ts: new Date().toISOString(), level, event, ...sanitizeFields(fields) }));
    },
  };
}

export const silentLogger: Logger = { log: () => undefined };
