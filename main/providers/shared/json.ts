/**
 * Reading provider JSON safely, for every OAuth-style provider: a body becomes a JSON object only when it is
 * one (HTML and arrays are refused with a short reason), OAuth errors and key sets are checked by schema,
 * strings are size limited first, and unknown members are dropped (never spread into anything).
 */
import { z } from 'zod';
import type { HttpResponse } from '../../services/http.js';

const text = (max: number) => z.string().max(max);

/** An OAuth error (RFC 6749 §5.2): the code is a short token, the description free text. */
export const oauthErrorSchema = z.object({
  error: text(100).regex(/^[\x20-\x21\x23-\x5b\x5d-\x7e]{1,100}$/),
  error_description: text(2000).optional(),
});
export type OAuthError = z.infer<typeof oauthErrorSchema>;

/** A JSON Web Key Set; only members jose needs are kept. */
export const jwksSchema = z.object({
  keys: z
    .array(
      z.looseObject({
        kty: text(10),
        kid: text(200).optional(),
        use: text(10).optional(),
        alg: text(20).optional(),
      }),
    )
    .max(100),
});

export type JsonRead = { ok: true; value: unknown } | { ok: false; detail: string };

/** Reads a body as JSON (an object or an array). HTML and anything unparseable is refused with a short reason. */
export function readJsonValue(response: HttpResponse): JsonRead {
  const type = response.contentType.toLowerCase();
  if (type.includes('html')) return { ok: false, detail: `HTTP ${response.status} HTML page instead of JSON` };
  let value: unknown;
  try {
    value = JSON.parse(response.body);
  } catch {
    return { ok: false, detail: `HTTP ${response.status} body is not JSON` };
  }
  if (typeof value !== 'object' || value === null) return { ok: false, detail: `HTTP ${response.status} body is not a JSON object` };
  return { ok: true, value };
}

/** Reads a body as a JSON object. HTML, arrays and anything not an object is refused with a short reason. */
export function readJsonObject(response: HttpResponse): JsonRead {
  const read = readJsonValue(response);
  if (read.ok && Array.isArray(read.value)) return { ok: false, detail: `HTTP ${response.status} body is not a JSON object` };
  return read;
}

/** True when a parsed body carries an `error` member at all (even with status 200). */
export function hasErrorMember(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, 'error');
}
