/**
 * The audit trail through the whole app: every event type lands with the fields NIST AU-3 / OWASP ask for;
 * a tampered trail stops provider requests until an administrator acknowledges; deleting a target's rows
 * does not reset its push limit; an outcome that cannot be written is never shown as a plain approval and
 * lands once the disk has room.
 */
import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { auditEvents, type AuditEntryView } from '../../../contract/audit.js';
import type { VerificationView } from '../../../contract/domain.js';
import { DATABASE_FILE } from '../../../main/services/db/database.js';
import { startShell } from '../../../shell/server.js';
import { fullDisk, type FullDisk } from '../../helpers/full-disk.js';
import { ENTRA_SANDBOX_PROFILE_ID, entraSim } from '../../helpers/sandbox.js';
import { FLOW_TEST_POLICY } from '../../helpers/policy.js';
import { tempDir } from '../../helpers/temp.js';
import { ok, startTestRuntime, type TestRuntime } from '../../helpers/runtime.js';
import { nextSession, oidcPolicy, scriptedBrowser } from '../../helpers/sign-in.js';
import { operatorRoles } from '../../../contract/policy/sign-in.js';
import { startOidcServer } from '../../support/oidc-server.js';

const runtimes: TestRuntime[] = [];
const disks: FullDisk[] = [];
afterEach(async () => {
  for (const rt of runtimes.splice(0).reverse()) await rt.close().catch(() => undefined);
  for (const disk of disks.splice(0)) disk.cleanup();
});

async function start(options: Parameters<typeof startTestRuntime>[0] = {}): Promise<TestRuntime> {
  const rt = await startTestRuntime(options);
  runtimes.push(rt);
  return rt;
}

const domain = 'sandbox.contoso.example';
const request = (user: string, ticket = 'INC-77') => ({
  profileId: ENTRA_SANDBOX_PROFILE_ID,
  subject: `${user}@${domain}`,
  reason: 'Password reset requested by phone',
  ticket,
  mode: 'push' as const,
});

function finalView(rt: TestRuntime, id: string, accept = (v: VerificationView) => v.status !== 'pending' && v.status !== 'awaiting_code'): Promise<VerificationView> {
  return new Promise((resolve) => {
    const stop = rt.runtime.events.subscribe((event, payload) => {
      const view = payload as VerificationView;
      if (event === 'verification:updated' && view.id === id && accept(view)) {
        stop();
        resolve(view);
      }
    });
  });
}

async function allEntries(rt: TestRuntime): Promise<AuditEntryView[]> {
  const out: AuditEntryView[] = [];
  let before: number | undefined;
  for (let i = 0; i < 50; i += 1) {
    const page = ok(await rt.call('audit:query', { limit: 500, ...(before ? { before } : {}) }));
    out.push(...page.entries);
    if (page.next === null) break;
    before = page.next;
  }
  return out.reverse();
}

function raw(rt: TestRuntime): Sqlite.Database {
  const db = new Sqlite(path.join(rt.dataDir, DATABASE_FILE));
  db.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;');
  return db;
}

