/**
 * Simulated StrongAuthenticationService connector (reference §7.2): routing (`/Op` and `//Op`), bearer check,
 * injected faults, request parsing, then the operation.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONNECTOR_PATH, ENTRA_CLIENT_ID } from '../../main/providers/entra/cloud.js';
import type { SimCore } from './core.js';
import { sendFault } from './faults.js';
import { HTML_TYPE, readBody, requestErrorPage, send, XML_TYPE } from './http-io.js';
import type { OpAnswer } from './op-answer.js';
import { handleBegin } from './op-begin.js';
import { handleEnd } from './op-end.js';
import { handleMethods } from './op-methods.js';
import { parseRequest, requestSpecs, type Op } from './request.js';

const MAX_REQUEST_BYTES = 64 * 1024;

/** True when `path` belongs to the connector (or is the host root). */
export function isConnectorPath(path: string): boolean {
  return path === '/' || path === CONNECTOR_PATH || path.startsWith(CONNECTOR_PATH + '/');
}

/** Handles one connector request; `started` is when it arrived (for the transcript). */
export async function handleConnector(
  core: SimCore,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  started: number,
): Promise<void> {
  const opName = path.slice(CONNECTOR_PATH.length).replace(/^\/+/, '');
  const record = (outcome: string, answer?: OpAnswer): void =>
    core.transcript.add({
      at: new Date(started).toISOString(),
      op: opName || '/',
      upn: answer?.upn ?? null,
      contextId: answer?.contextId ?? null,
      callerName: answer?.callerName ?? null,
      method: answer?.method ?? null,
      outcome,
      latencyMs: core.now() - started,
    });
  if (req.method === 'GET' && (path === '/' || opName === '')) return send(res, 403, HTML_TYPE, page('403 Forbidden'));
  if (!Object.hasOwn(requestSpecs, opName)) return send(res, 404, HTML_TYPE, page('Endpoint not found.'));
  if (req.method !== 'POST') return send(res, 405, null);
  const op = opName as Op;
  core.counts.connectorRequests += 1;
  await core.delay(core.options.latencyMs);
  if (core.takeFault('token_401_once') || !bearerValid(core, req.headers.authorization)) {
    record('http_401');
    return send(res, 401, null);
  }
  if (!/^(text|application)\/xml\b/i.test(req.headers['content-type'] ?? '')) {
    record('http_415');
    return send(res, 415, HTML_TYPE, requestErrorPage('The content type must be text/xml or application/xml.'));
  }
  const body = await readBody(req, MAX_REQUEST_BYTES);
  if (body === null) {
    record('http_413');
    return send(res, 413, null);
  }
  const fault = core.takeBodyFault();
  if (fault === 'stall') {
    record('fault:stall');
    // Why: a server that accepts the request and never answers; the client's own deadline must end it.
    return core.stall();
  }
  if (fault) {
    record(`fault:${fault}`);
    return sendFault(res, fault, upnIn(body));
  }
  const answer = await runOp(core, op, body);
  if (!answer) {
    record('http_400');
    return send(res, 400, HTML_TYPE, requestErrorPage('The request body could not be read.'));
  }
  record(answer.outcome, answer);
  send(res, 200, XML_TYPE, answer.xml);
}

async function runOp(core: SimCore, op: Op, body: string): Promise<OpAnswer | null> {
  const warnIfOutOfOrder = (outOfOrder: boolean): void => {
    const note = 'members out of data-contract order; the real service may drop them';
    if (outOfOrder) core.options.logger.log('warn', 'entra.sim.member_order', { op, note });
  };
  switch (op) {
    case 'BeginTwoWayAuthentication': {
      const parsed = parseRequest(op, body);
      if (!parsed) return null;
      warnIfOutOfOrder(parsed.outOfOrder);
      return handleBegin(core, parsed.fields);
    }
    case 'EndTwoWayAuthentication': {
      const parsed = parseRequest(op, body);
      if (!parsed) return null;
      warnIfOutOfOrder(parsed.outOfOrder);
      return handleEnd(core, parsed.fields);
    }
    case 'GetAvailableAuthenticationMethods': {
      const parsed = parseRequest(op, body);
      if (!parsed) return null;
      warnIfOutOfOrder(parsed.outOfOrder);
      return handleMethods(core, parsed.fields);
    }
  }
}

function bearerValid(core: SimCore, header: string | undefined): boolean {
  const token = /^Bearer ([A-Za-z0-9._-]{1,8192})$/.exec(header ?? '')?.[1];
  if (!token) return false;
  const claims = core.issuer.verify(token, core.now());
  const { resource, tenantId } = core.options;
  return claims !== null && claims.aud === resource && claims.tid === tenantId && claims.appid === ENTRA_CLIENT_ID;
}

function page(text: string): string {
  return `<html><body>${text}</body></html>`;
}

/** The UPN named in a request body, for faults that answer about a user (never parsed beyond this). */
function upnIn(body: string): string | null {
  return /<UserPrincipalName>([^<]{1,256})<\/UserPrincipalName>/.exec(body)?.[1] ?? null;
}
