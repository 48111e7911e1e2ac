/**
 * mfa-approver:// links reach the app from macOS open-url, from a second instance's argv and from the first
 * start's argv; they wait until the app is ready, bounded, and the scheme is registered for packaged builds.
 */
import { describe, expect, it, vi } from 'vitest';
import { createDeepLinkRouter, deepLinkIn, type DeepLinkApp } from '../../../main/electron/deep-link.js';
import { silentLogger } from '../../../main/services/log.js';

function fakeApp(isPackaged: boolean) {
  const listeners: ((event: { preventDefault(): void }, url: string) => void)[] = [];
  const app: DeepLinkApp = {
    isPackaged,
    setAsDefaultProtocolClient: vi.fn(() => true),
    on: (_event, listener) => listeners.push(listener),
  };
  const openUrl = (url: string) => {
    const preventDefault = vi.fn();
    for (const listener of listeners) listener({ preventDefault }, url);
    return preventDefault;
  };
  return { app, openUrl };
}

describe('deep links in the Electron entry', () => {
  it('finds the link among a start’s arguments, case-insensitively by scheme, bounded', () => {
    expect(deepLinkIn(['/opt/x/mfa-approver', '--no-sandbox', 'MFA-Approver://approve?ref=A1'])).toBe('MFA-Approver://approve?ref=A1');
    expect(deepLinkIn(['/opt/x/mfa-approver', 'verify'])).toBeNull();
    expect(deepLinkIn([42, null, { url: 'mfa-approver://approve' }])).toBeNull();
    expect(deepLinkIn([...Array(60).fill('x'), 'mfa-approver://approve'])).toBeNull();
    expect(deepLinkIn([`mfa-approver://approve?ref=${'A'.repeat(10_000)}`])!.length).toBe(4097);
  });

  it('registers the scheme for packaged builds only', () => {
    const packaged = fakeApp(true);
    createDeepLinkRouter(packaged.app, silentLogger);
    expect(packaged.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('mfa-approver');
    const dev = fakeApp(false);
    createDeepLinkRouter(dev.app, silentLogger);
    expect(dev.app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
  });

  it('keeps links that arrive before the app is ready (at most five), then delivers them in order', () => {
    const { app, openUrl } = fakeApp(true);
    const router = createDeepLinkRouter(app, silentLogger);
    router.fromArgv(['/opt/x/mfa-approver', 'mfa-approver://approve?ref=FIRST']);
    expect(openUrl('mfa-approver://approve?ref=MAC')).toHaveBeenCalled();
    for (let i = 0; i < 10; i += 1) router.fromArgv([`mfa-approver://approve?ref=N${i}`]);
    const delivered: string[] = [];
    router.attach((url) => delivered.push(url));
    expect(delivered).toEqual(['mfa-approver://approve?ref=FIRST', 'mfa-approver://approve?ref=MAC', 'mfa-approver://approve?ref=N0', 'mfa-approver://approve?ref=N1', 'mfa-approver://approve?ref=N2']);
    router.fromArgv(['/opt/x/mfa-approver', 'mfa-approver://approve?ref=LATER']);
    expect(delivered.at(-1)).toBe('mfa-approver://approve?ref=LATER');
  });
});
