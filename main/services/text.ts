/**
 * Makes untrusted text safe to show, log or store: control characters (CR/LF, NUL, escapes) become spaces so
 * one entry cannot forge another or break an export, and the length is bounded.
 */
export function singleLine(text: string, max: number): string {
  return text.replace(/\p{Cc}/gu, ' ').slice(0, max);
}

/** Replaces lone UTF-16 surrogates with U+FFFD, so the text survives UTF-8 storage and canonical JSON byte for byte. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
