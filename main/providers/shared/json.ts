/** JSON bodies as OpenID and OAuth servers send them: read as one object, and a key set's shape. */
import { z } from 'zod';
import type { HttpResponse } from '../../services/http.js';

const text = (max: number) => z.string().max(max);

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

/** Reads a body as a JSON object. HTML and anything not an object is refused with a short reason. */
export function readJsonObject(response: HttpResponse): JsonRead {
  const type = response.contentType.toLowerCase();
  if (type.includes('html')) return { ok: false, detail: `HTTP ${response.status} HTML page instead of JSON` };
  let value: unknown;
  try {
    value = JSON.parse(response.body);
  } catch {
    return { ok: false, detail: `HTTP ${response.status} body is not JSON` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, detail: `HTTP ${response.status} body is not a JSON object` };
  }
  return { ok: true, value };
}
