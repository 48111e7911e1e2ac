/**
 * openExternalSafe and openAuthorizationUrl: the only ways to the OS browser; https to a known host, or the
 * sign-in provider's own authorization endpoint, and nothing else.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { recordingLogger } from './fakes.js';

const openExternalMock = vi.hoisted(() => vi.fn(async (_url: string) => undefined));
vi.mock('electron', () => ({ shell: { openExternal: openExternalMock } }));

const { EXTERNAL_LINK_HOSTS, isSafeExternalUrl, openAuthorizationUrl, openExternalSafe } = await import('../../../main/electron/external-links.js');
const { isAuthorizationUrl } = await import('../../../main/services/operator/authorization-url.js');

beforeEach(() => openExternalMock.mockClear());

describe('openExternalSafe', () => {
  it('opens https links to allowed hosts, canonicalised', () => {
    const logger = recordingLogger();
    expect(openExternalSafe('https://LEARN.microsoft.com/entra/../entra/identity?x=1', { logger })).toBe(true);
    expect(openExternalMock).toHaveBeenCalledWith('https://learn.microsoft.com/entra/identity?x=1');
    expect(logger.entries).toEqual([]);
  });

  it.each([
    'http://learn.microsoft.com/',
    'file:///etc/passwd',
    'FILE:///C:/Windows/System32/calc.exe',
    'smb://attacker/share',
    'ms-msdt:/id PCWDiagnostic',
    'javascript:alert(1)',
    'data:text/html,hi',
    'mailto:alex@contoso.com',
    'app://mfa-approver/index.html',
    'https://user:pass@learn.microsoft.com/',
    'https://learn.microsoft.com.evil.example/',
    'https://evil.example/learn.microsoft.com',
    'learn.microsoft.com',
    '',
    `https://learn.microsoft.com/${'a'.repeat(3000)}`,
  ])('drops %s and logs only the scheme', (url) => {
    const logger = recordingLogger();
    expect(openExternalSafe(url, { logger })).toBe(false);
    expect(openExternalMock).not.toHaveBeenCalled();
    expect(logger.entries).toHaveLength(1);
    expect(logger.entries[0]!.event).toBe('external_link_blocked');
    expect(JSON.stringify(logger.entries)).not.toMatch(/pass|evil|attacker|alert/);
  });

  it('drops values that are not strings', () => {
    for (const value of [undefined, null, 42, { href: 'https://learn.microsoft.com/' }]) {
      expect(openExternalSafe(value)).toBe(false);
    }
    expect(openExternalMock).not.toHaveBeenCalled();
  });

  it('without a host list any https URL passes, still https only', () => {
    expect(isSafeExternalUrl('https://example.org/', null)).toBe(true);
    expect(isSafeExternalUrl('http://example.org/', null)).toBe(false);
    expect(EXTERNAL_LINK_HOSTS.every((host) => isSafeExternalUrl(`https://${host}/`))).toBe(true);
  });

  it('logs when the OS refuses to open the link, without throwing', async () => {
    const logger = recordingLogger();
    openExternalMock.mockRejectedValueOnce(new Error('no handler'));
    expect(openExternalSafe('https://aka.ms/mfa', { logger })).toBe(true);
    await vi.waitFor(() => expect(logger.entries.map((e) => e.event)).toEqual(['external_link_failed']));
  });
});

describe('openAuthorizationUrl', () => {
  const endpoint = 'https://login.contoso.example/oauth2/v2.0/authorize';

  it('opens the sign-in provider’s own authorization endpoint, with any query', () => {
    const url = `${endpoint}?client_id=x&code_challenge=abc&state=s`;
    expect(openAuthorizationUrl(url, endpoint)).toBe(true);
    expect(openExternalMock).toHaveBeenCalledWith(url);
    expect(isAuthorizationUrl('http://127.0.0.1:8080/auth?x=1', 'http://127.0.0.1:8080/auth')).toBe(true);
  });

  it.each([
    'https://login.contoso.example/other?client_id=x',
    'https://login.contoso.example.evil.example/oauth2/v2.0/authorize',
    'https://user:pass@login.contoso.example/oauth2/v2.0/authorize',
    'http://login.contoso.example/oauth2/v2.0/authorize',
    'https://login.contoso.example:8443/oauth2/v2.0/authorize',
    'file:///etc/passwd',
    'https://login.contoso.example/oauth2/v2.0/authorize#fragment',
  ])('drops %s', (url) => {
    const logger = recordingLogger();
    expect(openAuthorizationUrl(url, endpoint, logger)).toBe(false);
    expect(openExternalMock).not.toHaveBeenCalled();
    expect(logger.entries.map((e) => e.event)).toEqual(['authorization_url_blocked']);
  });
});
