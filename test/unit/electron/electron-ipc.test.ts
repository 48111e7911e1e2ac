/**
 * The IPC wrapper: only the app's own top frame on app://mfa-approver may call main, every malformed payload
 * is answered with a named bad_request (never an exception), and events reach the app windows only.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { channelNames, type Channel } from '../../../contract/ipc.js';
import { fastestCpuMs } from '../../helpers/timing.js';
import { fakeIpcMain, fakeRuntime, fakeWindow, ipcEvent, APP_URL } from './fakes.js';

type FakeIpcMain = ReturnType<typeof fakeIpcMain>;
const ipc = vi.hoisted(() => ({ current: null as FakeIpcMain | null }));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (...args: Parameters<FakeIpcMain['handle']>) => ipc.current!.handle(...args),
    removeHandler: (channel: string) => ipc.current!.removeHandler(channel),
  },
}));

const { FORBIDDEN_MESSAGE, registerIpc } = await import('../../../main/ipc/electron-ipc.js');

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const ID2 = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

/** A valid payload per channel, and one with a single wrong field (and the field the message must name). */
const samples: Record<Channel, { valid: Record<string, unknown>; wrong: [Record<string, unknown>, string] | null }> = {
  'app:info': { valid: {}, wrong: null },
  'profiles:list': { valid: {}, wrong: null },
  'profiles:save': {
    valid: { kind: 'entra', displayName: 'Contoso', settings: { tenant: 'contoso.com' } },
    wrong: [{ kind: 'okta', displayName: 'Contoso', settings: { tenant: 'contoso.com' } }, 'kind'],
  },
  'profiles:remove': { valid: { id: ID }, wrong: [{ id: 'not-an-id' }, 'id'] },
  'profiles:setSecret': { valid: { id: ID, secret: 's3cr3t' }, wrong: [{ id: ID, secret: '' }, 'secret'] },
  'profiles:deleteSecret': { valid: { id: ID }, wrong: [{ id: 42 }, 'id'] },
  'profiles:testConnection': { valid: { id: ID }, wrong: [{ id: '../etc/passwd' }, 'id'] },
  'verify:methods': {
    valid: { profileId: ID, subject: 'alex@contoso.com' },
    wrong: [{ profileId: ID, subject: 'x'.repeat(600) }, 'subject'],
  },
  'verify:start': {
    valid: { profileId: ID, subject: 'alex@contoso.com', reason: 'Password reset', ticket: 'INC0012345', mode: 'push' },
    wrong: [{ profileId: ID, subject: 'alex@contoso.com', reason: 'Password reset', ticket: 'INC0012345', mode: 'sms' }, 'mode'],
  },
  'verify:submitCode': { valid: { verificationId: ID, code: '123456' }, wrong: [{ verificationId: ID, code: '12ab' }, 'code'] },
  'verify:cancel': { valid: { verificationId: ID }, wrong: [{ verificationId: 7 }, 'verificationId'] },
  'verify:record': { valid: { verificationId: ID, decision: 'do_not_proceed' }, wrong: [{ verificationId: ID, decision: 'ignore' }, 'decision'] },
  'verify:list': { valid: {}, wrong: null },
  'enroll:start': {
    valid: { profileId: ID, subject: 'alex@contoso.com', reason: 'New phone', ticket: 'INC0012345' },
    wrong: [{ profileId: ID, subject: 'alex@contoso.com', reason: 'New phone', ticket: 'INC0012345', userPassword: 'x'.repeat(300) }, 'userPassword'],
  },
  'enroll:setupKey': { valid: { enrollmentId: ID }, wrong: [{ enrollmentId: 'x' }, 'enrollmentId'] },
  'enroll:confirm': { valid: { enrollmentId: ID, code: '123456' }, wrong: [{ enrollmentId: ID, code: '1234567' }, 'code'] },
  'enroll:cancel': { valid: { enrollmentId: ID }, wrong: [{ enrollmentId: null }, 'enrollmentId'] },
  'enroll:list': { valid: {}, wrong: null },
  'audit:list': { valid: { search: 'alex', limit: 20 }, wrong: [{ limit: 10_000 }, 'limit'] },
  'audit:query': { valid: { operator: 'alex', event: 'authn_mfa_request', before: 10, limit: 100 }, wrong: [{ event: 'made_up' }, 'event'] },
  'audit:entry': { valid: { seq: 3 }, wrong: [{ seq: 0 }, 'seq'] },
  'audit:integrity': { valid: {}, wrong: null },
  'audit:verify': { valid: {}, wrong: null },
  'audit:acknowledge': { valid: { note: 'Checked with the security team' }, wrong: [{ note: 'ok' }, 'note'] },
  'audit:export': { valid: { format: 'csv' }, wrong: [{ format: 'xlsx' }, 'format'] },
  'audit:settings': { valid: {}, wrong: null },
  'audit:setRetention': { valid: { days: 365 }, wrong: [{ days: 7 }, 'days'] },
  'audit:forwarding': { valid: {}, wrong: null },
  'audit:saveDestination': {
    valid: { kind: 'syslog-tls', name: 'SIEM', enabled: true, host: 'siem.example.com', port: 6514 },
    wrong: [{ kind: 'webhook', name: 'Hook', enabled: true, url: 'http://hooks.example.com/x' }, 'url'],
  },
  'audit:removeDestination': { valid: { id: ID }, wrong: [{ id: 'x' }, 'id'] },
  'audit:setDestinationSecret': { valid: { id: ID, secret: 'hec-token' }, wrong: [{ id: ID, secret: '' }, 'secret'] },
  'app:openLogFolder': { valid: {}, wrong: null },
  'sandbox:state': { valid: {}, wrong: null },
  'sandbox:respond': { valid: { promptId: ID2, action: 'approve' }, wrong: [{ promptId: ID2, action: 'maybe' }, 'action'] },
  'sandbox:setEnabled': { valid: { enabled: true }, wrong: [{ enabled: 'yes' }, 'enabled'] },
  'sandbox:setFault': { valid: { profileId: ID, fault: 'http_500' }, wrong: [{ profileId: ID, fault: 'Melt down!' }, 'fault'] },
  'sandbox:scan': { valid: { uri: 'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP' }, wrong: [{ uri: 'https://example.com/' }, 'uri'] },
  'approvals:state': { valid: {}, wrong: null },
  'approvals:create': {
    valid: { profileId: ID, reference: 'PAY-2026-001', amount: '12500.00', currency: 'EUR', beneficiary: 'Acme GmbH', accountType: 'iban', account: 'DE89 3704 0044 0532 0130 00', purpose: 'Invoice 4711' },
    wrong: [{ profileId: ID, reference: 'PAY-2026-001', amount: '12500.00', currency: 'EUR', beneficiary: 'Acme GmbH', accountType: 'iban', account: 'DE89 3704 0044 0532 0130 01', purpose: 'Invoice 4711' }, 'account'],
  },
  'approvals:discard': { valid: { releaseId: ID }, wrong: [{ releaseId: 'x' }, 'releaseId'] },
  'approvals:signIn': {
    valid: { releaseId: ID, hash: 'a'.repeat(64), username: 'alice@example.com', password: 'pw' },
    wrong: [{ releaseId: ID, hash: 'a'.repeat(64), username: 'alice@example.com', password: 'p'.repeat(300) }, 'password'],
  },
  'approvals:challenge': { valid: { stepUpId: ID, authenticatorId: 'push|dev_1' }, wrong: [{ stepUpId: ID, authenticatorId: '' }, 'authenticatorId'] },
  'approvals:submitCode': { valid: { stepUpId: ID, code: '123456' }, wrong: [{ stepUpId: ID, code: '<b>1</b>' }, 'code'] },
  'approvals:cancel': { valid: { stepUpId: ID }, wrong: [{ stepUpId: 1 }, 'stepUpId'] },
  'approvals:enroll': { valid: { stepUpId: ID, kind: 'sms', phoneNumber: '+4915112345678' }, wrong: [{ stepUpId: ID, kind: 'sms', phoneNumber: '015112345678' }, 'phoneNumber'] },
  'approvals:setupKey': { valid: { stepUpId: ID }, wrong: [{ stepUpId: ID, extra: 1 }, 'request'] },
  'approvals:takeRecoveryCode': { valid: { stepUpId: ID }, wrong: [{ stepUpId: 'x' }, 'stepUpId'] },
  'approvals:ackRecoveryCode': { valid: { stepUpId: ID }, wrong: [{}, 'stepUpId'] },
  'approvals:signReceipt': { valid: { releaseId: ID }, wrong: [{ releaseId: null }, 'releaseId'] },
  'approvals:receipt': { valid: { id: ID }, wrong: [{ id: 'r' }, 'id'] },
  'approvals:exportReceipt': { valid: { id: ID }, wrong: [{ id: '../x' }, 'id'] },
  'approvals:publicKey': { valid: {}, wrong: null },
  'approvals:exportPublicKey': { valid: {}, wrong: null },
  'approvals:openLink': { valid: { url: 'mfa-approver://approve?ref=A1' }, wrong: [{ url: 'x'.repeat(5000) }, 'url'] },
  'approvals:takeLink': { valid: {}, wrong: null },
};

