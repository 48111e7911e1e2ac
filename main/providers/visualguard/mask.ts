/**
 * Destinations (email addresses, phone numbers) are masked here whatever VisualGuard sent: its own masking
 * is not relied on, so a full address never reaches the agent's screen or the audit log.
 */

/** "michaelis@gmail.com" → "m***@g***.com"; "+33 6 12 34 56 78" → "••• 78"; anything else → "x***". */
export function maskDestination(value: string | null | undefined): string {
  const clean = (value ?? '').replace(/[\p{C}\s]+/gu, '').slice(0, 320);
  if (clean === '') return 'no destination shown';
  const at = clean.lastIndexOf('@');
  if (at > 0) {
    const domain = clean.slice(at + 1);
    const dot = domain.lastIndexOf('.');
    const tld = dot > 0 ? domain.slice(dot + 1).replace(/[^A-Za-z]/g, '').slice(0, 10) : '';
    return `${first(clean)}***@${first(domain)}***${tld ? `.${tld}` : ''}`;
  }
  const digits = clean.replace(/\D/g, '');
  if (digits.length >= 6) return `••• ${digits.slice(-2)}`;
  return `${first(clean)}***`;
}

function first(text: string): string {
  const char = [...text][0] ?? '';
  return char === '*' ? '' : char;
}
