/** Checks every conformance suite shares: plain words on the screen, and a rig that is always closed. */
import { expect } from 'vitest';

/**
 * Technical detail that belongs behind "Details for IT" (the audit entry), never in what a person reads first.
 * A three-digit number is a status code unless it is part of an address the profile names (127.0.0.1:8443).
 */
export const TECHNICAL = /\bHTTP\b|(?<![.:])\b[1-5]\d\d\b(?![.:]\d)(?! seconds)|\bXML\b|\bJSON\b|\bDTD\b|\w_\w+/i;

/** Fails when any of the texts a person reads (title, message, next steps) carries technical words. */
export function expectPlainText(texts: readonly (string | null | undefined)[], label: string): void {
  for (const text of texts) expect(text ?? '', `${label}: technical words on the screen`).not.toMatch(TECHNICAL);
}

/** Starts a rig, runs one check with it, and closes it whatever happened. */
export async function withRig<R extends { close(): Promise<void> }>(start: () => Promise<R>, run: (rig: R) => Promise<void>): Promise<void> {
  const rig = await start();
  try {
    await run(rig);
  } finally {
    await rig.close();
  }
}
