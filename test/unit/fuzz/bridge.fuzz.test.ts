/**
 * Property-based fuzzing of the browser shell's bridge: random WebSocket frames as raw TCP bytes (any opcode,
 * reserved bits, masking, fragmentation, declared lengths up to 2^63, payloads up to past the limit), and
 * random JSON messages on a well-formed socket. The server never crashes, a well-behaved page keeps getting
 * answers, every request frame gets a Result with its id, and anything else closes only its own socket.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { errorCodes } from '../../../contract/domain.js';
import { channelNames } from '../../../contract/ipc.js';
import { startShell, type Shell } from '../../../shell/server.js';
import { TOKEN_PROTOCOL_PREFIX } from '../../../shell/protocol.js';
import { fuzz } from '../../helpers/fuzz.js';
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js';
import { tempDir } from '../../helpers/temp.js';
import { frame, openRaw } from '../../helpers/ws-frames.js';

let t: TestRuntime;
let shell: Shell;
let port = 0;
const files = tempDir('mfa-bridge-fuzz-');

beforeAll(async () => {
  fs.writeFileSync(path.join(files.dir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  fs.writeFileSync(path.join(files.dir, 'bridge.js'), '');
  t = await startTestRuntime({ sandbox: { offered: false } });
  shell = await startShell({ runtime: t.runtime, rendererDir: files.dir, bridgeFile: path.join(files.dir, 'bridge.js') });
  port = Number(new URL(shell.origin).port);
});
afterAll(async () => {
  await shell.close();
  await t.close();
  files.cleanup();
});

async function page(): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge`, [TOKEN_PROTOCOL_PREFIX + shell.token], { origin: shell.origin });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return ws;
}

/** Sends one text frame on `ws`; resolves with the reply to `id`, or the close code if the socket closes. */
function exchange(ws: WebSocket, text: string, id: number | null): Promise<{ reply?: unknown; closed?: number }> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({}), 3000);
    const onMessage = (raw: WebSocket.RawData): void => {
      const message = JSON.parse(String(raw)) as { t: string; id?: number };
      if (message.t === 'result' && message.id === id) {
        clearTimeout(timer);
        ws.off('message', onMessage);
        resolve({ reply: message });
      }
    };
    ws.on('message', onMessage);
    ws.once('close', (code) => {
      clearTimeout(timer);
      resolve({ closed: code });
    });
    ws.send(text);
  });
}

async function stillServing(): Promise<void> {
  const ws = await page();
  const { reply } = await exchange(ws, JSON.stringify({ id: 1, channel: 'verify:list', payload: {} }), 1);
  expect(reply).toEqual({ t: 'result', id: 1, result: { ok: true, value: [] } });
  ws.close();
}

const declared = fc.constantFrom(0n, 125n, 126n, 65_535n, 65_536n, 2n ** 32n, 2n ** 53n, 2n ** 63n, 2n ** 64n - 1n);
const payload = fc.oneof(
  { weight: 6, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
  { weight: 3, arbitrary: fc.json({ maxDepth: 3 }).map((json) => Buffer.from(json)) },
  { weight: 1, arbitrary: fc.integer({ min: 60_000, max: 70_000 }).map((n) => Buffer.alloc(n, 0x61)) },
);
const frameSpec = fc.record({
  opcode: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(0x0, 0x1, 0x2, 0x8, 0x9, 0xa) }, fc.integer({ min: 0, max: 15 })),
  fin: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, fc.constant(false)),
  rsv: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 7 })),
  mask: fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, fc.constant(false)),
  payload,
  declaredLength: fc.option(declared, { freq: 8 }),
});
const frames = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .array(frameSpec, { minLength: 1, maxLength: 4 })
      .map((specs) => Buffer.concat(specs.map(({ declaredLength, ...spec }) => frame(declaredLength === null ? spec : { ...spec, declaredLength })))),
  },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => Buffer.from(bytes)) },
);

describe('the bridge under fuzzed frames', () => {
  it('survives random frames on raw sockets', async () => {
    let cases = 0;
    await fuzz(
      'bridge raw frames',
      frames,
      async (bytes) => {
        const raw = await openRaw(port, shell.origin, shell.token);
        raw.socket.end(bytes);
        await Promise.race([raw.closed, new Promise((_, reject) => setTimeout(() => reject(new Error('socket left open')), 4000))]);
        cases += 1;
        if (cases % 50 === 0) await stillServing();
      },
      600,
    );
    await stillServing();
    expect(t.logLines.join('\n')).not.toMatch(/bridge_dispatch_failed|ipc_handler_failed/);
  }, 60_000);

  it('answers every request frame with a Result carrying its id, and closes on anything else', async () => {
    let ws = await page();
    const request = fc.record({
      id: fc.oneof(fc.nat(), fc.double(), fc.string(), fc.constant(-1)),
      channel: fc.oneof(fc.constantFrom(...channelNames), fc.string({ maxLength: 20 })),
      payload: fc.jsonValue({ maxDepth: 3 }),
    });
    const message = fc.oneof({ weight: 4, arbitrary: request.map((r) => JSON.stringify(r)) }, fc.json({ maxDepth: 3 }), fc.string({ maxLength: 50 }));
    await fuzz(
      'bridge messages',
      message,
      async (text) => {
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = null;
        }
        const id = (parsed as { id?: unknown } | null)?.id;
        const isRequest = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Number.isSafeInteger(id) && (id as number) >= 0;
        const { reply, closed } = await exchange(ws, text, isRequest ? (id as number) : null);
        if (isRequest) {
          const result = (reply as { result: { ok: boolean; code?: string } }).result;
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) expect(errorCodes).toContain(result.code);
        } else {
          expect(closed).toBe(1003);
          ws = await page();
        }
      },
      800,
    );
    ws.close();
    await stillServing();
  }, 60_000);
});
