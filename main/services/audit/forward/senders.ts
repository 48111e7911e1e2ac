/**
 * Delivery of one batch to a destination. A batch counts as delivered only when the receiver has it:
 * HTTPS answers 2xx; syslog over TLS has no acknowledgement, so the connection is closed after each batch
 * and the receiver's own close (after reading everything) is awaited. Anything else is a failure and the
 * whole batch is sent again later (at least once; receivers can drop repeats by `seq`).
 */
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import type { ForwardDestination } from '../../../../contract/audit.js';
import { frame, hecBody, syslogMessage, webhookBody, type Outgoing } from './format.js';

export const SEND_TIMEOUT_MS = 15_000;

/** Sends `entries`; resolves when delivered, rejects with a short reason otherwise. */
export type Sender = (entries: Outgoing[], signal: AbortSignal) => Promise<void>;

/** Trusted CAs: the system's plus the destination's own (an internal CA or a self-signed receiver). */
const trust = (caPem: string | undefined): string[] | undefined => (caPem ? [...tls.rootCertificates, caPem] : undefined);

function syslogSender(dest: Extract<ForwardDestination, { kind: 'syslog-tls' }>, installation: string): Sender {
  return (entries, signal) =>
    new Promise<void>((resolve, reject) => {
      const servername = dest.serverName ?? (net.isIP(dest.host) ? undefined : dest.host);
      const socket = tls.connect({
        host: dest.host,
        port: dest.port,
        ...(servername ? { servername } : {}),
        ...(dest.caPem ? { ca: trust(dest.caPem) } : {}),
        minVersion: 'TLSv1.2',
        rejectUnauthorized: true,
      });
      let done = false;
      const finish = (error: Error | null): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        socket.destroy();
        if (error) reject(error);
        else resolve();
      };
      const onAbort = (): void => finish(new Error('stopped'));
      const timer = setTimeout(() => finish(new Error('the syslog receiver did not answer in time')), SEND_TIMEOUT_MS);
      signal.addEventListener('abort', onAbort, { once: true });
      socket.once('error', (error) => finish(new Error(`syslog: ${error.message}`)));
      socket.once('secureConnect', () => {
        socket.end(Buffer.concat(entries.map((e) => frame(syslogMessage(e, installation)))));
      });
      // The receiver closes its side once it has read up to our end: everything sent was received.
      socket.once('end', () => finish(null));
      socket.resume();
    });
}

function httpsSender(url: string, caPem: string | undefined, headers: Record<string, string>, body: (entries: Outgoing[]) => string): Sender {
  return (entries, signal) =>
    new Promise<void>((resolve, reject) => {
      const payload = body(entries);
      const request = https.request(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload), ...headers },
        ...(caPem ? { ca: trust(caPem) } : {}),
        minVersion: 'TLSv1.2',
        timeout: SEND_TIMEOUT_MS,
        signal,
        agent: false,
      });
      request.once('timeout', () => request.destroy(new Error('the receiver did not answer in time')));
      request.once('error', (error) => reject(new Error(`https: ${error.message}`)));
      request.once('response', (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve();
        else reject(new Error(`the receiver answered HTTP ${status}`));
      });
      request.end(payload);
    });
}

/** Splunk HEC's event endpoint under a base URL (kept as is when the URL already names it). */
export function hecUrl(base: string): string {
  return /\/services\/collector(\/event)?\/?$/.test(base) ? base : `${base.replace(/\/+$/, '')}/services/collector/event`;
}

/** The sender for a destination; `secret` is its bearer or HEC token from the keychain, if any. */
export function senderFor(dest: ForwardDestination, installation: string, secret: string | null): Sender {
  switch (dest.kind) {
    case 'syslog-tls':
      return syslogSender(dest, installation);
    case 'webhook':
      return httpsSender(dest.url, dest.caPem, secret ? { Authorization: `Bearer ${secret}` } : {}, (e) => webhookBody(e, installation));
    case 'splunk-hec':
      return httpsSender(hecUrl(dest.url), dest.caPem, secret ? { Authorization: `Splunk ${secret}` } : {}, (e) => hecBody(e, installation));
  }
}
