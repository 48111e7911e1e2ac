/**
 * The browser shell has no OS protocol handler, so an approval link can arrive in the page's address instead:
 * #/approvals?link=<the mfa-approver:// link, URL-encoded>. The page only hands the text to main, whose
 * strict parser reads it exactly as it reads a link from the OS; it never interprets the link itself.
 */

/** Longest link taken from the address; main refuses anything over its own, smaller limit anyway. */
const MAX = 8192;

/** The link in `hash`, or null when there is none. */
export function linkFromHash(hash: string): string | null {
  if (!hash.startsWith('#/approvals?') || hash.length > MAX) return null;
  const link = new URLSearchParams(hash.slice('#/approvals?'.length)).get('link');
  return link && link.length > 0 ? link : null;
}
