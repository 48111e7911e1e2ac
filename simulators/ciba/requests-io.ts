/** What the two CIBA endpoints share: reading the form and authenticating the client. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticateClient } from '../shared/client-auth.js';
import type { CibaSimCore } from './core.js';
import { parseForm, readBody, sendError } from '../shared/http-io.js';

/** Longest request body read. */
const MAX_BODY = 64 * 1024;

/** The form of an authenticated client request, or null after answering the error. */
export async function readClientForm(core: CibaSimCore, req: IncomingMessage, res: ServerResponse, endpoint: string): Promise<Map<string, string> | null> {
  const status = core.options.errorStatus;
  if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
    sendError(res, status, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
    return null;
  }
  const body = await readBody(req, MAX_BODY);
  const form = body === null ? null : parseForm(body);
  if (!form) {
    sendError(res, status, 'invalid_request', 'The request body could not be read, or repeats a parameter');
    return null;
  }
  const base = core.issuer.replace(/\/$/, '');
  const auth = authenticateClient(req, form, {
    options: core.options,
    audiences: [core.issuer, base, `${base}${endpoint}`],
    nowMs: Date.now(),
    seenJti: core.seenJti,
  });
  if (!auth.ok) {
    sendError(res, auth.error === 'invalid_client' ? 401 : status, auth.error, auth.description);
    return null;
  }
  return form;
}
