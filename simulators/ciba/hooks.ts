/**
 * Device-side test hooks over HTTP (not Auth0; providers.md §2.3 item 5): the pending requests with their
 * binding messages, and approve or reject by request id.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CibaSimCore } from './core.js';
import { sendJson } from '../shared/http-io.js';
import type { CibaRequest } from './requests.js';

export const HOOK_PREFIX = '/__sim/ciba/';
const ACTION_PATH = /^\/__sim\/ciba\/([0-9a-f-]{36})\/(approve|reject)$/;

/** A pending request as the hooks and the in-process API show it (never the auth_req_id). */
export interface PendingView {
  id: string;
  sub: string;
  email: string;
  bindingMessage: string | null;
  scope: string;
  expiresAt: number;
}

export function pendingView(request: CibaRequest): PendingView {
  return {
    id: request.id,
    sub: request.user.sub,
    email: request.user.email,
    bindingMessage: request.bindingMessage,
    scope: request.scope,
    expiresAt: request.expiresAt,
  };
}

export function handleHook(core: CibaSimCore, req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): void {
  if (req.method === 'GET' && path === `${HOOK_PREFIX}pending`) {
    const sub = query.get('sub') ?? undefined;
    return sendJson(res, 200, { pending: core.requests.pending(sub).map(pendingView) });
  }
  const action = ACTION_PATH.exec(path);
  if (req.method === 'POST' && action) {
    const ok = core.requests.answer(action[1]!, action[2] === 'approve' ? 'approve' : 'deny');
    return sendJson(res, ok ? 200 : 404, { ok });
  }
  sendJson(res, 404, { error: 'not_found' });
}
