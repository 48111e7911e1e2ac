/**
 * The loopback redirect (RFC 8252 §7.3, §8.3): 127.0.0.1 on a port the OS picks, the exact path only, the
 * Host checked, one request taken and then nothing else, a deadline, and a page with no script that keeps the
 * code out of any Referer.
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { openLoopbackRedirect } from '../../../main/services/operator/loopback.js';

/** A raw GET, so the Host header can be anything. */
function get(port: number, path: string, host = `127.0.0.1:${port}`): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers: { Host: host }, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the loopback redirect', () => {
  it('takes the first request to its exact path, on 127.0.0.1 with the right Host, and then nothing else', async () => {
    const loopback = await openLoopbackRedirect({ path: '/callback', timeoutMs: 10_000, signal: new AbortController().signal });
    expect(loopback.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const port = Number(new URL(loopback.redirectUri).port);
    expect((await get(port, '/callbackx?code=1')).status).toBe(404);
    expect((await get(port, '/')).status).toBe(404);
    // A page elsewhere reaching the port through a rebound name sends its own Host.
    expect((await get(port, '/callback?code=1', `evil.example:${port}`)).status).toBe(404);
    const answer = get(port, '/callback?code=abc&state=xyz');
    const result = await loopback.result;
    if (!result.ok) throw new Error('expected the redirect');
    expect(result.url.href).toBe(`http://127.0.0.1:${port}/callback?code=abc&state=xyz`);
    result.reply({ title: 'Signed in <ok>', message: 'Close this tab & go back.' });
    const page = await answer;
    expect(page.status).toBe(200);
    expect(page.body).toContain('Signed in &lt;ok&gt;');
    expect(page.body).not.toContain('<script');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    await expect(get(port, '/callback?code=second')).rejects.toThrow(/ECONNREFUSED|socket hang up|ECONNRESET/);
    loopback.close();
  });

  it('ends at its deadline, or when cancelled', async () => {
    const timed = await openLoopbackRedirect({ path: '/callback', timeoutMs: 50, signal: new AbortController().signal });
    expect(await timed.result).toEqual({ ok: false, reason: 'timeout' });
    const controller = new AbortController();
    const cancelled = await openLoopbackRedirect({ path: '/callback', timeoutMs: 10_000, signal: controller.signal });
    controller.abort();
    expect(await cancelled.result).toEqual({ ok: false, reason: 'cancelled' });
    await expect(get(Number(new URL(cancelled.redirectUri).port), '/callback')).rejects.toThrow();
  });
});
