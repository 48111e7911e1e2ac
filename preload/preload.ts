/**
 * Preload: the ONLY file that touches ipcRenderer (security checklist items 3, 4, 20). Bundled into one CJS
 * file because sandboxed preloads cannot require local files. It exposes `window.mfa`, the same intent API
 * the browser shell exposes — never ipcRenderer, never a generic invoke, never the Electron event object.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createApi, eventChannel, type Transport } from '../contract/api.js';
import type { Result } from '../contract/domain.js';

// Why throw instead of falling back to `window.mfa = api`: without isolation the page could reach
// Electron internals through the API objects; refusing to start is the safe failure.
if (!process.contextIsolated) {
  throw new Error('MFA Approver requires context isolation; the preload refuses to run without it.');
}

const unreachable: Result<never> = {
  ok: false,
  code: 'internal',
  message: 'The app did not answer this request. Restart MFA Approver if this keeps happening.',
};

const transport: Transport = {
  // Errors never cross as exceptions: a rejected invoke (e.g. no handler yet) becomes a Result.
  invoke: (channel, payload) =>
    (ipcRenderer.invoke(channel, payload) as Promise<Result<unknown>>).catch(() => unreachable),
  subscribe: (event, listener) => {
    const channel = eventChannel(event);
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('mfa', createApi(transport));
