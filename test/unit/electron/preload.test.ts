/**
 * The preload as the page sees it: `window.mfa` with exactly the intent methods, nothing Electron-shaped,
 * listeners that never see the Electron event and can unsubscribe, and a hard stop without context isolation.
 */
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { MfaApi } from '../../../contract/api.js';

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    listeners,
    exposed: new Map<string, unknown>(),
    invoke: null as unknown as Mock<(...args: unknown[]) => Promise<unknown>>,
  };
});

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => void electron.exposed.set(key, value),
  },
  ipcRenderer: {
    invoke: (...args: unknown[]) => electron.invoke(...args),
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      const set = electron.listeners.get(channel) ?? new Set();
      set.add(listener);
      electron.listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
      void electron.listeners.get(channel)?.delete(listener),
  },
}));

const processWithIsolation = process as unknown as { contextIsolated?: boolean };

async function loadPreload(contextIsolated: boolean): Promise<void> {
  processWithIsolation.contextIsolated = contextIsolated;
  vi.resetModules();
  await import('../../../preload/preload.js');
}

function exposedApi(): MfaApi {
  const api = electron.exposed.get('mfa');
  if (!api) throw new Error('window.mfa was not exposed');
  return api as MfaApi;
}

/** Fires an event as ipcRenderer would: Electron's event object first, then the payload. */
function emitFromMain(channel: string, payload: unknown): void {
  const electronEvent = { sender: { send: () => undefined }, ports: [], senderId: 0 };
  for (const listener of electron.listeners.get(channel) ?? []) listener(electronEvent, payload);
}

beforeEach(() => {
  electron.exposed.clear();
  electron.listeners.clear();
  electron.invoke = vi.fn(async () => ({ ok: true, value: 'answer' }));
});

afterEach(() => {
  delete processWithIsolation.contextIsolated;
});

describe('preload', () => {
  it('refuses to run without context isolation and exposes nothing', async () => {
    await expect(loadPreload(false)).rejects.toThrow(/context isolation/);
    expect(electron.exposed.size).toBe(0);
  });

  it('exposes only window.mfa, with exactly the intent methods', async () => {
    await loadPreload(true);
    expect([...electron.exposed.keys()]).toEqual(['mfa']);
    const api = exposedApi() as unknown as Record<string, Record<string, unknown>>;
    const shape = Object.fromEntries(Object.entries(api).map(([area, methods]) => [area, Object.keys(methods)]));
    expect(shape).toMatchInlineSnapshot(`
      {
        "app": [
          "info",
          "openLogFolder",
        ],
        "approvals": [
          "state",
          "create",
          "discard",
          "signIn",
          "challenge",
          "submitCode",
          "cancel",
          "enroll",
          "setupKey",
          "takeRecoveryCode",
          "ackRecoveryCode",
          "signReceipt",
          "receipt",
          "exportReceipt",
          "publicKey",
          "exportPublicKey",
          "openLink",
          "takeLink",
        ],
        "audit": [
          "list",
          "query",
          "entry",
          "integrity",
          "verify",
          "acknowledge",
          "export",
          "settings",
          "setRetention",
          "forwarding",
          "saveDestination",
          "removeDestination",
          "setDestinationSecret",
        ],
        "enroll": [
          "start",
          "setupKey",
          "confirm",
          "cancel",
          "list",
        ],
        "events": [
          "onVerificationUpdated",
          "onEnrollmentUpdated",
          "onSandboxChanged",
          "onAuditChanged",
          "onIntegrityChanged",
          "onApprovalUpdated",
          "onApprovalLink",
          "onSessionChanged",
        ],
        "policy": [
          "view",
          "locks",
          "clearLock",
        ],
        "profiles": [
          "list",
          "save",
          "remove",
          "setSecret",
          "deleteSecret",
          "testConnection",
        ],
        "sandbox": [
          "state",
          "setEnabled",
          "respond",
          "setFault",
          "scan",
        ],
        "session": [
          "state",
          "signIn",
          "cancelSignIn",
          "signOut",
        ],
        "token": [
          "check",
        ],
        "verify": [
          "methods",
          "start",
          "submitCode",
          "cancel",
          "record",
          "list",
          "secondApproval",
        ],
      }
    `);
    for (const methods of Object.values(api)) {
      for (const method of Object.values(methods)) expect(typeof method).toBe('function');
    }
    expect(JSON.stringify(shape)).not.toMatch(/invoke|ipc|send|require|process/i);
  });

  it('maps an intent method to its channel and payload', async () => {
    await loadPreload(true);
    const input = { profileId: 'p', subject: 'alex@contoso.com', reason: 'reset', ticket: 'INC1', mode: 'push' as const };
    await expect(exposedApi().verify.start(input)).resolves.toEqual({ ok: true, value: 'answer' });
    await exposedApi().profiles.setSecret('id-1', 'hunter2');
    expect(electron.invoke.mock.calls).toEqual([
      ['verify:start', input],
      ['profiles:setSecret', { id: 'id-1', secret: 'hunter2' }],
    ]);
  });

  it('turns a failed invoke into a Result instead of throwing into the page', async () => {
    await loadPreload(true);
    electron.invoke.mockRejectedValueOnce(new Error("No handler registered for 'app:info'"));
    await expect(exposedApi().app.info()).resolves.toMatchObject({ ok: false, code: 'internal' });
  });

  it('passes only the payload to listeners, never the Electron event, and unsubscribes', async () => {
    await loadPreload(true);
    const seen: unknown[][] = [];
    const unsubscribe = exposedApi().events.onAuditChanged((...args: unknown[]) => void seen.push(args));
    expect(electron.listeners.get('event:audit:changed')?.size).toBe(1);

    emitFromMain('event:audit:changed', { at: '2026-01-01T00:00:00.000Z' });
    expect(seen).toEqual([[{ at: '2026-01-01T00:00:00.000Z' }]]);

    unsubscribe();
    expect(electron.listeners.get('event:audit:changed')?.size).toBe(0);
    emitFromMain('event:audit:changed', { at: 'later' });
    expect(seen).toHaveLength(1);
  });

  it('rejects a listener that is not a function', async () => {
    await loadPreload(true);
    const events = exposedApi().events as unknown as Record<string, (listener: unknown) => unknown>;
    expect(() => events.onSandboxChanged!('alert(1)')).toThrow(TypeError);
  });
});
