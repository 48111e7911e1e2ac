/**
 * Faults a test or the sandbox arms for the next answer. Body faults (shared with the Auth0 simulator) replace
 * the next answer of /bc-authorize or /oauth/token (after the request was handled, so a push may be out);
 * token faults alter the next successful token answer.
 */
import type { SandboxFaultView } from '../../contract/domain.js';
import { commonFaultViews, type BodyFault } from '../shared/oauth-faults.js';

export { isBodyFault, sendFault, type BodyFault } from '../shared/oauth-faults.js';

export const tokenFaults = ['error_with_200', 'id_token_wrong_sub', 'id_token_wrong_aud', 'id_token_bad_signature', 'id_token_missing'] as const;
export type TokenFault = (typeof tokenFaults)[number];
export type CibaFault = 'none' | BodyFault | TokenFault | 'slow_down';

export const faultViews: readonly SandboxFaultView[] = [
  ...commonFaultViews,
  { id: 'id_token_wrong_sub', label: 'Signed answer for another user' },
  { id: 'id_token_wrong_aud', label: 'Signed answer for another application' },
  { id: 'id_token_bad_signature', label: 'Answer with a forged signature' },
  { id: 'id_token_missing', label: 'Answer without proof of identity (no ID token)' },
];

export function isCibaFault(value: string): value is CibaFault {
  return faultViews.some((fault) => fault.id === value);
}

export const isTokenFault = (fault: string): fault is TokenFault => (tokenFaults as readonly string[]).includes(fault);
