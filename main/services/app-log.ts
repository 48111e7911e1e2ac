/**
 * The app log file: JSON lines written by pino to `<data folder>/logs/app.log`, rotated at 5 MB with four
 * older files kept (app.log.1 … app.log.4), so "details are in the app log" holds in a packaged build and
 * the folder never grows past about 25 MB. Every line goes through the same redaction as before
 * (sanitizeFields); the audit trail is separate and never rotated away.
 */
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { createStream } from 'rotating-file-stream';
import { sanitizeFields, type Logger } from './log.js';

export const LOG_FOLDER = 'logs';
export const LOG_FILE = 'app.log';

export interface FileLogger extends Logger {
  readonly folder: string;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

export interface FileLoggerOptions {
  /** Rotate at this size (rotating-file-stream notation). */
  size?: string;
  /** Rotated files kept. */
  keep?: number;
  /** Also pass each line here (the shell and development echo it to stderr). */
  echo?: (line: string) => void;
}

/** Opens the rotating app log in `<dataDir>/logs`. */
export function createFileLogger(dataDir: string, options: FileLoggerOptions = {}): FileLogger {
  const folder = path.join(dataDir, LOG_FOLDER);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  // With classical rotation the generator receives only the rotation index (null for the live file).
  const name = (index: number | Date | null): string => (typeof index === 'number' && index > 0 ? `${LOG_FILE}.${index}` : LOG_FILE);
  const stream = createStream(name as (time: number | Date, index?: number) => string, {
    path: folder,
    size: options.size ?? '5M',
    rotate: options.keep ?? 4,
    mode: 0o600,
  });
  stream.on('error', (error) => options.echo?.(JSON.stringify({ level: 'error', event: 'app_log_write_failed', error: error.message })));
  const destination = options.echo
    ? { write: (line: string) => (options.echo?.(line.trimEnd()), stream.write(line)) }
    : stream;
  const base = pino(
    {
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      messageKey: 'event',
    },
    destination,
  );
  return {
    folder,
    log(level, event, fields) {
      base[level](sanitizeFields(fields), event);
    },
    close: () =>
      new Promise<void>((resolve) => {
        stream.end(() => resolve());
      }),
  };
}
