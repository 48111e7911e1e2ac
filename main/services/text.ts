/**
 * Makes untrusted text safe to show, log or store: control characters (CR/LF, NUL, escapes) become spaces so
 * one entry cannot forge another or break an export, and the length is bounded.
 */
export function singleLine(text: string, max: number): string {
  return text.replace(/\p{Cc}/gu, ' ').slice(0, max);
}
