/**
 * Profile and secret changes happen together with their audit entries, or not at all: with the log (or the
 * profile table) refusing writes before, during and after a change, through the real handlers, the real
 * keychain and real SQLite failures. And no channel answers a failing log with "Something went wrong".
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../contract/domain.js';
import { channelNames, type Channel } from '../../../contract/ipc.js';
import { secretAccount } from '../../../main/services/profiles.js';
import { AUDIT_TABLE, dbFaults, type DbFaults } from '../../helpers/db-faults.js';
import { ok, startTestRuntime, type TestRuntime } from '../../helpers/runtime.js';
import { ENTRA_SANDBOX_PROFILE_ID, entraSim } from '../../helpers/sandbox.js';

let t: TestRuntime;
let faults: DbFaults;
const settings = { tenant: 'contoso.com', loginBaseUrl: 'http://127.0.0.1:9', connectorBaseUrl: 'http://127.0.0.1:9' };

beforeAll(async () => {
  t = await startTestRuntime();
  faults = dbFaults(t.dataDir);
});
afterEach(() => faults.clear());
afterAll(async () => {
  faults.close();
  await t.close();
});

async function profileWithSecret(name: string, secret = `secret-of-${name}`): Promise<string> {
  const saved = ok(await t.call('profiles:save', { kind: 'entra', displayName: name, settings }));
  ok(await t.call('profiles:setSecret', { id: saved.id, secret }));
  return saved.id;
}

const keychain = (id: string) => t.secrets.get(secretAccount(id));
const profiles = async () => ok(await t.call('profiles:list', {})).filter((p) => !p.sandbox);
const auditRows = async (search: string) => ok(await t.call('audit:list', { search }));
const failure = (result: Result<unknown>) => (result.ok ? null : { code: result.code, message: result.message });

describe('the audit entry is written first: when it cannot be, nothing changes', () => {
  it('setSecret leaves the keychain as it was', async () => {
    const id = await profileWithSecret('Before');
    faults.fail(AUDIT_TABLE, 'INSERT');
    expect(failure(await t.call('profiles:setSecret', { id, secret: 'new-secret' }))).toEqual({
      code: 'audit_unavailable',
      message: expect.stringMatching(/request log could not be written, so nothing was changed/),
    });
    expect(await keychain(id)).toBe('secret-of-Before');
  });

  it('creating a profile creates nothing', async () => {
    const before = (await profiles()).length;
    faults.fail(AUDIT_TABLE, 'INSERT');
    expect(failure(await t.call('profiles:save', { kind: 'entra', displayName: 'Never', settings }))?.code).toBe('audit_unavailable');
    faults.clear();
    expect((await profiles()).length).toBe(before);
  });

  it('turning the sandbox off leaves it on', async () => {
    faults.fail(AUDIT_TABLE, 'INSERT');
    expect(failure(await t.call('sandbox:setEnabled', { enabled: false }))?.code).toBe('audit_unavailable');
    expect(ok(await t.call('sandbox:state', {})).enabled).toBe(true);
  });

  it('Test connection and the methods lookup send nothing', async () => {
    const sim = entraSim(t);
    const sent = sim.counts();
    faults.fail(AUDIT_TABLE, 'INSERT');
    expect(failure(await t.call('profiles:testConnection', { id: ENTRA_SANDBOX_PROFILE_ID }))).toEqual({
      code: 'audit_unavailable',
      message: expect.stringMatching(/connection was not tested/),
    });
    const methods = await t.call('verify:methods', { profileId: ENTRA_SANDBOX_PROFILE_ID, subject: `push@${sim.tenantDomain}` });
    expect(failure(methods)).toEqual({ code: 'audit_unavailable', message: expect.stringMatching(/nothing was sent/) });
    expect(sim.counts()).toEqual(sent);
  });
});

describe('when the audit entry cannot be completed, the change is undone', () => {
  it('setSecret puts the previous secret back', async () => {
    const id = await profileWithSecret('Undo set');
    faults.fail(AUDIT_TABLE, 'UPDATE');
    expect(failure(await t.call('profiles:setSecret', { id, secret: 'replacement' }))).toEqual({
      code: 'audit_unavailable',
      message: expect.stringMatching(/so it was undone and nothing was changed/),
    });
    expect(await keychain(id)).toBe('secret-of-Undo set');
  });

  it('deleteSecret puts the secret back', async () => {
    const id = await profileWithSecret('Undo delete');
    faults.fail(AUDIT_TABLE, 'UPDATE');
    expect(failure(await t.call('profiles:deleteSecret', { id }))?.code).toBe('audit_unavailable');
    expect(await keychain(id)).toBe('secret-of-Undo delete');
  });

  it('removing a profile keeps the profile and its secret', async () => {
    const id = await profileWithSecret('Undo remove');
    faults.fail(AUDIT_TABLE, 'UPDATE');
    expect(failure(await t.call('profiles:remove', { id }))?.code).toBe('audit_unavailable');
    expect((await profiles()).find((p) => p.id === id)).toMatchObject({ displayName: 'Undo remove', secret: 'set' });
    expect(await keychain(id)).toBe('secret-of-Undo remove');
  });

  it('moving a profile to new endpoints restores its settings and its secret', async () => {
    const id = await profileWithSecret('Undo move');
    faults.fail(AUDIT_TABLE, 'UPDATE');
    const moved = await t.call('profiles:save', { id, kind: 'entra', displayName: 'Moved', settings: { ...settings, loginBaseUrl: 'https://login.example.net' } });
    expect(failure(moved)?.code).toBe('audit_unavailable');
    expect((await profiles()).find((p) => p.id === id)).toMatchObject({ displayName: 'Undo move', settings: { loginBaseUrl: 'http://127.0.0.1:9' }, secret: 'set' });
    expect(await keychain(id)).toBe('secret-of-Undo move');
  });
});

describe('when the change itself fails half way, the done part is undone and the entry says so', () => {
  it('a profile row that cannot be deleted keeps its secret', async () => {
    const id = await profileWithSecret('Half remove');
    faults.fail('profiles', 'DELETE');
    const answer = await t.call('profiles:remove', { id });
    expect(failure(answer)).toEqual({ code: 'storage_failed', message: expect.stringMatching(/database could not be used/) });
    faults.clear();
    expect(await keychain(id)).toBe('secret-of-Half remove');
    expect((await profiles()).find((p) => p.id === id)?.secret).toBe('set');
    const [row] = await auditRows('Half remove');
    expect(row).toMatchObject({ action: 'profile.remove', outcome: 'failure', detail: 'The change failed and was undone.' });
  });
});

describe('every channel names a failing log or database plainly', () => {
  it('no answer is "Something went wrong" while every write fails', async () => {
    const id = await profileWithSecret('All fail');
    for (const table of [AUDIT_TABLE, 'profiles', 'app_settings']) for (const write of ['INSERT', 'UPDATE', 'DELETE'] as const) faults.fail(table, write);
    const payloads: Partial<Record<Channel, unknown>> = {
      'profiles:save': { id, kind: 'entra', displayName: 'All fail 2', settings },
      'profiles:remove': { id },
      'profiles:setSecret': { id, secret: 'x-secret' },
      'profiles:deleteSecret': { id },
      'profiles:testConnection': { id },
      'verify:methods': { profileId: ENTRA_SANDBOX_PROFILE_ID, subject: `push@${entraSim(t).tenantDomain}` },
      'verify:start': { profileId: ENTRA_SANDBOX_PROFILE_ID, subject: `push@${entraSim(t).tenantDomain}`, reason: 'Password reset', ticket: 'INC-1', mode: 'push' },
      'sandbox:setEnabled': { enabled: false },
    };
    const answers: [Channel, Result<unknown>][] = [];
    for (const channel of channelNames) {
      if (!(channel in payloads)) continue;
      answers.push([channel, await t.call(channel, payloads[channel] as never)]);
    }
    for (const [channel, answer] of answers) {
      expect(answer.ok, channel).toBe(false);
      expect(failure(answer)?.message, channel).not.toMatch(/Something went wrong/);
      expect(['audit_unavailable', 'storage_failed'], channel).toContain(failure(answer)?.code);
    }
    faults.clear();
    expect(await keychain(id)).toBe('secret-of-All fail');
  });
});
