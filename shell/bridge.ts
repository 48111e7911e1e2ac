/**
 * Browser side of the shell bridge: defines `window.mfa` with exactly the preload API, carried over a
 * WebSocket to the shell. Loaded before the renderer bundle; only in the browser shell.
 */
import { createApi, type Transport } from '../contract/api.js';
import type { EventName } from '../contract/ipc.js';
import type { Result } from '../contract/domain.js';
import { TOKEN_PROTOCOL_PREFIX } from './protocol.js';

const TOKEN_KEY = 'mfa-bridge-token';
const MAX_RECONNECTS = 10;

function readToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    // Keep the token out of the address bar, history and screenshots.
    history.replaceState(null, '', window.location.pathname);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function createSocketTransport(): Transport {
  const token = readToken();
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let queue: string[] = [];
  let nextId = 1;
  let reconnects = 0;
  let socket: WebSocket;

  const failAll = (message: string): void => {
    for (const resolve of pending.values()) resolve({ ok: false, code: 'internal', message });
    pending.clear();
  };

  const connect = (): void => {
    socket = new WebSocket(`ws://${window.location.host}/bridge`, [TOKEN_PROTOCOL_PREFIX + token]);
    socket.addEventListener('open', () => {
      reconnects = 0;
      for (const frame of queue) socket.send(frame);
      queue = [];
    });
    socket.addEventListener('message', (event) => {
      let message:
        | { t: 'result'; id: number; result: Result<unknown> }
        | { t: 'event'; event: EventName; payload: unknown }
        | { t: 'open'; url: string };
      try {
        message = JSON.parse(String(event.data)) as typeof message;
      } catch {
        return; // Only the shell writes to this socket; an unreadable frame is dropped, not thrown into the page.
      }
      if (message.t === 'open') {
        // The shell's stand-in for the system browser (operator sign-in): a new tab, never this page.
        if (typeof message.url === 'string' && /^https?:\/\//.test(message.url)) window.open(message.url, '_blank', 'noopener');
      } else if (message.t === 'result') {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      } else {
        for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
      }
    });
    socket.addEventListener('close', () => {
      failAll('The connection to MFA Approver was lost. Is the shell still running?');
      if (reconnects < MAX_RECONNECTS) {
        reconnects += 1;
        setTimeout(connect, 1000);
      }
    });
  };
  connect();

  return {
    invoke(channel, payload) {
      const id = nextId++;
      const frame = JSON.stringify({ id, channel, payload });
      return new Promise((resolve) => {
        pending.set(id, resolve);
        if (socket.readyState === WebSocket.OPEN) socket.send(frame);
        else queue.push(frame);
      });
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => void set.delete(listener);
    },
  };
}

Object.defineProperty(window, 'mfa', { value: Object.freeze(createApi(createSocketTransport())), writable: false });