let setup: ReturnType<typeof start>;

function start() {
  ipc.current = fakeIpcMain();
  const fake = fakeRuntime();
  const appWindow = fakeWindow(1);
  const windows = [appWindow];
  const dispose = registerIpc(fake.runtime, { windows: () => windows });
  const invoke = (channel: string, payload: unknown, event = ipcEvent(1, { url: APP_URL, origin: 'app://mfa-approver' })) => {
    const handler = ipc.current!.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, payload);
  };
  return { ...fake, appWindow, windows, dispose, invoke, ipcMain: ipc.current };
}

beforeEach(() => {
  setup = start();
});

describe('registerIpc sender checks', () => {
  it('registers exactly the contract channels', () => {
    expect([...setup.ipcMain.handlers.keys()].sort()).toEqual([...channelNames].sort());
  });

  it('accepts the app window top frame on app://mfa-approver', async () => {
    const answer = await setup.invoke('app:info', {});
    expect(answer).toEqual({ ok: true, value: { handled: 'app:info' } });
    expect(setup.calls).toEqual([{ channel: 'app:info', input: {} }]);
  });

  const foreign: [string, ReturnType<typeof ipcEvent>][] = [
    ['a missing frame', ipcEvent(1, null)],
    ['a sub-frame', ipcEvent(1, { url: APP_URL, origin: 'app://mfa-approver', parent: {} })],
    ['an https page', ipcEvent(1, { url: 'https://evil.example/index.html', origin: 'https://evil.example' })],
    ['a look-alike host', ipcEvent(1, { url: 'app://mfa-approver.evil/index.html' })],
    ['credentials in the URL', ipcEvent(1, { url: 'app://mfa-approver@evil/index.html' })],
    ['a file:// page', ipcEvent(1, { url: 'file:///tmp/index.html', origin: 'file://' })],
    ['a frame whose origin disagrees with its URL', ipcEvent(1, { url: APP_URL, origin: 'https://evil.example' })],
    ['a webContents that is not an app window', ipcEvent(99, { url: APP_URL, origin: 'app://mfa-approver' })],
  ];

  it.each(foreign)('refuses %s with forbidden and never runs the handler', async (_name, event) => {
    for (const channel of channelNames) {
      const answer = await setup.invoke(channel, samples[channel].valid, event);
      expect(answer).toEqual({ ok: false, code: 'forbidden', message: FORBIDDEN_MESSAGE });
    }
    expect(setup.calls).toEqual([]);
    expect(setup.logger.entries.filter((e) => e.event === 'ipc_sender_rejected')).toHaveLength(channelNames.length);
  });

  it('refuses when reading the sender frame throws (frame disposed)', async () => {
    const event = { sender: { id: 1 } } as unknown as Parameters<typeof setup.invoke>[2];
    Object.defineProperty(event, 'senderFrame', {
      get: () => {
        throw new Error('Render frame was disposed');
      },
    });
    await expect(setup.invoke('app:info', {}, event)).resolves.toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('registerIpc payload validation', () => {
  it.each(channelNames)('%s: a valid payload reaches the handler', async (channel) => {
    const answer = await setup.invoke(channel, samples[channel].valid);
    expect(answer).toEqual({ ok: true, value: { handled: channel } });
    expect(setup.calls).toHaveLength(1);
  });

  it.each(channelNames)('%s: malformed payloads answer bad_request naming the field', async (channel) => {
    const { valid, wrong } = samples[channel];
    const cases: [unknown, RegExp][] = [
      [undefined, /^request: /],
      [null, /^request: /],
      [42, /^request: /],
      ['{"id":1}', /^request: /],
      [[valid], /^request: /],
      [{ ...valid, extra: 1 }, /unknown field “extra”/],
      [{ ...valid, __proto__: { polluted: true }, constructor: 'x' }, /unknown field “constructor”/],
    ];
    if (wrong) cases.push([wrong[0], new RegExp(`^${wrong[1]}: `)]);
    for (const [payload, message] of cases) {
      const answer = await setup.invoke(channel, payload);
      expect(answer, JSON.stringify(payload)).toMatchObject({ ok: false, code: 'bad_request' });
      expect((answer as { message: string }).message).toMatch(message);
    }
    expect(setup.calls).toEqual([]);
  });

  it('refuses oversized and non-plain payloads before parsing, quickly, with a short message, and logs it', async () => {
    const MiB = 1024 * 1024;
    const cyclic: Record<string, unknown> = { id: ID };
    cyclic.self = cyclic;
    const payloads: unknown[] = [
      new Uint8Array(MiB),
      { id: ID, bytes: new Float64Array(MiB) },
      { id: ID, ['k'.repeat(MiB)]: 1 },
      { id: 'x'.repeat(MiB) },
      Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i])),
      new Map([['id', ID]]),
      cyclic,
    ];
    for (const payload of payloads) {
      const answer = (await setup.invoke('profiles:remove', payload)) as { ok: boolean; code: string; message: string };
      expect(await fastestCpuMs(() => setup.invoke('profiles:remove', payload), 3)).toBeLessThan(50);
      expect(answer).toMatchObject({ ok: false, code: 'bad_request', message: expect.stringMatching(/^request: /) });
      expect(answer.message.length).toBeLessThan(120);
    }
    expect(setup.calls).toEqual([]);
    expect(setup.logger.entries.filter((e) => e.event === 'ipc_payload_refused')).toHaveLength(payloads.length * 4);
  });

  it('a handler that throws unexpectedly answers internal without leaking the error', async () => {
    (setup.runtime.handlers as Record<string, unknown>)['verify:list'] = async () => {
      throw new Error('SQLITE_CORRUPT at /home/alex/.config/db');
    };
    const answer = await setup.invoke('verify:list', {});
    expect(answer).toMatchObject({ ok: false, code: 'internal' });
    expect(JSON.stringify(answer)).not.toContain('SQLITE');
  });
});

describe('registerIpc events', () => {
  it('forwards app events to app windows on the event channel, without the Electron event', () => {
    const payload = { at: '2026-01-01T00:00:00.000Z' };
    setup.runtime.events.emit('audit:changed', payload);
    expect(setup.appWindow.sent).toEqual([{ channel: 'event:audit:changed', args: [payload] }]);
  });

  it('skips destroyed windows and windows that left the app origin', () => {
    const gone = fakeWindow(2);
    gone.destroy();
    const elsewhere = fakeWindow(3, 'https://evil.example/');
    setup.windows.push(gone, elsewhere);
    setup.runtime.events.emit('audit:changed', { at: 'now' });
    expect(setup.appWindow.sent).toHaveLength(1);
    expect(gone.sent).toEqual([]);
    expect(elsewhere.sent).toEqual([]);
  });

  it('keeps sending to other windows when one send throws', () => {
    const broken = fakeWindow(2);
    broken.send = () => {
      throw new Error('Object has been destroyed');
    };
    setup.windows.unshift(broken);
    expect(() => setup.runtime.events.emit('audit:changed', { at: 'now' })).not.toThrow();
    expect(setup.appWindow.sent).toHaveLength(1);
  });

  it('dispose removes every handler and stops forwarding', () => {
    setup.dispose();
    expect(setup.ipcMain.handlers.size).toBe(0);
    setup.runtime.events.emit('audit:changed', { at: 'now' });
    expect(setup.appWindow.sent).toEqual([]);
  });
});
