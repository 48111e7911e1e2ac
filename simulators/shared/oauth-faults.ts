/**
 * Faults the OAuth-style simulators (CIBA, Auth0) share: body faults replace a whole answer after the request
 * was handled (so a push may be out), and the fault views every such sandbox offers first.
 */
import type { ServerResponse } from 'node:http';
import type { SandboxFaultView } from '../../contract/domain.js';
import { HTML_TYPE, JSON_TYPE, send } from './http-io.js';

export const bodyFaults = ['http_500', 'html_body', 'malformed_json', 'oversize_body', 'stall'] as const;
export type BodyFault = (typeof bodyFaults)[number];

/** True when `fault` replaces a whole answer. */
export const isBodyFault = (fault: string): fault is BodyFault => (bodyFaults as readonly string[]).includes(fault);

/** "Normal" first, then the transport faults, slow_down and an error inside a success status. */
export const commonFaultViews: readonly SandboxFaultView[] = [
  { id: 'none', label: 'Normal' },
  { id: 'http_500', label: 'Server error (HTTP 500)' },
  { id: 'html_body', label: 'A web page instead of an answer' },
  { id: 'malformed_json', label: 'Broken answer (cut-off JSON)' },
  { id: 'oversize_body', label: 'Oversized answer (over 1 MB)' },
  { id: 'stall', label: 'No answer at all (connection hangs)' },
  { id: 'slow_down', label: 'Ask the app to poll more slowly' },
  { id: 'error_with_200', label: 'Success status with an error inside' },
];

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
      return send(res, 200, HTML_TYPE, '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action="/login"></form></body></html>');
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
