/**
 * Guards every webContents and the app session: no navigation away from app://mfa-approver, no new windows
 * (https links go to the browser through openExternalSafe), no webviews, no permissions, no downloads, no
 * network from the renderer.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSession, fakeWebContents, preventable, recordingLogger } from './fakes.js';

const openExternalMock = vi.hoisted(() => vi.fn(async (_url: string) => undefined));
vi.mock('electron', () => ({ shell: { openExternal: openExternalMock } }));

const { BLOCKED_REQUEST_URLS, denyPermissionCheck, denyPermissionRequest, hardenSession, hardenWebContents, installWebContentsHooks } =
  await import('../../../main/electron/security.js');

let logger: ReturnType<typeof recordingLogger>;
let wc: ReturnType<typeof fakeWebContents>;

beforeEach(() => {
  openExternalMock.mockClear();
  logger = recordingLogger();
  wc = fakeWebContents();
  hardenWebContents(wc.contents, logger);
});

describe('navigation', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s away from the app origin is prevented', (name) => {
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'app://mfa-approver.evil/index.html',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
    ]) {
      const event = preventable({ url });
      wc.emit(name, event);
      expect(event.defaultPrevented, url).toBe(true);
    }
    expect(logger.entries.some((e) => e.event === 'navigation_blocked')).toBe(true);
    expect(JSON.stringify(logger.entries)).not.toContain('evil.example');
  });

  it('navigation within the app origin is allowed', () => {
    const event = preventable({ url: 'app://mfa-approver/index.html#/audit' });
    wc.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(false);
  });

  it('attaching a <webview> is prevented', () => {
    const event = preventable();
    wc.emit('will-attach-webview', event, { preload: '/tmp/evil.js' }, { src: 'https://evil.example' });
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('new windows', () => {
  it('are always denied; an allowed https link opens in the browser', () => {
    expect(wc.openWindow('https://learn.microsoft.com/entra/identity/')).toEqual({ action: 'deny' });
    expect(openExternalMock).toHaveBeenCalledWith('https://learn.microsoft.com/entra/identity/');
  });

  it.each([
    'http://learn.microsoft.com/',
    'file:///C:/Windows/System32/calc.exe',
    'smb://attacker/share',
    'javascript:alert(1)',
    'app://mfa-approver/index.html',
    'https://evil.example/phish',
  ])('%s is denied and not opened', (url) => {
    expect(wc.openWindow(url)).toEqual({ action: 'deny' });
    expect(openExternalMock).not.toHaveBeenCalled();
  });
});

describe('installWebContentsHooks', () => {
  it('hardens every webContents the app creates', () => {
    let created: ((event: unknown, contents: unknown) => void) | undefined;
    installWebContentsHooks({ on: ((name: string, listener: typeof created) => {
      if (name === 'web-contents-created') created = listener;
    }) as never }, logger);
    const later = fakeWebContents();
    created!({}, later.contents);
    expect(later.listenerCount('will-navigate')).toBe(1);
    expect(later.listenerCount('will-attach-webview')).toBe(1);
    expect(later.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
  });
});

describe('session', () => {
  it('permission requests and checks are denied', () => {
    const callback = vi.fn();
    denyPermissionRequest({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(denyPermissionCheck()).toBe(false);
  });

  it('hardenSession installs deny-all handlers, blocks downloads and renderer network requests', () => {
    const ses = fakeSession();
    hardenSession(ses.session, logger);

    for (const permission of ['notifications', 'media', 'geolocation', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      ses.installed.request!({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(ses.installed.check!(null, permission, 'app://mfa-approver', {})).toBe(false);
    }
    expect(ses.installed.device!({ deviceType: 'usb', origin: 'app://mfa-approver' })).toBe(false);

    const download = preventable();
    ses.listeners.get('will-download')!(download, {}, {});
    expect(download.defaultPrevented).toBe(true);

    expect(ses.requestFilter()).toEqual({ urls: BLOCKED_REQUEST_URLS });
    const callback = vi.fn();
    ses.installed.beforeRequest!({ url: 'https://evil.example/x?token=1' }, callback);
    expect(callback).toHaveBeenCalledWith({ cancel: true });
    expect(JSON.stringify(logger.entries)).not.toContain('token=1');
  });
});
