/** Bodies for injected connector faults: what a broken proxy, a server error or an attacker could send. */
import type { ServerResponse } from 'node:http';
import type { BodyFault } from './core.js';
import { HTML_TYPE, send, XML_TYPE } from './http-io.js';
import { beginXml } from './xml-out.js';

const ROOT = 'BeginTwoWayAuthenticationResponse';

/** The billion-laughs DTD: ten levels of entities, each ten times the one before. */
function entityBomb(): string {
  const entities = ['<!ENTITY lol0 "lol">'];
  for (let level = 1; level <= 9; level += 1) {
    entities.push(`<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`);
  }
  const body = '<Result><Value>&lol9;</Value></Result><AuthenticationResult>true</AuthenticationResult>';
  return `<?xml version="1.0"?><!DOCTYPE lolz [${entities.join('')}]><${ROOT}>${body}</${ROOT}>`;
}

let oversize: string | null = null;
/** Just over 1 MiB: larger than every response cap on the client side. */
function oversizeBody(): string {
  if (oversize === null) {
    const message = 'A'.repeat(1024 * 1024 + 4096);
    oversize = `<${ROOT}><Result><Value>Success</Value><Message>${message}</Message></Result></${ROOT}>`;
  }
  return oversize;
}

const LOGIN_PAGE =
  '<!DOCTYPE html><html><head><title>Sign in to continue</title></head>' +
  '<body><form action="/login"><input name="user"></form></body></html>';
const TRUNCATED = `<${ROOT}><Result><Value>Success</Value></Result><AuthenticationResult>true</Authentication`;

/** Answers the request with `fault` instead of the real response (`stall` is handled by the caller). */
export function sendFault(res: ServerResponse, fault: Exclude<BodyFault, 'stall'>, upn: string | null): void {
  switch (fault) {
    case 'http_500':
      return send(res, 500, HTML_TYPE, '<!DOCTYPE html><html><body><h1>Internal Server Error</h1></body></html>');
    case 'html_body':
      return send(res, 200, HTML_TYPE, LOGIN_PAGE);
    case 'malformed_xml':
      return send(res, 200, XML_TYPE, TRUNCATED);
    case 'entity_bomb':
      return send(res, 200, XML_TYPE, entityBomb());
    case 'oversize_body':
      return send(res, 200, XML_TYPE, oversizeBody());
    case 'wrong_upn': {
      // An approval that names someone else: what a rogue endpoint copying answers between users would send.
      const other = `someone.else@${upn?.split('@')[1] ?? 'example.com'}`;
      return send(res, 200, XML_TYPE, beginXml({ value: 'Success', authResult: 'true', upn: other, sessionId: 'fault-session' }));
    }
    case 'unknown_value':
      return send(res, 200, XML_TYPE, beginXml({ value: 'BrandNewResultValue', authResult: 'true', upn }));
  }
}
