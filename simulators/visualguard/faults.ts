/**
 * Faults a test or the sandbox arms for the next answer of the simulated VisualGuard: broken transport and
 * bodies on any route, and the answers only one route can give wrong (token, QR download, validation).
 */
import type { ServerResponse } from 'node:http';
import type { SandboxFaultView } from '../../contract/domain.js';
import { HTML_TYPE, JSON_TYPE, send } from './http-io.js';

export type VgRoute = 'token' | 'qr' | 'validate';

export const vgFaultViews: readonly (SandboxFaultView & { route: VgRoute | 'any' })[] = [
  { id: 'none', label: 'Normal', route: 'any' },
  { id: 'http_500', label: 'Server error (HTTP 500)', route: 'any' },
  { id: 'html_body', label: 'A web page instead of an answer', route: 'any' },
  { id: 'malformed_json', label: 'Broken answer (cut-off JSON)', route: 'any' },
  { id: 'oversize_body', label: 'Oversized answer (over 1 MB)', route: 'any' },
  { id: 'stall', label: 'No answer at all (connection hangs)', route: 'any' },
  { id: 'invalid_client', label: 'Sign-in: client ID or secret refused', route: 'token' },
  { id: 'missing_vgresponse', label: 'Sign-in: answer without VGResponse', route: 'token' },
  { id: 'flag_not_boolean', label: 'Sign-in: a state flag that is not true or false', route: 'token' },
  { id: 'wrong_identity', label: 'Sign-in: answer for another user', route: 'token' },
  { id: 'qr_not_image', label: 'QR download: not an image', route: 'qr' },
  { id: 'validate_expired', label: 'Code check: request expired', route: 'validate' },
  { id: 'validate_no_verdict', label: 'Code check: answer without a verdict', route: 'validate' },
];

export type VgFault = (typeof vgFaultViews)[number]['id'];

/** True for a fault id the simulator knows. */
export function isVgFault(value: string): value is VgFault {
  return vgFaultViews.some((fault) => fault.id === value);
}

/** The route a fault waits for ("any": the next request, whatever it is). */
export const faultRoute = (fault: VgFault): VgRoute | 'any' => vgFaultViews.find((f) => f.id === fault)?.route ?? 'any';

let oversize: string | null = null;

/** Answers with a transport or body fault. True when it answered (a stall answers nothing). */
export function sendBodyFault(res: ServerResponse, fault: VgFault, stallMaxMs: number): boolean {
  switch (fault) {
    case 'http_500':
      send(res, 500, HTML_TYPE, '<!DOCTYPE html><html><body><h1>Internal Server Error</h1></body></html>');
      return true;
    case 'html_body':
      send(res, 200, HTML_TYPE, '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action="/Account/Login"></form></body></html>');
      return true;
    case 'malformed_json':
      send(res, 200, JSON_TYPE, '{"VGResponse":{"RequestId":"de908cdd-1e9f","AuthenticationState":{"IsFa');
      return true;
    case 'oversize_body':
      oversize ??= JSON.stringify({ error: 'invalid_request', error_description: 'A'.repeat(1024 * 1024 + 4096) });
      send(res, 200, JSON_TYPE, oversize);
      return true;
    case 'stall': {
      const timer = setTimeout(() => res.destroy(), stallMaxMs);
      timer.unref();
      res.on('close', () => clearTimeout(timer));
      return true;
    }
    default:
      return false;
  }
}
