/** The `login_hint` naming the account, in the format the profile's provider expects. */
import type { CibaSettings } from '../../../contract/providers/ciba.js';

/** Auth0 wants the issuer with its final slash inside the iss_sub hint. */
function withTrailingSlash(issuer: string): string {
  return issuer.endsWith('/') ? issuer : `${issuer}/`;
}

/**
 * `subject` is the canonical subject (checked by the contract). Auth0's iss_sub format is a JSON string:
 * {"format":"iss_sub","iss":"https://tenant/","sub":"auth0|…"}; plain and email send the value as is.
 */
export function loginHintFor(format: CibaSettings['loginHintFormat'], issuer: string, subject: string): string {
  if (format === 'iss_sub') return JSON.stringify({ format: 'iss_sub', iss: withTrailingSlash(issuer), sub: subject });
  return subject;
}
