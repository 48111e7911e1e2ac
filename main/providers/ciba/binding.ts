/**
 * The binding message: a short random code (MFA-4821) shown on the user's phone with the request. The agent
 * reads it to the caller, who approves only if the phone shows the same code, so a request started by
 * someone else at the same moment cannot be approved by mistake (the protection number matching gives).
 */
import { randomInt } from 'node:crypto';

/**
 * The strictest rules in common use, and a message must pass both: Auth0 (64 characters of letters, digits
 * and +-_.,:#) and oidc-provider's default (20 characters of letters, digits and -._+/!?#).
 */
const AUTH0_RULE = /^[A-Za-z0-9+\-_.,:#]{1,64}$/;
const OIDC_PROVIDER_RULE = /^[a-zA-Z0-9\-._+/!?#]{1,20}$/;

/** True when every common server rule accepts `message`. */
export function isPortableBindingMessage(message: string): boolean {
  return message.length <= 20 && AUTH0_RULE.test(message) && OIDC_PROVIDER_RULE.test(message);
}

/** A fresh `<prefix>-<4 random digits>` code; throws when the prefix would break the rules above. */
export function newBindingMessage(prefix: string): string {
  // Why crypto.randomInt: a guessable code would let an impostor predict what the phone shows.
  const message = `${prefix}-${randomInt(0, 10_000).toString().padStart(4, '0')}`;
  if (!isPortableBindingMessage(message)) throw new Error('The binding code prefix must be 1 to 8 letters or digits.');
  return message;
}
