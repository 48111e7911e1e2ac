/**
 * A minimal browser for unit tests of the operator's sign-in: follows redirects with a cookie jar, signs in on
 * oidc-provider's development login page as a given account and consents, and ends at the app's loopback
 * redirect, returning the page the app showed there. Bounded in steps and time.
 */
export interface VisitResult {
  /** The last URL requested (the loopback redirect, when the sign-in got that far). */
  url: string;
  status: number;
  body: string;
}

export interface VisitOptions {
  /** The account to sign in as (oidc-provider's login takes any listed account id). */
  login: string;
  /** Press "Cancel" on the consent page instead of "Continue" (the provider then answers access_denied). */
  refuseConsent?: boolean;
  /** Rewrites the redirect back to the app before it is followed (a forged or replayed callback). */
  rewriteCallback?: (url: URL) => URL;
  callbackOrigin?: string;
}

const MAX_STEPS = 12;

/** Visits an authorization URL and acts as the signed-in user would. */
export async function visitAuthorization(start: string, options: VisitOptions): Promise<VisitResult> {
  const jar = new Map<string, string>();
  let url = start;
  let method: 'GET' | 'POST' = 'GET';
  let body: string | undefined;
  const callbackOrigin = options.callbackOrigin ?? 'http://127.0.0.1:';
  for (let step = 0; step < MAX_STEPS; step += 1) {
    if (url.startsWith(callbackOrigin) && options.rewriteCallback) url = options.rewriteCallback(new URL(url)).href;
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        ...(jar.size > 0 ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body ? { body } : {}),
      signal: AbortSignal.timeout(30_000),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    const text = await response.text();
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).href;
      method = 'GET';
      body = undefined;
      continue;
    }
    const form = /<form[^>]*action="([^"]+)"[^>]*>[\s\S]*?name="prompt" value="(login|consent)"/.exec(text);
    if (response.status === 200 && form) {
      const action = new URL(form[1]!.replace(/&amp;/g, '&'), url).href;
      if (form[2] === 'consent' && options.refuseConsent) {
        url = `${action.replace(/\/$/, '')}/abort`;
        method = 'GET';
        body = undefined;
        continue;
      }
      url = action;
      method = 'POST';
      body = form[2] === 'login' ? new URLSearchParams({ prompt: 'login', login: options.login, password: 'any' }).toString() : 'prompt=consent';
      continue;
    }
    return { url, status: response.status, body: text };
  }
  throw new Error(`the sign-in did not end within ${MAX_STEPS} steps (last: ${url})`);
}
