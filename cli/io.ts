/** The CLI's standard streams and Ctrl+C, for a Node process (the npm bin and the packaged app share it). */
import readline from 'node:readline';
import type { CliIo } from './run.js';

export function processIo(): CliIo {
  let lines: AsyncIterator<string> | null = null;
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    async readLine(prompt) {
      process.stderr.write(prompt);
      lines ??= readline.createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();
      const next = await lines.next();
      return next.done ? null : String(next.value).slice(0, 64);
    },
    onInterrupt(handler) {
      let count = 0;
      const listener = (): void => {
        count += 1;
        // A second Ctrl+C leaves at once (the first one is already cancelling).
        if (count > 1) process.exit(130);
        handler();
      };
      process.on('SIGINT', listener);
      return () => void process.off('SIGINT', listener);
    },
  };
}
