/** Display formatting shared by screens. */

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });

/** An ISO timestamp in the operator's local time zone; the raw text if it does not parse. */
export function formatLocalTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** Milliseconds as m:ss (or h:mm:ss), never negative. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Time between two ISO timestamps (end defaults to `now`). */
export function elapsedBetween(startIso: string, endIso: string | null, now: number): number {
  const start = Date.parse(startIso);
  const end = endIso ? Date.parse(endIso) : now;
  return Number.isNaN(start) || Number.isNaN(end) ? 0 : end - start;
}
