/**
 * Stand-ins for what cannot run here (the Electron runtime): an ipcMain that records handlers, app windows,
 * IPC events from a given frame, webContents and sessions that record the listeners main installs.
 */
import type { IpcMainInvokeEvent, Session, WebContents } from 'electron';
import type { Channel } from '../../../contract/ipc.js';
import { channelNames } from '../../../contract/ipc.js';
import type { Handlers } from '../../../main/ipc/dispatch.js';
import type { IpcRuntime, IpcWindow } from '../../../main/ipc/electron-ipc.js';
import { createEventBus } from '../../../main/services/events.js';
import type { Logger, LogFields, LogLevel } from '../../../main/services/log.js';

export const APP_URL = 'app://mfa-approver/index.html';

export interface LogEntry {
  level: LogLevel;
  event: string;
  fields: LogFields | undefined;
}

export function recordingLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return { entries, log: (level, event, fields) => void entries.push({ level, event, fields }) };
}

type Invoke = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** An ipcMain that keeps handlers by channel so tests can invoke them as Electron would. */
export function fakeIpcMain() {
  const handlers = new Map<string, Invoke>();
  return {
    handlers,
    handle: (channel: string, listener: Invoke) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
}

/** An AppRuntime whose handlers record the (already validated) input they receive. */
export function fakeRuntime() {
  const calls: { channel: Channel; input: unknown }[] = [];
  const handlers = Object.fromEntries(
    channelNames.map((channel) => [
      channel,
      async (input: unknown) => {
        calls.push({ channel, input });
        return { handled: channel };
      },
    ]),
  ) as unknown as Handlers;
  const logger = recordingLogger();
  // Every role: these tests are about the transport; the role check has its own tests.
  const runtime: IpcRuntime = { handlers, events: createEventBus(), logger, access: { check: () => null } };
  return { runtime, calls, logger };
}

export function fakeWindow(id: number, url = APP_URL) {
  const sent: { channel: string; args: unknown[] }[] = [];
  let destroyed = false;
  const window: IpcWindow & { sent: typeof sent; destroy(): void } = {
    id,
    sent,
    isDestroyed: () => destroyed,
    getURL: () => url,
    send: (channel, ...args) => void sent.push({ channel, args }),
    destroy: () => {
      destroyed = true;
    },
  };
  return window;
}

interface FrameSpec {
  url: string;
  origin?: string;
  parent?: object | null;
}

/** An invoke event from webContents `senderId`, sent by `frame` (null: the frame is gone). */
export function ipcEvent(senderId: number, frame: FrameSpec | null): IpcMainInvokeEvent {
  const senderFrame = frame ? { url: frame.url, origin: frame.origin, parent: frame.parent ?? null } : null;
  return { sender: { id: senderId }, senderFrame } as unknown as IpcMainInvokeEvent;
}

type Listener = (...args: unknown[]) => unknown;

/** A webContents that records `on` listeners and the window-open handler. */
export function fakeWebContents() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: Listener | null = null;
  const contents = {
    on: (name: string, listener: Listener) => {
      listeners.set(name, [...(listeners.get(name) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler: (handler: Listener) => {
      openHandler = handler;
    },
  };
  return {
    contents: contents as unknown as WebContents,
    emit: (name: string, ...args: unknown[]) => (listeners.get(name) ?? []).forEach((listener) => listener(...args)),
    listenerCount: (name: string) => listeners.get(name)?.length ?? 0,
    openWindow: (url: string) => {
      if (!openHandler) throw new Error('no window open handler installed');
      return openHandler({ url, frameName: '', features: '', disposition: 'new-window' }) as unknown;
    },
  };
}

/** A preventable Electron event. */
export function preventable(extra: Record<string, unknown> = {}) {
  const event = { ...extra, defaultPrevented: false, preventDefault: () => void (event.defaultPrevented = true) };
  return event;
}

/** A session that records the handlers main installs. */
export function fakeSession() {
  const installed: Record<string, Listener> = {};
  const listeners = new Map<string, Listener>();
  let requestFilter: unknown = null;
  const session = {
    setPermissionRequestHandler: (handler: Listener) => void (installed.request = handler),
    setPermissionCheckHandler: (handler: Listener) => void (installed.check = handler),
    setDevicePermissionHandler: (handler: Listener) => void (installed.device = handler),
    on: (name: string, listener: Listener) => void listeners.set(name, listener),
    webRequest: {
      onBeforeRequest: (filter: unknown, handler: Listener) => {
        requestFilter = filter;
        installed.beforeRequest = handler;
      },
    },
  };
  return {
    session: session as unknown as Session,
    installed,
    listeners,
    requestFilter: () => requestFilter,
  };
}
