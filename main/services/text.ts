/**
 * Makes untrusted text safe to show, log or store: control characters (CR/LF, NUL, escapes) become spaces so
 * one entry cannot forge another or break an export, and the length is bounded.
 */
export function singleLine(text: string, max: number): string {
  // Why slice first: the cost then depends on `max`, not on how long the untrusted text is.
  return text.slice(0, max).replace(/\p{Cc}/gu, ' ');
}

/**
 * A short, quoted prefix of untrusted text for an error message: at most `max` characters, control and
 * formatting characters (bidi overrides, zero-width) replaced, and an ellipsis when it was cut.
 */
export function quotePrefix(text: string, max = 40): string {
  const cut = text.length > max;
  const shown = text.slice(0, max).replace(/[\p{Cc}\p{Cf}]/gu, '?');
  return `“${shown}${cut ? '…' : ''}”`;
}

/** Replaces lone UTF-16 surrogates with U+FFFD, so the text survives UTF-8 storage and canonical JSON byte for byte. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
