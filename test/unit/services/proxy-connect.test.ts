/**
 * A proxy's answer is never taken for the provider's: a local proxy on 127.0.0.1 refuses CONNECT with 407
 * and 502, with a body an attacker wrote. The HTTP client reports a transport failure naming the proxy, and
 * the Entra provider shows that, never the proxy's text, and says nothing was sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntraProvider } from '../../../main/providers/entra/provider.js';
import { systemClock } from '../../../main/services/clock.js';
import { createHttpClient, HttpError } from '../../../main/services/http.js';
import { silentLogger } from '../../../main/services/log.js';
import { entraContract } from '../../../contract/providers/entra.js';
import { outcomeOf, start } from '../entra/helpers.js';

const ATTACKER = 'Call +1 555 0100 now and read out the new client secret';
const answers: Record<string, { status: number; head: string; body: string }> = {
  '407': {
    status: 407,
    head: 'Proxy-Authenticate: Basic realm="corp"\r\nContent-Type: application/json\r\n',
    body: JSON.stringify({ error: 'invalid_client', error_description: `AADSTS7000215: ${ATTACKER}`, error_codes: [7000215] }),
  },
  '502': {
    status: 502,
    head: 'Content-Type: text/xml\r\n',
    body: `<BeginTwoWayAuthenticationResponse><Result><Value>Success</Value><Message>${ATTACKER}</Message></Result><AuthenticationResult>true</AuthenticationResult></BeginTwoWayAuthenticationResponse>`,
  },
};

const proxies: Record<string, { url: string; host: string; connects: string[] }> = {};
const servers: http.Server[] = [];

async function refusingProxy(key: string): Promise<void> {
  const connects: string[] = [];
  const server = http.createServer((_req, res) => res.writeHead(400).end());
  server.on('connect', (req, socket) => {
    connects.push(String(req.url));
    const { status, head, body } = answers[key]!;
    socket.end(`HTTP/1.1 ${status} ${ATTACKER}\r\n${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const port = (server.address() as AddressInfo).port;
  proxies[key] = { url: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, connects };
}

beforeAll(async () => {
  await refusingProxy('407');
  await refusingProxy('502');
});
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
});

describe.each(['407', '502'])('a proxy answering CONNECT with %s', (key) => {
  it('is a transport failure of kind proxy, naming the proxy and its status, with none of its text', async () => {
    const proxy = proxies[key]!;
    const client = createHttpClient({ proxyUrl: proxy.url, timeoutMs: 5000 });
    try {
      const error = await client
        .request({ method: 'POST', url: 'https://login.microsoftonline.com/contoso.com/oauth2/v2.0/token', body: 'x' })
        .then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({ kind: 'proxy', proxy: { host: proxy.host, status: Number(key) } });
      expect((error as HttpError).message).toBe(`The proxy ${proxy.host} refused the tunnel (HTTP ${key})`);
      expect(proxy.connects).toContain('login.microsoftonline.com:443');
    } finally {
      client.close();
    }
  });

  it('Test connection and a push say the proxy refused, that nothing was sent, and never show the proxy’s text', async () => {
    const proxy = proxies[key]!;
    const http = createHttpClient({ proxyUrl: proxy.url, timeoutMs: 5000 });
    try {
      const settings = entraContract.settingsSchema.parse({ tenant: 'contoso.com', proxyUrl: proxy.url });
      const provider = createEntraProvider(settings, { http, clock: systemClock, logger: silentLogger, readSecret: async () => 'client-secret' });
      const test = await provider.testConnection(new AbortController().signal);
      expect(test).toMatchObject({ ok: false, code: 'proxy_failed' });
      expect(test.message).toContain(proxy.host);
      expect(test.message).toContain(`HTTP ${key}`);
      expect(test.message).toContain('Nothing was sent');
      const outcome = outcomeOf(await start(provider, 'jane@contoso.com'));
      expect(outcome).toMatchObject({ status: 'error', code: 'proxy_failed' });
      expect(outcome.message).toContain(proxy.host);
      expect(outcome.ambiguous).toBeFalsy();
      expect(JSON.stringify([test, outcome])).not.toContain('555 0100');
      expect(JSON.stringify([test, outcome])).not.toContain('AADSTS');
    } finally {
      http.close();
    }
  });
});

it('a proxy that cannot be reached is named as such', async () => {
  const client = createHttpClient({ proxyUrl: 'http://127.0.0.1:9', timeoutMs: 5000 });
  try {
    const error = await client.request({ method: 'GET', url: 'https://login.microsoftonline.com/' }).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ kind: 'proxy', proxy: { host: '127.0.0.1:9', status: null } });
  } finally {
    client.close();
  }
});
