/** Raw WebSocket frames and a raw client for protocol-level tests of the bridge (RFC 6455 §5.2). */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { TOKEN_PROTOCOL_PREFIX } from '../../shell/protocol.js';

export interface FrameSpec {
  opcode: number;
  payload?: Buffer;
  fin?: boolean;
  rsv?: number;
  mask?: boolean;
  /** Declared payload length, when it should differ from the payload sent (e.g. 2^63). */
  declaredLength?: bigint;
}

/** Encodes one frame; masked by default, as a client must. */
export function frame(spec: FrameSpec): Buffer {
  const payload = spec.payload ?? Buffer.alloc(0);
  const mask = spec.mask ?? true;
  const length = spec.declaredLength ?? BigInt(payload.length);
  const head = [((spec.fin ?? true) ? 0x80 : 0) | ((spec.rsv ?? 0) << 4) | spec.opcode];
  const maskBit = mask ? 0x80 : 0;
  let extended = Buffer.alloc(0);
  if (length < 126n) head.push(maskBit | Number(length));
  else if (length < 65_536n) {
    head.push(maskBit | 126);
    extended = Buffer.alloc(2);
    extended.writeUInt16BE(Number(length));
  } else {
    head.push(maskBit | 127);
    extended = Buffer.alloc(8);
    extended.writeBigUInt64BE(length);
  }
  if (!mask) return Buffer.concat([Buffer.from(head), extended, payload]);
  const key = randomBytes(4);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ key[i % 4]!));
  return Buffer.concat([Buffer.from(head), extended, key, masked]);
}

/** A close frame payload: status code and reason bytes. */
export function closePayload(code: number, reason: Buffer = Buffer.alloc(0)): Buffer {
  const out = Buffer.alloc(2 + reason.length);
  out.writeUInt16BE(code);
  reason.copy(out, 2);
  return out;
}

export interface RawSocket {
  socket: net.Socket;
  /** Resolves with everything the server sent after the handshake, once it closes the connection. */
  closed: Promise<Buffer>;
}

/** Opens the bridge WebSocket over a raw TCP socket (handshake done), so any bytes can follow. */
export async function openRaw(port: number, origin: string, token: string): Promise<RawSocket> {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  const key = randomBytes(16).toString('base64');
  socket.write(
    `GET /bridge HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ${TOKEN_PROTOCOL_PREFIX}${token}\r\n\r\n`,
  );
  let buffered = Buffer.alloc(0);
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      const status = buffered.subarray(0, end).toString().split('\r\n')[0] ?? '';
      buffered = buffered.subarray(end + 4);
      if (!status.includes(' 101 ')) reject(new Error(`handshake refused: ${status}`));
      else resolve();
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error('closed during handshake')));
  });
  const closed = new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [buffered];
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // Answer the server's close frame, as a client should, so the connection ends promptly.
      if (chunk[0] === 0x88 || buffered[0] === 0x88) socket.end();
    });
    socket.once('close', () => resolve(Buffer.concat(chunks)));
  });
  return { socket, closed };
}

/** The status code of the close frame at the start of `bytes`, or null when the server sent none. */
export function closeCodeOf(bytes: Buffer): number | null {
  if (bytes.length < 4 || bytes[0] !== 0x88) return null;
  return bytes.readUInt16BE(2);
}
