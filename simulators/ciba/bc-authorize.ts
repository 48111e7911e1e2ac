/**
 * POST /bc-authorize (providers.md §2.1, §2.3): authenticates the client, checks scope, binding message and
 * login_hint, creates the request (the phone rings) and answers auth_req_id, expires_in and interval.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CibaSimCore } from './core.js';
import { sendFault } from './faults.js';
import { sendError, sendJson } from '../shared/http-io.js';
import type { CibaSimUser } from './options.js';
import { readClientForm } from './requests-io.js';

export const BC_AUTHORIZE_PATH = '/bc-authorize';

/** Auth0's documented rule; the lenient one also allows spaces, as SDK mocks send them. */
const STRICT_BINDING = /^[A-Za-z0-9+\-_.,:#]{1,64}$/;
const LENIENT_BINDING = /^[A-Za-z0-9+\-_.,:# ]{1,64}$/;

type HintRead = { ok: true; user: CibaSimUser } | { ok: false; error: string; description: string };

/** Finds the user a login_hint names: Auth0's iss_sub JSON, or (for flexibility) a plain sub or an email. */
function resolveLoginHint(core: CibaSimCore, hint: string): HintRead {
  const unknown: HintRead = { ok: false, error: core.options.unknownUserError, description: 'login_hint parameter validation failed: user not found' };
  const format: HintRead = { ok: false, error: 'invalid_request', description: 'login_hint parameter validation failed: "sub" contains unsupported format' };
  if (hint.length > 1024) return format;
  if (hint.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(hint);
    } catch {
      return format;
    }
    const { format: kind, iss, sub } = (value ?? {}) as Record<string, unknown>;
    if (kind !== 'iss_sub' || typeof sub !== 'string') return format;
    if (iss !== core.issuer) return { ok: false, error: 'invalid_request', description: 'login_hint parameter validation failed: "iss" must be the tenant issuer' };
    const user = core.findUser(sub);
    return user ? { ok: true, user } : unknown;
  }
  const user = hint.includes('@') ? core.findUserByEmail(hint) : core.findUser(hint);
  return user ? { ok: true, user } : unknown;
}

export async function handleBcAuthorize(core: CibaSimCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  core.counts.bcAuthorize += 1;
  const { options } = core;
  const form = await readClientForm(core, req, res, BC_AUTHORIZE_PATH);
  if (!form) return;
  const refuse = (error: string, description: string): void => sendError(res, options.errorStatus, error, description);
  const scope = form.get('scope') ?? '';
  if (!scope.split(' ').includes('openid')) return refuse('invalid_scope', 'openid scope must be requested');
  const binding = form.get('binding_message');
  if (binding === undefined) return refuse('invalid_request', 'binding_message is required');
  if (!(options.strictBindingMessage ? STRICT_BINDING : LENIENT_BINDING).test(binding)) {
    return refuse('invalid_request', 'binding_message must be at most 64 characters and use only alphanumeric and +-_.,:# characters');
  }
  const hint = form.get('login_hint');
  if (!hint) return refuse('invalid_request', 'login_hint is required');
  const found = resolveLoginHint(core, hint);
  if (!found.ok) return refuse(found.error, found.description);
  if (!found.user.pushDevice) return refuse('invalid_request', 'The user does not have a push notification authenticator enrolled');
  const requested = form.get('requested_expiry');
  if (requested !== undefined && !/^\d{1,6}$/.test(requested)) return refuse('invalid_request', 'requested_expiry must be a whole number of seconds');
  const expiresIn = Math.min(options.maxExpiryS, Math.max(1, requested === undefined ? options.maxExpiryS : Number(requested)));
  const request = core.requests.create({
    user: found.user,
    scope,
    bindingMessage: binding,
    expiresInS: expiresIn,
    intervalS: options.intervalS,
    behaviour: core.behaviourFor(found.user),
  });
  // The push is out before a faulty answer: the worst case for the client, which cannot tell.
  const fault = core.takeBodyFault();
  if (fault) return sendFault(res, fault, options.stallMaxMs);
  sendJson(res, 200, { auth_req_id: request.authReqId, expires_in: expiresIn, interval: options.intervalS });
}
