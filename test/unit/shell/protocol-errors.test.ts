/**
 * The real browser shell (shell/main.ts in its own process) against protocol violations sent as raw TCP
 * frames on 127.0.0.1: each closes only that socket, with the matching WebSocket status, and is logged; the
 * process stays up and another page still gets answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TOKEN_PROTOCOL_PREFIX } from '../../../shell/protocol.js';
import { closeCodeOf, closePayload, frame, openRaw } from '../../helpers/ws-frames.js';
import { tempDir } from '../../helpers/temp.js';

let child: ChildProcess;
let output = '';
let origin = '';
let port = 0;
let token = '';
const data = tempDir('mfa-shell-proto-');

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'shell/main.ts'], {
    env: { ...process.env, MFA_DATA_DIR: data.dir, MFA_KEYCHAIN_SERVICE: `MFA Approver proto ${randomUUID()}`, MFA_SHELL_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`shell did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /MFA_SHELL_READY (\{.*\})/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve((JSON.parse(match[1]) as { url: string }).url);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  });
  const parsed = new URL(url);
  origin = parsed.origin;
  port = Number(parsed.port);
  token = new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '';
}, 20_000);

afterAll(async () => {
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  data.cleanup();
});

/** A well-behaved page: connects and gets an answer through the contract. */
async function anotherPageWorks(): Promise<void> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge`, [TOKEN_PROTOCOL_PREFIX + token], { origin });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const answer = await new Promise<unknown>((resolve) => {
    ws.once('message', (raw) => resolve(JSON.parse(String(raw))));
    ws.send(JSON.stringify({ id: 7, channel: 'verify:list', payload: {} }));
  });
  expect(answer).toEqual({ t: 'result', id: 7, result: { ok: true, value: [] } });
  ws.close();
}

/** Sends `bytes` on a fresh bridge socket; the status code the server closed with (null: none sent). */
async function send(bytes: Buffer): Promise<number | null> {
  const raw = await openRaw(port, origin, token);
  raw.socket.write(bytes);
  const timeout = new Promise<Buffer>((_, reject) => setTimeout(() => reject(new Error('socket not closed in 5 s')), 5000));
  return closeCodeOf(await Promise.race([raw.closed, timeout]));
}

const text = (value: string | Buffer): Buffer => (typeof value === 'string' ? Buffer.from(value) : value);

const protocolErrors: [string, Buffer, number, string][] = [
  ['a frame over the 64 KiB limit', frame({ opcode: 0x1, payload: Buffer.alloc(70_000, 0x61) }), 1009, 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'],
  ['a length field of 2^63', frame({ opcode: 0x1, declaredLength: 2n ** 63n }), 1009, 'WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH'],
  ['invalid UTF-8 in a text frame', frame({ opcode: 0x1, payload: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }), 1007, 'WS_ERR_INVALID_UTF8'],
  ['an unmasked frame', frame({ opcode: 0x1, payload: text('{}'), mask: false }), 1002, 'WS_ERR_EXPECTED_MASK'],
  ['a reserved opcode', frame({ opcode: 0x3, payload: text('x') }), 1002, 'WS_ERR_INVALID_OPCODE'],
  ['a reserved bit without an extension', frame({ opcode: 0x1, payload: text('{}'), rsv: 0b100 }), 1002, 'WS_ERR_UNEXPECTED_RSV_1'],
  ['a fragmented control frame', frame({ opcode: 0x9, payload: text('p'), fin: false }), 1002, 'WS_ERR_EXPECTED_FIN'],
  ['a control frame over 125 bytes', frame({ opcode: 0x9, payload: Buffer.alloc(126, 0x70) }), 1002, 'WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH'],
  ['a continuation with nothing to continue', frame({ opcode: 0x0, payload: text('x') }), 1002, 'WS_ERR_INVALID_OPCODE'],
  ['a close frame with an invalid status', frame({ opcode: 0x8, payload: closePayload(999) }), 1002, 'WS_ERR_INVALID_CLOSE_CODE'],
  ['invalid UTF-8 in a close reason', frame({ opcode: 0x8, payload: closePayload(1000, Buffer.from([0xc3, 0x28])) }), 1007, 'WS_ERR_INVALID_UTF8'],
  ['garbage bytes', Buffer.from('this is not a websocket frame at all \x00\xff\x13\x37', 'latin1'), 1002, 'WS_ERR_'],
];

describe('the shell survives protocol violations on the bridge', () => {
  it.each(protocolErrors)('%s: that socket is closed with the right status and logged; the shell goes on', async (_name, bytes, status, code) => {
    const logged = output.split('bridge_protocol_error').length;
    expect(await send(bytes)).toBe(status);
    await anotherPageWorks();
    expect(child.exitCode).toBeNull();
    expect(output.split('bridge_protocol_error').length).toBe(logged + 1);
    // The log line that names the event (its fields may come before or after the event name).
    const line = output.split('\n').filter((l) => l.includes('bridge_protocol_error')).at(-1) ?? '';
    expect(line).toContain(code);
  });

  it.each([
    ['a binary frame', frame({ opcode: 0x2, payload: Buffer.from([1, 2, 3]) })],
    ['text that is not JSON', frame({ opcode: 0x1, payload: text('not json') })],
    ['JSON that is not a request', frame({ opcode: 0x1, payload: text('[1,2,3]') })],
    ['a request without a numeric id', frame({ opcode: 0x1, payload: text('{"id":"1","channel":"verify:list","payload":{}}') })],
  ])('%s: closed as unsupported data (1003) with a reason; the shell goes on', async (_name, bytes) => {
    expect(await send(bytes)).toBe(1003);
    await anotherPageWorks();
    expect(child.exitCode).toBeNull();
  });

  it('garbage instead of an HTTP request, and a reset in the middle of a handshake, leave the shell up', async () => {
    const garbage = net.connect(port, '127.0.0.1');
    garbage.on('error', () => undefined);
    const answer = await new Promise<string>((resolve) => {
      let got = '';
      garbage.on('data', (chunk: Buffer) => (got += chunk.toString()));
      garbage.once('close', () => resolve(got));
      garbage.write('\x16\x03\x01 GARBAGE\r\n\r\n');
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    const reset = net.connect(port, '127.0.0.1');
    reset.on('error', () => undefined);
    await new Promise((resolve) => reset.once('connect', resolve));
    reset.write(`GET /bridge HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\n`);
    reset.resetAndDestroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await anotherPageWorks();
    expect(child.exitCode).toBeNull();
  });
});
