/**
 * What the simulated endpoints share: reading parameters from a form or JSON body (Auth0 takes both), and
 * client authentication (basic, post or private key JWT) before anything else is looked at.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticateClient } from '../shared/client-auth.js';
import { parseForm, readBody, sendError } from '../shared/http-io.js';
import type { Auth0SimCore } from './core.js';

const MAX_BODY = 64 * 1024;

export interface Params {
  /** String parameters (form fields, or string members of a JSON body). */
  values: Map<string, string>;
  /** The JSON body, when the request had one (arrays such as authenticator_types live here). */
  json: Record<string, unknown> | null;
}

/** The body's parameters, or null after answering invalid_request. */
export async function readParams(req: IncomingMessage, res: ServerResponse): Promise<Params | null> {
  const type = req.headers['content-type'] ?? '';
  const refuse = (description: string): null => {
    sendError(res, 400, 'invalid_request', description);
    return null;
  };
  const body = await readBody(req, MAX_BODY);
  if (body === null) return refuse('The request body could not be read');
  if (/^application\/x-www-form-urlencoded\b/i.test(type)) {
    const form = parseForm(body);
    return form ? { values: form, json: null } : refuse('A parameter is repeated');
  }
  if (/^application\/json\b/i.test(type)) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return refuse('The body is not JSON');
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return refuse('The body must be a JSON object');
    const values = new Map<string, string>();
    for (const [key, value] of Object.entries(json)) if (typeof value === 'string') values.set(key, value);
    return { values, json: json as Record<string, unknown> };
  }
  return refuse('Content-Type must be application/x-www-form-urlencoded or application/json');
}

/**
 * Checks the client; false after answering the error. With `bearer` (the /mfa/associate case) the
 * Authorization header carries the mfa_token, so only credentials in the body are checked, when present.
 */
export function clientAccepted(core: Auth0SimCore, req: IncomingMessage, res: ServerResponse, params: Params, endpoint: string, bearer = false): boolean {
  if (bearer && !params.values.has('client_secret') && !params.values.has('client_assertion')) return true;
  const base = core.issuer.replace(/\/$/, '');
  const auth = authenticateClient(bearer ? ({ headers: {} } as IncomingMessage) : req, params.values, {
    options: core.options,
    audiences: [core.issuer, base, `${base}${endpoint}`],
    nowMs: Date.now(),
    seenJti: core.seenJti,
  });
  if (auth.ok) return true;
  sendError(res, auth.error === 'invalid_client' ? 401 : 400, auth.error, auth.description);
  return false;
}
