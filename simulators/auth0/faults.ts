/**
 * Faults a test or the sandbox arms for the next answer. Body faults (shared with the CIBA simulator) replace
 * the whole answer of the token endpoint (after the request was handled); token faults alter the next
 * successful token answer; challenge faults lose the challenge answer after the push or text went out;
 * slow_down answers the next push poll with slow_down whatever its timing.
 */
import type { SandboxFaultView } from '../../contract/domain.js';
import { commonFaultViews, type BodyFault } from '../shared/oauth-faults.js';

export { isBodyFault, sendFault, type BodyFault } from '../shared/oauth-faults.js';

export const tokenFaults = ['error_with_200', 'id_token_wrong_aud', 'id_token_wrong_iss', 'id_token_bad_signature', 'id_token_missing', 'id_token_old'] as const;
export type TokenFault = (typeof tokenFaults)[number];
/** Faults of the challenge answer, after the push or text went out: the answer is lost, the push is on the phone. */
export const challengeFaults = { challenge_http_500: 'http_500', challenge_malformed: 'malformed_json', challenge_stall: 'stall' } as const;
export type ChallengeFault = keyof typeof challengeFaults;
export type Auth0Fault = 'none' | BodyFault | TokenFault | ChallengeFault | 'slow_down';

export const faultViews: readonly SandboxFaultView[] = [
  ...commonFaultViews,
  { id: 'id_token_wrong_aud', label: 'Signed answer for another application' },
  { id: 'id_token_wrong_iss', label: 'Signed answer from another tenant' },
  { id: 'id_token_bad_signature', label: 'Answer with a forged signature' },
  { id: 'id_token_missing', label: 'Answer without proof of identity (no ID token)' },
  { id: 'id_token_old', label: 'Answer with an old ID token (replayed)' },
  { id: 'challenge_http_500', label: 'Push sent, then a server error' },
  { id: 'challenge_malformed', label: 'Push sent, then a broken answer' },
  { id: 'challenge_stall', label: 'Push sent, then no answer' },
];

export function isAuth0Fault(value: string): value is Auth0Fault {
  return faultViews.some((fault) => fault.id === value);
}

export const isTokenFault = (fault: string): fault is TokenFault => (tokenFaults as readonly string[]).includes(fault);
export const isChallengeFault = (fault: string): fault is ChallengeFault => Object.prototype.hasOwnProperty.call(challengeFaults, fault);
