/**
 * app:// serves the built renderer and nothing else: real files in a temp folder, real Request/Response.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CSP, createAppProtocolHandler, resolveAppFile } from '../../../main/electron/protocol.js';
import { tempDir } from '../../helpers/temp.js';
import { recordingLogger } from './fakes.js';

const temp = tempDir('mfa-protocol-');
const root = path.join(temp.dir, 'renderer');
const logger = recordingLogger();
const handler = createAppProtocolHandler(root, logger);
const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

beforeAll(() => {
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>MFA Approver</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  fs.writeFileSync(path.join(root, 'assets', 'payload.exe'), 'MZ');
  fs.writeFileSync(path.join(root, '.env'), 'SECRET=1');
  fs.writeFileSync(path.join(temp.dir, 'outside.html'), '<p>outside</p>');
  fs.symlinkSync(path.join(temp.dir, 'outside.html'), path.join(root, 'escape.html'));
});
afterAll(() => temp.cleanup());

describe('resolveAppFile', () => {
  it('maps the root and index.html to index.html, and assets below root', () => {
    expect(resolveAppFile(root, 'app://mfa-approver/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://mfa-approver/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://mfa-approver/assets/index-abc.js?v=1#x')).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
  });

  it.each([
    'app://mfa-approver/../outside.html',
    'app://mfa-approver/assets/../../outside.html',
    'app://mfa-approver/%2e%2e/outside.html',
    'app://mfa-approver/%2E%2E%2Foutside.html',
    'app://mfa-approver/assets/%2e%2e%2f%2e%2e%2foutside.html',
    'app://mfa-approver/..%5coutside.html',
    'app://mfa-approver/assets\\..\\..\\outside.html',
    'app://mfa-approver//etc/passwd',
    'app://mfa-approver/%2Fetc%2Fpasswd',
    'app://mfa-approver/C:/Windows/win.ini',
    'app://mfa-approver/C%3A%5CWindows%5Cwin.ini',
    'app://mfa-approver/./index.html',
    'app://mfa-approver/.env',
    'app://mfa-approver/assets/',
    'app://mfa-approver/index.html%00.js',
    'app://mfa-approver/%E0%A4%A',
    'app://mfa-approver',
    'app://evil/index.html',
    'app://mfa-approver.evil/index.html',
    'app://x@mfa-approver/index.html',
    'file:///etc/passwd',
    '/etc/passwd',
    'https://mfa-approver/index.html',
  ])('rejects %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });
});

describe('app:// protocol handler', () => {
  it('serves index.html with the CSP header, nosniff and the right type', async () => {
    const response = await get('app://mfa-approver/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(APP_CSP).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>MFA Approver</title>');
  });

  it('serves scripts and styles with their MIME types', async () => {
    expect((await get('app://mfa-approver/assets/index-abc.js')).headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await get('app://mfa-approver/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it.each([
    ['a missing file', 'app://mfa-approver/missing.js'],
    ['an unknown file type', 'app://mfa-approver/assets/payload.exe'],
    ['a hidden file', 'app://mfa-approver/.env'],
    ['a traversal', 'app://mfa-approver/%2e%2e/outside.html'],
    ['a symlink leading outside the renderer folder', 'app://mfa-approver/escape.html'],
    ['another host', 'app://evil/index.html'],
  ])('answers 404 for %s, with the security headers', async (_name, url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).not.toContain('outside');
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://mfa-approver/index.html', 'POST')).status).toBe(405);
    const head = await get('app://mfa-approver/index.html', 'HEAD');
    expect(head.status).toBe(200);
  });

  it('logs rejected paths without their query string', async () => {
    await get('app://mfa-approver/nope.bin?token=abc');
    const entry = logger.entries.findLast((e) => e.event === 'app_protocol_rejected');
    expect(entry?.fields?.path).toBe('app://mfa-approver/nope.bin');
    expect(JSON.stringify(logger.entries)).not.toContain('token=abc');
  });
});
