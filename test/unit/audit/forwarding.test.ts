/**
 * Forwarding: a TLS syslog listener (RFC 5425 framing) and an HTTPS endpoint (Splunk HEC format) started by
 * the test on 127.0.0.1 with self-signed certificates made here. Entries written while both are down, and
 * across an app restart, all arrive once they come up: in order, with nothing missing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { ok, startTestRuntime, type TestRuntime } from '../../helpers/runtime.js';
import { tempDir } from '../../helpers/temp.js';

const certs = tempDir('mfa-certs-');
const runtimes: TestRuntime[] = [];
const servers: net.Server[] = [];
afterEach(async () => {
  for (const rt of runtimes.splice(0)) await rt.close().catch(() => undefined);
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

function selfSigned(): { key: string; cert: string } {
  const key = path.join(certs.dir, 'key.pem');
  const cert = path.join(certs.dir, 'cert.pem');
  if (!fs.existsSync(cert)) {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  }
  return { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A syslog-over-TLS receiver: parses octet-counted frames, closes its side when the sender does. */
async function syslogReceiver(port: number, tlsFiles: { key: string; cert: string }, seqs: number[]): Promise<void> {
  const server = tls.createServer({ ...tlsFiles, minVersion: 'TLSv1.2' }, (socket) => {
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const space = buffer.indexOf(0x20);
        if (space < 0) break;
        const length = Number(buffer.subarray(0, space).toString());
        if (buffer.length < space + 1 + length) break;
        const message = buffer.subarray(space + 1, space + 1 + length).toString('utf8');
        buffer = buffer.subarray(space + 1 + length);
        expect(message).toMatch(/^<\d+>1 \d{4}-\d\d-\d\dT[\d:.]+Z \S+ mfa-approver \d+ \w+ \[origin software="MFA Approver" swVersion="[^"]+"\]\[meta sequenceId="\d+"\] \uFEFF\{/);
        const json = JSON.parse(message.slice(message.indexOf('\uFEFF') + 1)) as { seq: number; mac: string };
        expect(json.mac).toMatch(/^[0-9a-f]{64}$/);
        seqs.push(json.seq);
      }
    });
    socket.on('end', () => socket.end());
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
}

/** A Splunk HEC endpoint: checks the token, reads the concatenated events. */
async function hecReceiver(port: number, tlsFiles: { key: string; cert: string }, seqs: number[], token: string): Promise<void> {
  const server = https.createServer({ ...tlsFiles }, (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      expect(req.url).toBe('/services/collector/event');
      expect(req.headers.authorization).toBe(`Splunk ${token}`);
      for (const line of body.split('\n')) {
        const event = JSON.parse(line) as { sourcetype: string; event: { seq: number } };
        expect(event.sourcetype).toBe('mfa:audit');
        seqs.push(event.event.seq);
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"text":"Success","code":0}');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
}

/** At least once, in order: first arrivals are 1…head with nothing missing, and never go backwards. */
function inOrder(seqs: number[], head: number): void {
  const firsts: number[] = [];
  const seen = new Set<number>();
  for (const seq of seqs) {
    if (seen.has(seq)) continue;
    seen.add(seq);
    firsts.push(seq);
  }
  expect(firsts.slice(0, head)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
}

describe('audit forwarding', () => {
  it('delivers everything in order to TLS syslog and Splunk HEC after they come back, across a restart', async () => {
    const files = selfSigned();
    const [syslogPort, hecPort] = [await freePort(), await freePort()];
    const options = { audit: { forwarding: { backoffMs: 100, lingerMs: 20 } } };
    const first = await startTestRuntime({ keepData: true, ...options });
    runtimes.push(first);
    ok(await first.call('audit:saveDestination', { kind: 'syslog-tls', name: 'SIEM', enabled: true, host: '127.0.0.1', port: syslogPort, caPem: files.cert }));
    const hec = ok(await first.call('audit:saveDestination', { kind: 'splunk-hec', name: 'Splunk', enabled: true, url: `https://127.0.0.1:${hecPort}`, caPem: files.cert }));
    ok(await first.call('audit:setDestinationSecret', { id: hec.destination.id, secret: 'hec-test-token' }));
    for (let i = 0; i < 30; i += 1) await first.call('profiles:save', { kind: 'entra', displayName: `P${i}`, settings: { tenant: `t${i}.example.com` } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const offline = ok(await first.call('audit:forwarding', {}));
    expect(offline.every((d) => d.backlog > 30 && d.lastError !== null)).toBe(true);
    await first.close();
    runtimes.pop();

    const rt = await startTestRuntime({ dataDir: first.dataDir, secrets: first.secrets, ...options });
    runtimes.push(rt);
    const syslogSeqs: number[] = [];
    const hecSeqs: number[] = [];
    await syslogReceiver(syslogPort, files, syslogSeqs);
    await hecReceiver(hecPort, files, hecSeqs, 'hec-test-token');
    rt.runtime.outbox.kick();
    expect(await rt.runtime.outbox.drained(15_000)).toBe(true);
    const head = rt.runtime.audit.trail.head().seq;
    inOrder(syslogSeqs, head);
    inOrder(hecSeqs, head);
    expect(ok(await rt.call('audit:forwarding', {})).map((d) => d.backlog)).toEqual([0, 0]);
    fs.rmSync(first.dataDir, { recursive: true, force: true });
  });

  it('refuses a receiver whose certificate it does not trust, and says why', async () => {
    const files = selfSigned();
    const port = await freePort();
    const seqs: number[] = [];
    await syslogReceiver(port, files, seqs);
    const rt = await startTestRuntime({ audit: { forwarding: { backoffMs: 5000, lingerMs: 10 } } });
    runtimes.push(rt);
    ok(await rt.call('audit:saveDestination', { kind: 'syslog-tls', name: 'Untrusted', enabled: true, host: '127.0.0.1', port }));
    await expect.poll(async () => ok(await rt.call('audit:forwarding', {}))[0]?.lastError ?? null, { timeout: 5000 }).toMatch(/self-signed|certificate/i);
    expect(seqs).toEqual([]);
  });
});
