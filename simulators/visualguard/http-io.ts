/** Request parameters for the VisualGuard simulator; reading and writing are the simulators' shared ones. */
export { HTML_TYPE, JSON_TYPE, readBody, send, sendJson } from '../shared/http-io.js';

/** Request parameters from the query string, a form body or a JSON body; names compared without case (as ASP.NET binds them). */
export function parameters(query: URLSearchParams, contentType: string, body: string): Map<string, string> {
  const out = new Map<string, string>();
  const put = (key: string, value: unknown): void => {
    if (typeof value === 'string' || typeof value === 'number') out.set(key.toLowerCase(), String(value));
  };
  for (const [key, value] of query) put(key, value);
  if (/json/i.test(contentType)) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed && typeof parsed === 'object') for (const [key, value] of Object.entries(parsed)) put(key, value);
    } catch {
      // An unreadable body adds nothing; the handler reports the missing parameters.
    }
  } else if (/x-www-form-urlencoded/i.test(contentType)) {
    for (const [key, value] of new URLSearchParams(body)) put(key, value);
  }
  return out;
}
