/** The browser shell's HTTP server and WebSocket bridge accept only this run's page, on loopback. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startShell, type Shell } from '../../../shell/server.js';
import { resolveStaticPath } from '../../../main/services/static-files.js';
import { TOKEN_PROTOCOL_PREFIX } from '../../../shell/protocol.js';
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js';
import { tempDir } from '../../helpers/temp.js';

let t: TestRuntime;
let shell: Shell;
const files = tempDir('mfa-shell-');

beforeAll(async () => {
  fs.writeFileSync(
    path.join(files.dir, 'index.html'),
    `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; connect-src 'none'"></head><body></body></html>`,
  );
  fs.writeFileSync(path.join(files.dir, 'bridge.js'), '/* bridge */');
  t = await startTestRuntime({ sandbox: { offered: false } });
  shell = await startShell({ runtime: t.runtime, rendererDir: files.dir, bridgeFile: path.join(files.dir, 'bridge.js') });
});
afterAll(async () => {
  await shell.close();
  await t.close();
  files.cleanup();
});

function connect(options: { origin?: string; token?: string; path?: string; host?: string }): Promise<WebSocket> {
  const url = `${shell.origin.replace('http', 'ws')}${options.path ?? '/bridge'}`;
  const ws = new WebSocket(url, [TOKEN_PROTOCOL_PREFIX + (options.token ?? shell.token)], {
    origin: options.origin ?? shell.origin,
    ...(options.host ? { headers: { host: options.host } } : {}),
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function invoke(ws: WebSocket, id: number, channel: unknown, payload: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const message = JSON.parse(String(data)) as { t: string; id?: number; result?: unknown };
      if (message.t === 'result' && message.id === id) {
        ws.off('message', onMessage);
        resolve(message.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, channel, payload }));
  });
}

describe('bridge WebSocket', () => {
  it('accepts this run’s page and answers through the contract', async () => {
    const ws = await connect({});
    expect(await invoke(ws, 1, 'verify:list', {})).toEqual({ ok: true, value: [] });
    expect(await invoke(ws, 2, 'verify:start', { upn: 'nope' })).toMatchObject({ ok: false, code: 'bad_request', message: expect.stringMatching(/^profileId/) });
    expect(await invoke(ws, 3, 'fs:readFile', {})).toEqual({ ok: false, code: 'bad_request', message: 'unknown channel' });
    ws.close();
  });

  it('refuses another origin', async () => {
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow('refused 403');
    await expect(connect({ origin: 'http://localhost:1' })).rejects.toThrow('refused 403');
  });

  it('refuses a wrong or missing token', async () => {
    await expect(connect({ token: 'guess' })).rejects.toThrow('refused 403');
    await expect(connect({ token: '' })).rejects.toThrow('refused 403');
  });

  it('refuses a foreign Host header (DNS rebinding) and other paths', async () => {
    await expect(connect({ host: 'attacker.example:80' })).rejects.toThrow('refused 403');
    await expect(connect({ path: '/other' })).rejects.toThrow('refused 403');
  });

  it('closes the socket on a malformed frame without crashing the shell', async () => {
    const ws = await connect({});
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('not json');
    expect(await closed).toBe(1003);
    const again = await connect({});
    expect(await invoke(again, 1, 'verify:list', {})).toEqual({ ok: true, value: [] });
    again.close();
  });

  it('forwards events from main to connected pages', async () => {
    const ws = await connect({});
    const event = new Promise<unknown>((resolve) =>
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { t: string };
        if (message.t === 'event') resolve(message);
      }),
    );
    t.runtime.events.emit('audit:changed', { at: 'now' });
    expect(await event).toEqual({ t: 'event', event: 'audit:changed', payload: { at: 'now' } });
    ws.close();
  });
});

describe('shell HTTP server', () => {
  it('serves index.html with the bridge script and a CSP allowing only its own WebSocket', async () => {
    const res = await fetch(shell.origin + '/');
    const body = await res.text();
    const ws = shell.origin.replace('http', 'ws');
    expect(res.headers.get('content-security-policy')).toContain(`connect-src ${ws};`);
    expect(body).toContain(`connect-src ${ws};`);
    expect(body).not.toContain("connect-src 'none'");
    expect(body).toContain('<script src="./__bridge.js"></script>');
    expect(await (await fetch(shell.origin + '/__bridge.js')).text()).toBe('/* bridge */');
  });

  it('does not serve files outside the renderer folder', async () => {
    expect((await fetch(shell.origin + '/%2e%2e/%2e%2e/package.json')).status).toBe(404);
    expect(resolveStaticPath(files.dir, '/../secret')).toBeNull();
    expect(resolveStaticPath(files.dir, '/..%5csecret')).toBeNull();
    expect(resolveStaticPath(files.dir, '/a%00b')).toBeNull();
    expect(resolveStaticPath(files.dir, '/')).toBe(path.join(files.dir, 'index.html'));
  });

  it('answers only GET for its own Host', async () => {
    expect((await fetch(shell.origin + '/', { method: 'POST' })).status).toBe(403);
    const http = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      http.get({ host: '127.0.0.1', port: new URL(shell.origin).port, path: '/', headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
    });
    expect(status).toBe(403);
  });
});
