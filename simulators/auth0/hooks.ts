/**
 * Device-side test hooks over HTTP (not Auth0; providers.md §1.7 item 8): pending pushes, approve or reject
 * by id, the last text message of a user, and the Guardian app scanning an enrollment QR code.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../shared/http-io.js';
import type { Auth0SimCore } from './core.js';
import type { OobEntry } from './oob.js';

export const HOOK_PREFIX = '/__sim/auth0/';
const ACTION_PATH = /^\/__sim\/auth0\/oob\/([0-9a-f-]{36})\/(approve|reject)$/;
const SCAN_PATH = /^\/__sim\/auth0\/enroll\/([A-Za-z0-9_-]{1,64})\/scan$/;

/** An out-of-band transaction as hooks and the in-process API show it (never the oob_code). */
export interface PendingView {
  id: string;
  sub: string;
  username: string;
  channel: OobEntry['channel'];
  /** The code texted or spoken (SMS, voice, email); null for a push. */
  bindingCode: string | null;
  /** The enrollment transaction a Guardian QR code names; null for a sign-in. */
  enrollmentTxId: string | null;
  expiresAt: number;
}

export function pendingView(entry: OobEntry): PendingView {
  return {
    id: entry.id,
    sub: entry.sub,
    username: entry.username,
    channel: entry.channel,
    bindingCode: entry.bindingCode,
    enrollmentTxId: entry.enrollment?.txId ?? null,
    expiresAt: entry.expiresAt,
  };
}

/** The Guardian app scanned the QR code of enrollment `txId`: its transaction is confirmed. */
export function scanEnrollment(core: Auth0SimCore, txId: string): boolean {
  const entry = core.oobs.pending({ channel: 'auth0' }).find((e) => e.enrollment?.txId === txId);
  if (!entry) return false;
  entry.state = 'approved';
  core.notify();
  return true;
}

/** The newest unexpired text message (or call) to `username`. */
export function lastMessage(core: Auth0SimCore, username: string): PendingView | null {
  const wanted = username.trim().toLowerCase();
  const messages = core.oobs.pending({}).filter((e) => e.channel !== 'auth0' && e.username.toLowerCase() === wanted);
  const last = messages.at(-1);
  return last ? pendingView(last) : null;
}

export function handleHook(core: Auth0SimCore, req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): void {
  if (req.method === 'GET' && path === `${HOOK_PREFIX}pending`) {
    const sub = query.get('sub') ?? undefined;
    return sendJson(res, 200, { pending: core.oobs.pending(sub ? { sub } : {}).map(pendingView) });
  }
  if (req.method === 'GET' && path === `${HOOK_PREFIX}sms/last`) {
    return sendJson(res, 200, { message: lastMessage(core, query.get('user') ?? '') });
  }
  const action = ACTION_PATH.exec(path);
  if (req.method === 'POST' && action) {
    const ok = core.oobs.answer(action[1]!, action[2] === 'approve' ? 'approve' : 'reject');
    return sendJson(res, ok ? 200 : 404, { ok });
  }
  const scan = SCAN_PATH.exec(path);
  if (req.method === 'POST' && scan) {
    const ok = scanEnrollment(core, scan[1]!);
    return sendJson(res, ok ? 200 : 404, { ok });
  }
  sendJson(res, 404, { error: 'not_found' });
}
