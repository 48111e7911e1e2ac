/**
 * Rules a request shares on every screen that asks for one (Verify, Enroll): the reason and the ticket as main
 * bounds them (contract/ipc.ts), the copy of a flow that wins when two arrive, and the fail-closed look-up of
 * how a status is shown.
 */

/** The longest reason main accepts. */
export const REASON_MAX = 500;
/** The longest ticket reference main accepts. */
export const TICKET_MAX = 64;
/** The ticket rule main applies (contract/ipc.ts): letters, digits and . / # : - _ only. */
const TICKET_PATTERN = /^[\w./#:-]+$/;

/** What is wrong with the reason (`required` says why one is needed; min 0: optional), or undefined. */
export function reasonProblem(raw: string, min: number, required: string): string | undefined {
  const reason = raw.trim();
  if (reason === '' && min > 0) return required;
  if (reason.length < min) return `Reason needs at least ${min} characters.`;
  if (raw.length > REASON_MAX) return `Reason is too long (${REASON_MAX} characters at most).`;
  return undefined;
}

/** What is wrong with the ticket reference, or undefined. */
export function ticketProblem(raw: string): string | undefined {
  const ticket = raw.trim();
  if (ticket === '') return 'Ticket reference is required.';
  if (ticket.length > TICKET_MAX) return `Ticket reference is too long (${TICKET_MAX} characters at most).`;
  if (!TICKET_PATTERN.test(ticket)) return 'Ticket reference may contain only letters, digits and . / # : - _ (no spaces).';
  return undefined;
}

/**
 * Picks the copy of a flow to show when an update arrives. Later arrivals win, except that a live copy never
 * replaces a final one: a late "still waiting" must not resurrect a flow that already ended.
 */
export function newerCopy<V extends { id: string; status: S }, S>(current: V | null, incoming: V, isLive: (status: S) => boolean): V {
  if (!current || current.id !== incoming.id) return incoming;
  if (!isLive(current.status) && isLive(incoming.status)) return current;
  return incoming;
}

/** The entry of `table` for `status`; anything else (a newer main's value) gets `fallback`, never a success. */
export function lookUp<K extends string, P>(table: Record<K, P>, status: string, fallback: K): P {
  return Object.prototype.hasOwnProperty.call(table, status) ? table[status as K] : table[fallback];
}
