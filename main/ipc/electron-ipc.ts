/**
 * Electron IPC transport: the ONLY file that touches ipcMain (security checklist item 17).
 * Every channel of the contract is registered through one wrapper that first checks who is asking — the
 * app's own window, top frame, app origin — then hands over to the transport-neutral `dispatch`, which
 * validates the payload and turns every failure into a Result. Nothing is ever thrown across.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { eventChannel } from '../../contract/api.js';
import { channelNames } from '../../contract/ipc.js';
import type { Result } from '../../contract/domain.js';
import { APP_ORIGIN, isAppOrigin } from '../electron/origin.js';
import type { AppRuntime } from '../runtime-types.js';
import { dispatch } from './dispatch.js';
import { checkPayload, payloadRefusalMessages } from './payload-limit.js';

/** A window's webContents as far as IPC cares: identity, where it is, and how to push events to it. */
export interface IpcWindow {
  readonly id: number;
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
}

export interface IpcOptions {
  /** The app's windows (main.ts: BrowserWindow.getAllWindows() → webContents). Senders must be one of them. */
  windows: () => Iterable<IpcWindow>;
}

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** What the transport needs from the assembled app. */
export type IpcRuntime = Pick<AppRuntime, 'handlers' | 'events' | 'logger' | 'access'> & Partial<Pick<AppRuntime, 'ipcAudit'>>;

export const FORBIDDEN_MESSAGE = 'This request did not come from the MFA Approver window and was refused.';

/**
 * Why the sender is not trusted, or null when it is: the frame must exist (not navigated away or destroyed),
 * be the top frame (not an iframe), be on the app origin, and belong to one of the app's windows.
 */
export function senderRejection(event: SenderEvent, windows: Iterable<IpcWindow>): string | null {
  let frame: SenderEvent['senderFrame'];
  try {
    frame = event.senderFrame;
  } catch {
    return 'sender frame unavailable';
  }
  if (!frame) return 'sender frame missing';
  if (frame.parent !== null) return 'sender is a sub-frame';
  if (!isAppOrigin(frame.url)) return 'sender is not on the app origin';
  // frame.origin is Chromium's own view of the origin; when present it must agree.
  if (typeof frame.origin === 'string' && frame.origin !== APP_ORIGIN) return 'sender origin mismatch';
  const senderId = event.sender?.id;
  for (const window of windows) if (window.id === senderId) return null;
  return 'sender is not an app window';
}

/** Registers every contract channel and forwards app events to the app's windows. Returns a disposer. */
export function registerIpc(runtime: IpcRuntime, options: IpcOptions): () => void {
  const { logger } = runtime;
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, payload): Promise<Result<unknown>> => {
      const rejection = senderRejection(event, options.windows());
      if (rejection) {
        logger.log('warn', 'ipc_sender_rejected', { channel, reason: rejection });
        runtime.ipcAudit?.senderRejected(channel, rejection);
        return { ok: false, code: 'forbidden', message: FORBIDDEN_MESSAGE };
      }
      // Why here, before dispatch: Electron hands over whatever structured clone can carry (typed arrays,
      // Maps, cycles, hundreds of megabytes), so the size is measured by a walk that stops at the limit.
      const size = checkPayload(payload);
      if (!size.ok) {
        logger.log('warn', 'ipc_payload_refused', { channel, reason: size.refusal });
        return { ok: false, code: 'bad_request', message: payloadRefusalMessages[size.refusal] };
      }
      try {
        return await dispatch(runtime, channel, payload);
      } catch (error) {
        // dispatch already catches handler errors; this guards the transport itself.
        logger.log('error', 'ipc_dispatch_failed', { channel, error: error instanceof Error ? error.name : 'unknown' });
        return { ok: false, code: 'internal', message: 'Something went wrong in the app. Details are in the app log.' };
      }
    });
  }

  const unsubscribe = runtime.events.subscribe((event, payload) => {
    for (const window of options.windows()) {
      // Why the origin check: a window that somehow left the app origin must not receive app data.
      if (window.isDestroyed() || !isAppOrigin(window.getURL())) continue;
      try {
        window.send(eventChannel(event), payload);
      } catch (error) {
        logger.log('warn', 'ipc_event_send_failed', { event, error: error instanceof Error ? error.name : 'unknown' });
      }
    }
  });

  return () => {
    for (const channel of channelNames) ipcMain.removeHandler(channel);
    unsubscribe();
  };
}
