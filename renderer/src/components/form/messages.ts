/** Turning main's "field: message" answers into messages for a form's fields. */

/**
 * Splits main's "path: message" (e.g. `settings.tenant: must be …`) into the last path segment and the
 * message; null when the text does not start with a field path.
 */
export function splitFieldMessage(text: string): { field: string; message: string } | null {
  const match = /^([\w.]+):\s*(.+)$/s.exec(text);
  if (!match) return null;
  return { field: (match[1] ?? '').split('.').pop() ?? '', message: match[2] ?? '' };
}

/** "Tenant" + "must be a tenant ID …" → "Tenant must be a tenant ID ….": a label and a schema fragment as a sentence. */
export function sentence(label: string, fragment: string): string {
  const text = `${label} ${fragment.trim()}`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** main's message without a leading field path the form does not show (e.g. "kind: …"): never an internal name. */
export function withoutFieldPath(text: string): string {
  const named = splitFieldMessage(text);
  if (!named) return text;
  const message = named.message.trim();
  return `${message.charAt(0).toUpperCase()}${message.slice(1)}${/[.!?]$/.test(message) ? '' : '.'}`;
}
