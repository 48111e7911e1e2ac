/**
 * Privileged targets: accounts, domains (`@admins.contoso.com`) and patterns (`adm-*@contoso.com`, `*` any
 * characters, `?` one), compared with the canonical account without regard to case. Patterns hold at most
 * four `*` and are matched by the usual two-pointer walk, so a match costs at most pattern × account steps,
 * both bounded by the schema.
 */
import type { EffectivePolicy } from './effective.js';

/** True when `text` matches the glob `pattern` (both already lower case). */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const c = pattern[p];
    if (c === '?' || (c !== undefined && c !== '*' && c === text[t])) {
      p += 1;
      t += 1;
    } else if (c === '*') {
      star = p;
      resume = t;
      p += 1;
    } else if (star >= 0) {
      p = star + 1;
      resume += 1;
      t = resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p += 1;
  return p === pattern.length;
}

/** True when the canonical account matches one entry of the list. */
export function matchesTarget(entry: string, canonical: string): boolean {
  const pattern = entry.trim().toLowerCase();
  const account = canonical.trim().toLowerCase();
  if (pattern.startsWith('@')) return account.endsWith(pattern);
  return globMatch(pattern, account);
}

export type PrivilegeReason = 'listed' | 'groups_unchecked';

/**
 * Whether the account is privileged, and why. Groups can only be used through a provider that looks up
 * membership before anything is sent; no provider here can, so when the policy names groups every account
 * counts as privileged (fail closed) and the screen says why.
 */
export function privilegeOf(policy: EffectivePolicy, canonical: string, groupsChecked = false): PrivilegeReason | null {
  if (policy.privileged.targets.some((entry) => matchesTarget(entry, canonical))) return 'listed';
  if (policy.privileged.groups.length > 0 && !groupsChecked) return 'groups_unchecked';
  return null;
}
