/**
 * mfa-approver:// as the app's protocol handler. Links arrive three ways: macOS sends `open-url`, Windows and
 * Linux start a second instance whose argv carries the link (handed to this one through `second-instance`),
 * and the first start's own argv. Every link goes to the approvals service's strict parser and can only
 * pre-fill the Approvals form; until the app is ready, links wait (at most a few).
 */
import type { Logger } from '../services/log.js';

export const DEEP_LINK_SCHEME = 'mfa-approver';
/** Arguments looked at, and links kept while the app starts: bounds on what another process can hand us. */
const MAX_ARGS = 50;
const MAX_WAITING = 5;
const MAX_LINK = 4096;

/** The first argument that is an approval link, or null. */
export function deepLinkIn(argv: readonly unknown[]): string | null {
  for (const arg of argv.slice(0, MAX_ARGS)) {
    if (typeof arg === 'string' && arg.slice(0, DEEP_LINK_SCHEME.length + 1).toLowerCase() === `${DEEP_LINK_SCHEME}:`) return arg.slice(0, MAX_LINK + 1);
  }
  return null;
}

/** The part of Electron's `app` the router needs. */
export interface DeepLinkApp {
  isPackaged: boolean;
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
}

export interface DeepLinkRouter {
  /** A link from a second instance's argv, or the first start's (ignored when there is none). */
  fromArgv(argv: readonly unknown[]): void;
  /** From now on links go to `deliver`; those that waited go first. */
  attach(deliver: (url: string) => void): void;
}

/** Registers the scheme (packaged builds; installers register it too) and listens for macOS open-url. Call before ready. */
export function createDeepLinkRouter(app: DeepLinkApp, logger: Logger): DeepLinkRouter {
  let deliver: ((url: string) => void) | null = null;
  const waiting: string[] = [];
  const receive = (url: string): void => {
    logger.log('info', 'deep_link_received', { length: url.length });
    if (deliver) return deliver(url);
    if (waiting.length < MAX_WAITING) waiting.push(url);
  };
  // Why packaged only: an unpackaged run would make the OS send every approval link to a development build.
  // Reviewed (electronegativity): a link is untrusted text for the approvals service's strict parser and can
  // only pre-fill the Approvals form.
  if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME); // eng-disable PROTOCOL_HANDLER_JS_CHECK
  app.on('open-url', (event, url) => {
    event.preventDefault();
    receive(url);
  });
  return {
    fromArgv(argv) {
      const link = deepLinkIn(argv);
      if (link) receive(link);
    },
    attach(target) {
      deliver = target;
      for (const url of waiting.splice(0)) target(url);
    },
  };
}
