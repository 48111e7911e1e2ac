/**
 * Process-wide guards for every webContents and for the app session (security checklist items 5, 12, 13, 14).
 * The renderer is treated as untrusted: it may not navigate away, open windows, attach webviews, ask for
 * permissions, download files or reach the network.
 */
import type { App, Session, WebContents } from 'electron';
import type { Logger } from '../services/log.js';
import { openExternalSafe } from './external-links.js';
import { isAppOrigin, schemeOf } from './origin.js';

export interface NavigationEvent {
  url: string;
  preventDefault(): void;
}

/** will-navigate / will-redirect / will-frame-navigate: only within the app origin. */
export function guardNavigation(event: NavigationEvent, logger: Logger, kind: string): void {
  if (isAppOrigin(event.url)) return;
  event.preventDefault();
  logger.log('warn', 'navigation_blocked', { kind, scheme: schemeOf(event.url) });
}

/**
 * window.open / target=_blank: never a new Electron window. An https link goes to the user's browser through
 * the one checked helper; anything else is dropped there.
 */
export function createWindowOpenHandler(logger: Logger): (details: { url: string }) => { action: 'deny' } {
  return (details) => {
    openExternalSafe(details.url, { logger });
    return { action: 'deny' };
  };
}

/** Session permission request handler: deny everything (the app needs no camera, notifications, …). */
export function denyPermissionRequest(_contents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

/** Session permission check handler: deny everything. */
export function denyPermissionCheck(): boolean {
  return false;
}

/** Installs the navigation, window and webview guards on one webContents. */
export function hardenWebContents(contents: WebContents, logger: Logger): void {
  contents.on('will-navigate', (event) => guardNavigation(event, logger, 'navigate'));
  contents.on('will-frame-navigate', (event) => guardNavigation(event, logger, 'frame-navigate'));
  contents.on('will-redirect', (event) => guardNavigation(event, logger, 'redirect'));
  // Why: we ship no <webview>; refusing here also blocks one injected by a compromised renderer.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.log('warn', 'webview_blocked');
  });
  contents.setWindowOpenHandler(createWindowOpenHandler(logger));
}

/** Guards every webContents the app ever creates (windows, devtools, anything injected). */
export function installWebContentsHooks(app: Pick<App, 'on'>, logger: Logger): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, logger));
}

/** URL patterns the renderer session may never request: main makes every network call. */
export const BLOCKED_REQUEST_URLS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];

/** Refuses every permission and device request (Electron grants them all by default). */
export function denySessionPermissions(ses: Session): void {
  ses.setPermissionRequestHandler(denyPermissionRequest);
  ses.setPermissionCheckHandler(denyPermissionCheck);
  ses.setDevicePermissionHandler(() => false);
}

/** Locks down the app session: no permissions, no devices, no downloads, no network from the renderer. */
export function hardenSession(ses: Session, logger: Logger): void {
  denySessionPermissions(ses);
  ses.on('will-download', (event) => {
    event.preventDefault();
    logger.log('warn', 'download_blocked');
  });
  // Why on top of CSP connect-src 'none': CSP is enforced by the (untrusted) renderer process, this by main.
  ses.webRequest.onBeforeRequest({ urls: BLOCKED_REQUEST_URLS }, (details, callback) => {
    logger.log('warn', 'renderer_request_blocked', { scheme: schemeOf(details.url) });
    callback({ cancel: true });
  });
}
