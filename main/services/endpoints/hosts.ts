/**
 * Host matching for pinned endpoints. Pure functions: a URL's host (with its port when not the default) against
 * a provider's published hosts and the managed policy's allowances.
 */

/** The host of a URL as pinning compares it: lower case, port kept only when not the scheme's default. */
export function hostOfUrl(value: string): string | null {
  try {
    return new URL(value).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * True when `host` is on the list: an exact entry, or `*.suffix` for any name below suffix (not suffix itself).
 * Why no port wildcard: an entry without a port means the default port only, so a published name cannot be
 * used to reach some other service on the same machine.
 */
export function hostMatches(host: string, entries: readonly string[]): boolean {
  const wanted = host.toLowerCase();
  return entries.some((entry) => {
    const value = entry.toLowerCase();
    if (!value.startsWith('*.')) return value === wanted;
    const suffix = value.slice(1);
    return wanted.endsWith(suffix) && wanted.length > suffix.length && !wanted.slice(0, -suffix.length).includes(':');
  });
}
