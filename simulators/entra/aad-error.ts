/** AAD-shaped JSON errors for the simulated token endpoint (reference §4). */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { JSON_TYPE, send } from './http-io.js';

/** Answers `status` with {error, error_description "AADSTS<code>: …", error_codes, timestamp, trace_id, …}. */
export function sendAadError(
  res: ServerResponse,
  status: number,
  error: string,
  code: number,
  text: string,
  nowMs: number,
): void {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date(nowMs).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const body = {
    error,
    error_description: [
      `AADSTS${code}: ${text}`,
      `Trace ID: ${traceId}`,
      `Correlation ID: ${correlationId}`,
      `Timestamp: ${timestamp}`,
    ].join('\r\n'),
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  };
  send(res, status, JSON_TYPE, JSON.stringify(body));
}