describe('the audit trail through the app', () => {
  it('every event type produces an entry with the required fields', async () => {
    // Managed, with every role for the OS account and a sign-in through a real OpenID provider.
    const idp = await startOidcServer();
    const browser = scriptedBrowser();
    const first = await start({
      keepData: true,
      limits: { perTargetPerHour: 2 },
      policy: { path: 'runtime-audit test', policy: { ...FLOW_TEST_POLICY, signIn: { oidc: oidcPolicy(idp), osUserRoles: [...operatorRoles] } } },
      openBrowser: (url, endpoint) => browser.open(url, endpoint),
    });
    const sim = entraSim(first);
    sim.setUserBehaviour(`push@${domain}`, { action: 'approve', delayMs: 10 });
    let started = ok(await first.call('verify:start', request('push', 'INC-A')));
    await finalView(first, started.id);
    sim.setUserBehaviour(`push@${domain}`, { action: 'deny', delayMs: 10 });
    started = ok(await first.call('verify:start', request('push', 'INC-B')));
    await finalView(first, started.id);
    expect(await first.call('verify:start', request('push', 'INC-C'))).toMatchObject({ ok: false, code: 'rate_limited' });
    ok(await first.call('verify:methods', { profileId: ENTRA_SANDBOX_PROFILE_ID, subject: `sms@${domain}` }));
    ok(await first.call('profiles:testConnection', { id: ENTRA_SANDBOX_PROFILE_ID }));
    const profile = ok(await first.call('profiles:save', { kind: 'entra', displayName: 'Contoso', settings: { tenant: 'contoso.com' } }));
    ok(await first.call('profiles:save', {
      id: profile.id, kind: 'entra', displayName: 'Contoso', settings: { tenant: 'contoso.com', connectorBaseUrl: 'https://elsewhere.example.net', proxyUrl: 'http://proxy.corp:8080' },
    }));
    ok(await first.call('profiles:setSecret', { id: profile.id, secret: 'client-secret-value-1' }));
    ok(await first.call('profiles:deleteSecret', { id: profile.id }));
    ok(await first.call('profiles:testConnection', { id: profile.id }));
    ok(await first.call('profiles:remove', { id: profile.id }));
    ok(await first.call('audit:export', { format: 'jsonl' }));
    // The operator signs in through the organisation's provider, and out again.
    browser.next({ login: 'user-carol' });
    const signedIn = nextSession(first, (view) => view.signIn === 'signed_in');
    ok(await first.call('session:signIn', {}));
    await signedIn;
    ok(await first.call('session:signOut', {}));
    await idp.close();
    // What the transports see: a payload that fails the contract, and a connection from a foreign page.
    first.runtime.ipcAudit.validationFailed('verify:start', 'mode: Invalid option');
    const renderer = tempDir('mfa-renderer-');
    fs.writeFileSync(path.join(renderer.dir, 'index.html'), '<html><head></head></html>');
    const shell = await startShell({ runtime: first.runtime, rendererDir: renderer.dir, bridgeFile: path.join(renderer.dir, 'none.js') });
    const refused = new WebSocket(`ws://127.0.0.1:${new URL(shell.origin).port}/bridge`, { headers: { Origin: 'http://evil.example' } });
    await new Promise((resolve) => refused.once('error', resolve).once('close', resolve));
    await shell.close();
    renderer.cleanup();
    first.runtime.recordCrash(new RangeError('simulated'));
    // An outsider edits an old entry; the check finds it, an administrator acknowledges.
    raw(first).prepare("UPDATE audit_log SET reason = 'edited' WHERE seq = 2").run();
    expect(ok(await first.call('audit:verify', {})).state).toBe('broken');
    ok(await first.call('audit:acknowledge', { note: 'Compared with the SIEM copy; entry 2 was edited by a test.' }));
    await first.close();
    const rt = await start({ dataDir: first.dataDir, secrets: first.secrets });

    // The account-lock events, in a runtime of their own (a lock after one denial): a denial is locked, the
    // lock cleared by the administrator, a token checked, a second approval asked for where none is needed.
    const third = await start({ limits: { lockAfterDenials: 1 } });
    entraSim(third).setUserBehaviour(`push-totp@${domain}`, { action: 'deny', delayMs: 10 });
    const denied = ok(await third.call('verify:start', request('push-totp', 'INC-D')));
    await finalView(third, denied.id);
    expect(await third.call('verify:secondApproval', { verificationId: denied.id, approver: 'sam' })).toMatchObject({ ok: false, code: 'conflict' });
    ok(await third.call('policy:clearLock', { targetCanonical: `push-totp@${domain}`, note: 'Called the account holder back on the number on file.' }));
    expect(ok(await third.call('token:check', { token: 'MFAV-00000-00000-00000-00000', subject: `push@${domain}`, ticket: 'INC-D' }))).toMatchObject({ valid: false, reason: 'unknown' });

    const entries = await allEntries(rt);
    const lockEntries = await allEntries(third);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    expect(new Set([...entries, ...lockEntries].map((e) => e.event))).toEqual(new Set(auditEvents));
    for (const e of [...entries, ...lockEntries]) {
      expect(e.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(e.mono).toBeGreaterThan(0);
      expect(auditEvents).toContain(e.event);
      expect(e.action).not.toBe('');
      expect(e.outcome).not.toBe('');
      expect(['test.agent', 'carol@example.com (OS: test.agent)']).toContain(e.operator);
      expect(e.appVersion).toBe('0.0.0-test');
      expect(e.deviceId).toMatch(/^[0-9a-f-]{36}$/);
      expect(e.instance).toMatch(/^[0-9a-f-]{36}$/);
      expect(e.pid).toBe(process.pid);
      expect(e.mac).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(lockEntries.find((e) => e.event === 'target_locked')).toMatchObject({ outcome: 'locked', reasonCode: 'repeated_denials', target: `push-totp@${domain}`, ticket: 'INC-D' });
    expect(lockEntries.find((e) => e.event === 'target_unlocked')).toMatchObject({ outcome: 'unlocked', reason: 'Called the account holder back on the number on file.' });
    expect(entries.find((e) => e.event === 'verification_token_issued')).toMatchObject({ target: `push@${domain}`, ticket: 'INC-A', outcome: 'issued' });
    const pushes = entries.filter((e) => e.action === 'verify.push' && e.event.startsWith('authn_mfa'));
    expect(pushes.map((e) => e.event)).toEqual(['authn_mfa_request', 'authn_mfa_success', 'authn_mfa_request', 'authn_mfa_fail']);
    for (const e of pushes) {
      expect(e).toMatchObject({
        target: `push@${domain}`, targetCanonical: `push@${domain}`, profileId: ENTRA_SANDBOX_PROFILE_ID, provider: 'entra',
        method: 'push', reason: 'Password reset requested by phone', sandbox: true,
      });
      expect(e.endpointHost).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(e.refs.contextId).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(pushes[1]).toMatchObject({ outcome: 'approved', reasonCode: 'Success', link: pushes[0]!.seq });
    expect(pushes[3]).toMatchObject({ outcome: 'denied', reasonCode: 'PhoneAppDenied', link: pushes[2]!.seq });
    expect(entries.find((e) => e.event === 'excess_rate_limit_exceeded')).toMatchObject({ target: `push@${domain}`, ticket: 'INC-C', outcome: 'refused' });
    const update = entries.find((e) => e.action === 'profile.update')!;
    expect(update.event).toBe('sensitive_update');
    expect(update.data).toMatchObject({
      changes: { connectorBaseUrl: { before: null, after: 'https://elsewhere.example.net' }, proxyUrl: { before: null, after: 'http://proxy.corp:8080' } },
      endpoints: { after: { connector: 'https://elsewhere.example.net/StrongAuthenticationService.svc/Connector' } },
      proxy: { before: null, after: 'http://proxy.corp:8080' },
    });
    expect(update.endpointHost).toBe('elsewhere.example.net');
    expect(entries.find((e) => e.event === 'authz_fail')?.detail).toMatch(/bridge: connection refused \(origin http:\/\/evil\.example\)/);
    expect(entries.find((e) => e.event === 'authz_admin')?.data).toMatchObject({ problems: [{ seq: 2 }] });
    expect(entries.filter((e) => e.action.startsWith('operator.')).map((e) => [e.event, e.operator])).toEqual([
      ['authn_login_success', 'carol@example.com (OS: test.agent)'],
      ['session_expired', 'carol@example.com (OS: test.agent)'],
    ]);
    expect(ok(await rt.call('audit:integrity', {}))).toMatchObject({ state: 'acknowledged', requestsAllowed: true });
  });

  it('a tampered trail refuses new provider requests until an administrator acknowledges', async () => {
    const first = await start({ keepData: true });
    entraSim(first).setUserBehaviour(`push@${domain}`, { action: 'approve', delayMs: 10 });
    const started = ok(await first.call('verify:start', request('push')));
    await finalView(first, started.id);
    await first.close();
    const db = new Sqlite(path.join(first.dataDir, DATABASE_FILE));
    db.exec('DROP TRIGGER audit_no_delete');
    db.prepare("DELETE FROM audit_log WHERE action = 'verify.push'").run();
    db.close();

    const rt = await start({ dataDir: first.dataDir, secrets: first.secrets });
    const integrity = ok(await rt.call('audit:integrity', {}));
    expect(integrity).toMatchObject({ state: 'broken', requestsAllowed: false });
    expect(integrity.firstBad?.problem).toMatch(/^Entr(y|ies) \d+(–\d+)? (is|are) missing\.$/);
    const refused = await rt.call('verify:start', request('push'));
    expect(refused).toMatchObject({ ok: false, code: 'audit_blocked' });
    expect(!refused.ok && refused.message).toMatch(/Nothing was sent\. The audit log failed its integrity check at entry \d+/);
    expect(entraSim(rt).counts().connectorRequests).toBe(0);
    expect(await rt.call('verify:methods', { profileId: ENTRA_SANDBOX_PROFILE_ID, subject: `sms@${domain}` })).toMatchObject({ code: 'audit_blocked' });
    expect(await rt.call('profiles:testConnection', { id: ENTRA_SANDBOX_PROFILE_ID })).toMatchObject({ ok: false, code: 'audit_blocked' });
    expect(await rt.call('audit:acknowledge', { note: 'short' })).toMatchObject({ ok: false, code: 'bad_request' });
    ok(await rt.call('audit:acknowledge', { note: 'Reviewed with security; the rows were deleted by a test.' }));
    const again = ok(await rt.call('verify:start', request('push', 'INC-78')));
    expect(again.status).toBe('pending');
  });

  it('deleting a target’s rows does not reset its push limit', async () => {
    const rt = await start({ keepData: true });
    entraSim(rt).setUserBehaviour(`push@${domain}`, { action: 'deny', delayMs: 10 });
    for (let i = 0; i < 3; i += 1) {
      const started = ok(await rt.call('verify:start', request('push')));
      await finalView(rt, started.id);
    }
    const db = raw(rt);
    // Three requests, their three outcomes, and the three policy decisions that let them go.
    expect(db.prepare('DELETE FROM audit_log WHERE target_canonical = ?').run(`push@${domain}`).changes).toBe(9);
    db.close();
    // While the app runs: the limit counts what it saw verified or wrote, not what the table holds now.
    expect(await rt.call('verify:start', request('push'))).toMatchObject({ ok: false, code: 'rate_limited' });
    await rt.close();
    runtimes.pop();
    // After a restart: the deletion breaks the chain, so nothing is sent at all.
    const again = await start({ dataDir: rt.dataDir, secrets: rt.secrets });
    expect(await again.call('verify:start', request('push'))).toMatchObject({ ok: false, code: 'audit_blocked' });
    expect(entraSim(again).counts().connectorRequests).toBe(0);
  });

  it('an outcome that cannot be written is never shown as a plain approval, and lands once the disk has room', async () => {
    const disk = fullDisk();
    disks.push(disk);
    const rt = await start({ dataDir: disk.dir, keepData: true, audit: { retryMs: 50 } });
    entraSim(rt).setUserBehaviour(`push@${domain}`, { action: 'approve', delayMs: 300 });
    const started = ok(await rt.call('verify:start', request('push')));
    const db = rt.runtime.audit.db;
    disk.fill(db);
    const unrecorded = await finalView(rt, started.id);
    expect(unrecorded).toMatchObject({ status: 'approved', recorded: false });
    expect(ok(await rt.call('audit:integrity', {}))).toMatchObject({ pendingWrites: 1, requestsAllowed: false });
    expect(await rt.call('verify:start', request('sms'))).toMatchObject({ ok: false, code: 'audit_blocked' });
    expect(rt.logLines.join('\n')).toMatch(/audit_write_failed/);
    // The journal holds it meanwhile (its space was reserved at start-up).
    expect(fs.readFileSync(rt.runtime.audit.journal.path).includes(Buffer.from('"outcome":"approved"'))).toBe(true);
    const landed = finalView(rt, started.id, (v) => v.recorded);
    disk.free(db);
    expect(await landed).toMatchObject({ status: 'approved', recorded: true });
    const row = ok(await rt.call('audit:list', { search: started.contextId }))[0];
    expect(row).toMatchObject({ outcome: 'approved', outcomeCode: 'Success' });
    expect(ok(await rt.call('audit:integrity', {}))).toMatchObject({ pendingWrites: 0, requestsAllowed: true });
  });

  it('an outcome left in the journal by a killed app is written at the next start, once', async () => {
    const disk = fullDisk();
    disks.push(disk);
    const first = await start({ dataDir: disk.dir, keepData: true, audit: { retryMs: 60_000 } });
    entraSim(first).setUserBehaviour(`push@${domain}`, { action: 'deny', delayMs: 200 });
    const started = ok(await first.call('verify:start', request('push')));
    disk.fill(first.runtime.audit.db);
    expect(await finalView(first, started.id)).toMatchObject({ status: 'denied', recorded: false });
    // Killed: nothing else runs (no shutdown, no checkpoint); the database is simply closed.
    first.runtime.audit.recorder.close();
    disk.free(first.runtime.audit.db);
    first.runtime.audit.db.close();
    runtimes.pop();
    const rt = await start({ dataDir: first.dataDir, secrets: first.secrets });
    const rows = ok(await rt.call('audit:list', { search: started.contextId }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'denied', outcomeCode: 'PhoneAppDenied' });
    const outcome = (await allEntries(rt)).find((e) => e.link === Number(rows[0]!.id))!;
    expect(outcome.data).toMatchObject({ recordedLate: true });
    expect(rt.logLines.join('\n')).toMatch(/audit_journal_replayed/);
  });
});
