/** The provider HTTP client against real loopback servers: what it refuses, and how it uses a proxy. */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, HttpError, type HttpClient } from '../../../main/services/http.js';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        if (server instanceof http.Server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return (server.address() as AddressInfo).port;
}

function client(options: Parameters<typeof createHttpClient>[0] = {}): HttpClient {
  const c = createHttpClient(options);
  closers.push(() => c.close());
  return c;
}

async function httpServer(handler: http.RequestListener): Promise<string> {
  const port = await listen(http.createServer(handler));
  return `http://127.0.0.1:${port}`;
}

/** A CONNECT proxy that records what it is asked and every byte that passes through the tunnel. */
async function connectProxy(): Promise<{ url: string; connects: string[]; tunnelled: Buffer[]; plainRequests: string[] }> {
  const connects: string[] = [];
  const tunnelled: Buffer[] = [];
  const plainRequests: string[] = [];
  const server = http.createServer((req, res) => {
    plainRequests.push(`${req.method} ${req.url}`);
    res.writeHead(502).end();
  });
  server.on('connect', (req, socket) => {
    connects.push(String(req.url));
    const [host, port] = String(req.url).split(':');
    const upstream = net.connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      socket.on('data', (chunk: Buffer) => tunnelled.push(chunk));
      socket.pipe(upstream).pipe(socket);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, connects, tunnelled, plainRequests };
}

describe('provider HTTP client', () => {
  it('tunnels https through an explicit proxy with CONNECT, so the proxy never sees the bearer token', async () => {
    const proxy = await connectProxy();
    const firstBytes: number[] = [];
    const target = net.createServer((socket) => socket.once('data', (chunk: Buffer) => {
      firstBytes.push(chunk[0] ?? -1);
      socket.destroy();
    }));
    const targetPort = await listen(target);
    const c = client({ proxyUrl: proxy.url, timeoutMs: 2000 });
    await expect(
      c.request({ method: 'POST', url: `https://127.0.0.1:${targetPort}/Connector`, headers: { Authorization: 'Bearer TOKEN-4711' }, body: '<x/>' }),
    ).rejects.toBeInstanceOf(HttpError);
    expect(proxy.connects).toEqual([`127.0.0.1:${targetPort}`]);
    expect(proxy.plainRequests).toEqual([]);
    expect(firstBytes).toEqual([0x16]); // a TLS handshake record, not plaintext HTTP
    expect(Buffer.concat(proxy.tunnelled).includes('TOKEN-4711')).toBe(false);
  });

  it('ignores proxy environment variables', async () => {
    const proxy = await connectProxy();
    const target = await httpServer((_req, res) => res.end('direct'));
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, http_proxy: process.env.http_proxy, NO_PROXY: process.env.NO_PROXY };
    Object.assign(process.env, { HTTP_PROXY: proxy.url, http_proxy: proxy.url, NO_PROXY: '' });
    try {
      expect((await client().request({ method: 'GET', url: `${target}/` })).body).toBe('direct');
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    expect(proxy.plainRequests).toEqual([]);
    expect(proxy.connects).toEqual([]);
  });

  it('does not follow redirects', async () => {
    const target = await httpServer((req, res) => {
      if (req.url === '/start') res.writeHead(302, { Location: '/elsewhere' }).end();
      else res.end('followed');
    });
    const response = await client().request({ method: 'GET', url: `${target}/start` });
    expect(response.status).toBe(302);
  });

  it('refuses a response larger than the cap', async () => {
    const target = await httpServer((_req, res) => res.end('x'.repeat(64 * 1024)));
    await expect(client({ maxResponseBytes: 16 * 1024 }).request({ method: 'GET', url: `${target}/` })).rejects.toMatchObject({ kind: 'too_large' });
  });

  it('reads a binary answer as bytes, unchanged, within the same size cap', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80]);
    const url = await httpServer((req, res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end(req.url === '/big' ? Buffer.alloc(600 * 1024) : png));
    const answer = await client().request({ method: 'GET', url: `${url}/qr`, binary: true });
    expect(answer).toMatchObject({ status: 200, contentType: 'image/png', body: '' });
    expect(answer.bytes).toEqual(png);
    await expect(client().request({ method: 'GET', url: `${url}/big`, binary: true })).rejects.toMatchObject({ kind: 'too_large' });
  });

  it('times out a silent server, and stops at once when cancelled', async () => {
    const target = await httpServer(() => undefined);
    await expect(client().request({ method: 'GET', url: `${target}/`, timeoutMs: 150 })).rejects.toMatchObject({ kind: 'timeout' });
    const controller = new AbortController();
    const pending = client().request({ method: 'GET', url: `${target}/`, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('ends a request at its deadline even while the server keeps trickling bytes', async () => {
    const timers: NodeJS.Timeout[] = [];
    closers.push(() => timers.forEach(clearInterval));
    const target = await httpServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      timers.push(setInterval(() => res.write(' '), 30));
    });
    const started = Date.now();
    await expect(client().request({ method: 'GET', url: `${target}/`, timeoutMs: 300 })).rejects.toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses plain http to anything but loopback, and malformed URLs', async () => {
    await expect(client().request({ method: 'GET', url: 'http://login.example.com/' })).rejects.toMatchObject({ kind: 'bad_url' });
    await expect(client().request({ method: 'GET', url: 'ftp://127.0.0.1/' })).rejects.toMatchObject({ kind: 'bad_url' });
    await expect(client().request({ method: 'GET', url: 'not a url' })).rejects.toMatchObject({ kind: 'bad_url' });
  });

  it('reuses one keep-alive connection for sequential requests', async () => {
    const target = await httpServer((_req, res) => res.end('ok'));
    const c = client();
    for (let i = 0; i < 5; i += 1) await c.request({ method: 'POST', url: `${target}/`, body: 'x' });
    expect(c.stats()).toEqual({ connectionsOpened: 1, requests: 5 });
  });
});
