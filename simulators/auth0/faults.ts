/**
 * Faults a test or the sandbox arms for the next answer of the token endpoint. Body faults replace the whole
 * answer (after the request was handled); token faults alter the next successful token answer; slow_down
 * answers the next push poll with slow_down whatever its timing.
 */
import type { ServerResponse } from 'node:http';
import type { SandboxFaultView } from '../../contract/domain.js';
import { HTML_TYPE, JSON_TYPE, send } from '../shared/http-io.js';

export const bodyFaults = ['http_500', 'html_body', 'malformed_json', 'oversize_body', 'stall'] as const;
export const tokenFaults = ['error_with_200', 'id_token_wrong_aud', 'id_token_wrong_iss', 'id_token_bad_signature', 'id_token_missing', 'id_token_old'] as const;
/** Faults of the challenge answer, after the push or text went out: the answer is lost, the push is on the phone. */
export const challengeFaults = { challenge_http_500: 'http_500', challenge_malformed: 'malformed_json', challenge_stall: 'stall' } as const;
export type ChallengeFault = keyof typeof challengeFaults;
export type BodyFault = (typeof bodyFaults)[number];
export type TokenFault = (typeof tokenFaults)[number];
export type Auth0Fault = 'none' | BodyFault | TokenFault | ChallengeFault | 'slow_down';

export const faultViews: readonly SandboxFaultView[] = [
  { id: 'none', label: 'Normal' },
  { id: 'http_500', label: 'Server error (HTTP 500)' },
  { id: 'html_body', label: 'A web page instead of an answer' },
  { id: 'malformed_json', label: 'Broken answer (cut-off JSON)' },
  { id: 'oversize_body', label: 'Oversized answer (over 1 MB)' },
  { id: 'stall', label: 'No answer at all (connection hangs)' },
  { id: 'slow_down', label: 'Ask the app to poll more slowly' },
  { id: 'error_with_200', label: 'Success status with an error inside' },
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

export const isBodyFault = (fault: Auth0Fault): fault is BodyFault => (bodyFaults as readonly string[]).includes(fault);
export const isTokenFault = (fault: Auth0Fault): fault is TokenFault => (tokenFaults as readonly string[]).includes(fault);
export const isChallengeFault = (fault: Auth0Fault): fault is ChallengeFault => Object.prototype.hasOwnProperty.call(challengeFaults, fault);

let oversize: string | null = null;
/** Just over 1 MiB: larger than every response cap on the client side. */
function oversizeBody(): string {
  oversize ??= JSON.stringify({ error: 'authorization_pending', error_description: 'A'.repeat(1024 * 1024 + 4096) });
  return oversize;
}

/** Answers with `fault` instead of the real answer. A stall answers nothing and returns at once. */
export function sendFault(res: ServerResponse, fault: BodyFault, stallMaxMs: number): void {
  switch (fault) {
    case 'http_500':
      return send(res, 500, HTML_TYPE, '<!DOCTYPE html><html><body><h1>Internal Server Error</h1></body></html>');
    case 'html_body':
      return send(res, 200, HTML_TYPE, '<!DOCTYPE html><html><head><title>Log in</title></head><body><form action="/u/login"></form></body></html>');
    case 'malformed_json':
      return send(res, 200, JSON_TYPE, '{"access_token":"eyJ","token_type":"Bearer","id_token":"ey');
    case 'oversize_body':
      return send(res, 200, JSON_TYPE, oversizeBody());
    case 'stall': {
      // Hold the connection without a byte of answer; drop it after stallMaxMs if the client is still there.
      const timer = setTimeout(() => res.destroy(), stallMaxMs);
      timer.unref();
      res.on('close', () => clearTimeout(timer));
      return;
    }
  }
}
