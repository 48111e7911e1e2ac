/**
 * A secret set through the contract goes to the keychain and nowhere else: not back over IPC, not into the
 * database files, not into the app log.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames } from '../../../contract/ipc.js';
import { secretAccount } from '../../../main/services/profiles.js';
import { ok, startTestRuntime, type TestRuntime } from '../../helpers/runtime.js';

const SECRET = 'Zx9-unique-client-secret-value-4711';
let t: TestRuntime;
let profileId = '';

beforeAll(async () => {
  t = await startTestRuntime({ sandbox: { offered: false } });
  const saved = ok(
    await t.call('profiles:save', {
      kind: 'entra',
      displayName: 'Contoso (test)',
      // Closed loopback port: provider calls fail fast without leaving the machine.
      settings: { tenant: 'contoso.com', loginBaseUrl: 'http://127.0.0.1:9', connectorBaseUrl: 'http://127.0.0.1:9' },
    }),
  );
  profileId = saved.id;
});
afterAll(async () => {
  await t.call('profiles:remove', { id: profileId });
  await t.close();
});

describe('secrets are write-only from the renderer', () => {
  it('setSecret answers only the state, and the list shows set without the value', async () => {
    expect(ok(await t.call('profiles:setSecret', { id: profileId, secret: SECRET }))).toEqual({ secret: 'set' });
    const listed = ok(await t.call('profiles:list', {}));
    expect(listed.find((p) => p.id === profileId)?.secret).toBe('set');
  });

  it('the secret is in the OS keychain under the profile id, and main can use it', async () => {
    expect(await t.secrets.get(secretAccount(profileId))).toBe(SECRET);
    // Test connection reads it in main and reaches the (closed) token endpoint; the answer does not carry it.
    const result = ok(await t.call('profiles:testConnection', { id: profileId }));
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('no channel ever returns it', async () => {
    const answers: unknown[] = [];
    for (const channel of channelNames) {
      const payloads: Record<string, unknown> = {
        'profiles:remove': { id: '00000000-0000-4000-8000-000000000000' },
        'profiles:setSecret': { id: '00000000-0000-4000-8000-000000000000', secret: 'other' },
        'profiles:deleteSecret': { id: '00000000-0000-4000-8000-000000000000' },
        'profiles:testConnection': { id: profileId },
        'profiles:save': { kind: 'entra', displayName: 'Second', settings: { tenant: 'fabrikam.com' } },
        'verify:methods': { profileId, upn: 'jane@contoso.com' },
        'verify:start': { profileId, upn: 'jane@contoso.com', reason: 'Password reset', ticket: 'INC-1', mode: 'push' },
        'verify:submitCode': { verificationId: '00000000-0000-4000-8000-000000000000', code: '123456' },
        'verify:cancel': { verificationId: '00000000-0000-4000-8000-000000000000' },
        'audit:list': { search: 'secret' },
        'sandbox:respond': { promptId: '00000000-0000-4000-8000-000000000000', action: 'approve' },
        'sandbox:setFault': { fault: 'none' },
      };
      answers.push(await t.call(channel, (payloads[channel] ?? {}) as never));
    }
    expect(JSON.stringify(answers)).not.toContain(SECRET);
  });

  it('never reaches the database files, exports or the app log', async () => {
    // Every file under the data folder, exports included (the channel sweep above exported the receipt key).
    for (const file of fs.readdirSync(t.dataDir, { recursive: true, encoding: 'utf8' })) {
      if (!fs.statSync(path.join(t.dataDir, file)).isFile()) continue;
      const bytes = fs.readFileSync(path.join(t.dataDir, file));
      expect(bytes.includes(Buffer.from(SECRET)), file).toBe(false);
    }
    expect(t.logLines.join('\n')).not.toContain(SECRET);
  });

  it('the audit log records that it was set, without the value', async () => {
    const rows = ok(await t.call('audit:list', { search: 'secret.set' }));
    expect(rows[0]).toMatchObject({ action: 'secret.set', outcome: 'success', profileId });
    expect(JSON.stringify(rows)).not.toContain(SECRET);
  });

  it('deleteSecret removes it', async () => {
    expect(ok(await t.call('profiles:deleteSecret', { id: profileId }))).toEqual({ secret: 'missing' });
    expect(ok(await t.call('profiles:list', {})).find((p) => p.id === profileId)?.secret).toBe('missing');
  });
});

describe('a saved secret cannot be redirected', () => {
  it('changing where the secret would be sent drops it; renaming keeps it', async () => {
    ok(await t.call('profiles:setSecret', { id: profileId, secret: SECRET }));
    const profile = ok(await t.call('profiles:list', {})).find((p) => p.id === profileId)!;
    if (profile.kind !== 'entra') throw new Error('expected the Entra profile');
    const renamed = ok(await t.call('profiles:save', { id: profileId, kind: 'entra', displayName: 'Renamed', settings: profile.settings }));
    expect(renamed.secret).toBe('set');
    const moved = ok(
      await t.call('profiles:save', {
        id: profileId,
        kind: 'entra',
        displayName: 'Renamed',
        settings: { ...profile.settings, loginBaseUrl: 'https://attacker.example' },
      }),
    );
    expect(moved.secret).toBe('missing');
    expect(await t.secrets.get(secretAccount(profileId))).toBeNull();
    const rows = ok(await t.call('audit:list', { search: 'set the secret again' }));
    expect(rows[0]).toMatchObject({ action: 'secret.delete', profileId });
  });
});
