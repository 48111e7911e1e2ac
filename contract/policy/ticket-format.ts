/**
 * The ticket-reference format language of the managed policy. A format is a template the ticket must fill
 * exactly: `#` is one digit, `@` one letter, `*` one letter or digit, and any other character stands for
 * itself (letters compared without regard to case). There is no repetition and no alternation inside a
 * template, so a check is one pass over at most 32 characters: an administrator cannot write a pattern that
 * backtracks. Several formats may be listed; a ticket must match one of them.
 */
export const TICKET_TEMPLATE_MAX = 32;
/** What a template may contain: the placeholders and the characters a ticket may hold. */
export const TEMPLATE_PATTERN = /^[A-Za-z0-9#@*./:_-]+$/;

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/** True when `ticket` fills `template` exactly. */
export function matchesTicketFormat(template: string, ticket: string): boolean {
  if (ticket.length !== template.length) return false;
  for (let i = 0; i < template.length; i += 1) {
    const want = template[i]!;
    const got = ticket[i]!;
    const ok =
      want === '#' ? isDigit(got) : want === '@' ? isLetter(got) : want === '*' ? isDigit(got) || isLetter(got) : want.toLowerCase() === got.toLowerCase();
    if (!ok) return false;
  }
  return true;
}

/** An example ticket for a template (digits count up from 1), for hints: `INC#######` → `INC1234567`. */
export function exampleTicket(template: string): string {
  let digit = 0;
  return [...template]
    .map((c) => {
      if (c === '#') return String((digit += 1) % 10);
      if (c === '@') return 'A';
      if (c === '*') return 'X';
      return c;
    })
    .join('');
}

/** A template in words: `INC#######` → "INC followed by 7 digits". */
export function describeTicketFormat(template: string): string {
  const parts: string[] = [];
  let i = 0;
  while (i < template.length) {
    const c = template[i]!;
    let j = i;
    if (c === '#' || c === '@' || c === '*') {
      while (template[j] === c) j += 1;
      const n = j - i;
      const noun = c === '#' ? 'digit' : c === '@' ? 'letter' : 'letter or digit';
      parts.push(`${n} ${n === 1 ? noun : noun === 'letter or digit' ? 'letters or digits' : `${noun}s`}`);
    } else {
      while (j < template.length && !'#@*'.includes(template[j]!)) j += 1;
      parts.push(template.slice(i, j));
    }
    i = j;
  }
  return parts.join(' followed by ');
}
