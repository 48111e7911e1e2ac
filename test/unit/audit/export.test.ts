/**
 * Exports: CSV and JSON Lines of the whole trail, sealed by a signed checkpoint, re-verified offline by the
 * same verifier (also as `npm run audit:verify`); an edited or cut export is caught and the entry named.
 * And a scan with the secrets this run used finds none in the database, the journal, the app log or exports.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { VerificationView } from '../../../contract/domain.js';
import { verifyExportFile } from '../../../main/services/audit/export-verify.js';
import { keychainSealStore } from '../../../main/services/audit/keys.js';
import { ENTRA_SANDBOX_PROFILE_ID, entraSim } from '../../helpers/sandbox.js';
import { ok, startTestRuntime, type TestRuntime } from '../../helpers/runtime.js';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.close();
  rt = null;
});

const domain = 'sandbox.contoso.example';

function finalView(t: TestRuntime, id: string, statuses: string[]): Promise<VerificationView> {
  return new Promise((resolve) => {
    const stop = t.runtime.events.subscribe((event, payload) => {
      const view = payload as VerificationView;
      if (event === 'verification:updated' && view.id === id && statuses.includes(view.status)) {
        stop();
        resolve(view);
      }
    });
  });
}

/** A run that touches every kind of secret the app handles: provider secret, read-back code, HEC token. */
async function busyRuntime(keepData = false): Promise<{ t: TestRuntime; secrets: string[]; code: string }> {
  const t = await startTestRuntime({ fileLog: true, keepData });
  const profile = ok(await t.call('profiles:save', { kind: 'entra', displayName: 'Contoso', settings: { tenant: 'contoso.com' } }));
  const providerSecret = 'Zq8~client.secret-VALUE-7731';
  ok(await t.call('profiles:setSecret', { id: profile.id, secret: providerSecret }));
  const hec = ok(await t.call('audit:saveDestination', { kind: 'splunk-hec', name: 'Splunk', enabled: false, url: 'https://splunk.example.com:8088' }));
  const hecToken = 'f3b2c1d0-hec-token-5e6f7a8b9c0d';
  ok(await t.call('audit:setDestinationSecret', { id: hec.destination.id, secret: hecToken }));
  entraSim(t).setUserBehaviour(`push@${domain}`, { action: 'approve', delayMs: 10 });
  const push = ok(await t.call('verify:start', { profileId: ENTRA_SANDBOX_PROFILE_ID, subject: `push@${domain}`, reason: 'Password reset', ticket: 'INC-1', mode: 'push' }));
  await finalView(t, push.id, ['approved']);
  const otp = ok(await t.call('verify:start', { profileId: ENTRA_SANDBOX_PROFILE_ID, subject: `sms@${domain}`, reason: 'Unlock', ticket: 'INC-2', mode: 'otp' }));
  await expect.poll(() => t.runtime.sandbox!.state().prompts.find((p) => p.code)?.code ?? null, { timeout: 5000 }).not.toBeNull();
  const code = t.runtime.sandbox!.state().prompts.find((p) => p.code)!.code!;
  await expect.poll(async () => ok(await t.call('verify:list', {})).find((v) => v.id === otp.id)?.status, { timeout: 5000 }).toBe('awaiting_code');
  const done = ok(await t.call('verify:submitCode', { verificationId: otp.id, code }));
  expect(done.status).toBe('approved');
  const sandboxSecret = t.runtime.sandbox!.secretFor(ENTRA_SANDBOX_PROFILE_ID)!;
  return {
    t,
    code,
    secrets: [
      providerSecret,
      hecToken,
      sandboxSecret,
      // Any JWT (access tokens, client assertions) starts with this.
      'eyJhbGciOi',
    ],
  };
}

function exportTo(t: TestRuntime, format: 'csv' | 'jsonl') {
  return t.call('audit:export', { format }).then((r) => ok(r)!);
}

describe('audit export', () => {
  it('exports CSV and JSON Lines that verify offline, with the CLI too; edits and cuts are named', async () => {
    const { t } = await busyRuntime();
    rt = t;
    const jsonl = await exportTo(t, 'jsonl');
    const csv = await exportTo(t, 'csv');
    expect(jsonl.path.startsWith(path.join(t.dataDir, 'exports'))).toBe(true);
    for (const file of [jsonl, csv]) {
      const report = await verifyExportFile(file.path);
      expect(report.problems).toEqual([]);
      expect(report).toMatchObject({ ok: true, firstSeq: 1, lastSeq: file.checkpointSeq, entries: file.entries });
      expect(report.lastCheckpoint?.seq).toBe(file.checkpointSeq);
    }
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', csv.path], { encoding: 'utf8', timeout: 30_000 });
    expect(cli.stdout).toMatch(/result: OK/);
    expect(cli.status).toBe(0);

    // An edited reason in the JSON Lines export.
    const lines = fs.readFileSync(jsonl.path, 'utf8').split('\n');
    const index = lines.findIndex((l) => l.includes('"ticket":"INC-2"'));
    const seq = (JSON.parse(lines[index]!) as { seq: number }).seq;
    lines[index] = lines[index]!.replace('"reason":"Unlock"', '"reason":"Routine"');
    const edited = path.join(t.dataDir, 'edited.jsonl');
    fs.writeFileSync(edited, lines.join('\n'));
    expect((await verifyExportFile(edited)).firstBad).toEqual({ seq, problem: `Entry ${seq} was changed after it was written (its MAC does not match).` });

    // A row removed from the CSV, and a CSV cut short.
    const rows = fs.readFileSync(csv.path, 'utf8').split('\n');
    const removed = path.join(t.dataDir, 'removed.csv');
    fs.writeFileSync(removed, [...rows.slice(0, 6), ...rows.slice(7)].join('\n'));
    const missing = await verifyExportFile(removed);
    expect(missing.firstBad?.problem).toMatch(/^Entry \d+ is missing\.$/);
    const cut = path.join(t.dataDir, 'cut.csv');
    fs.writeFileSync(cut, rows.slice(0, 12).join('\n') + '\n');
    const cutReport = await verifyExportFile(cut);
    expect(cutReport.ok).toBe(false);
    expect(cutReport.problems.map((p) => p.problem).join(' ')).toMatch(/cut off/);
    const cliBad = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', cut], { encoding: 'utf8', timeout: 30_000 });
    expect(cliBad.status).toBe(1);
    expect(cliBad.stdout).toMatch(/result: FAILED — first bad entry/);

    // The export is an audit event itself, with what was written.
    const rowsList = ok(await t.call('audit:query', { event: 'sensitive_read', limit: 10 })).entries.filter((e) => e.action === 'audit.export' && e.outcome === 'success');
    expect(rowsList[1]?.data).toMatchObject({ format: 'jsonl', entries: jsonl.entries, sha256: jsonl.sha256, checkpointSeq: jsonl.checkpointSeq });
  });

  it('a scan with the secrets of the run finds none in the database, the journal, the app log or the exports', async () => {
    const { t, secrets, code } = await busyRuntime(true);
    rt = t;
    const files = [(await exportTo(t, 'csv')).path, (await exportTo(t, 'jsonl')).path];
    t.runtime.logger.log('info', 'probe', { token: secrets[1], body: secrets[0] });
    await t.close();
    rt = null;
    // The open epoch's keys after shutdown: only ever in the keychain (retired keys are published on purpose).
    const seal = (await keychainSealStore(t.secrets).load())!;
    secrets.push(seal.current.macKey.toString('base64'), seal.current.macKey.toString('hex'), seal.current.signKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'));
    const inFolder = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : []);
    const scanned = [...inFolder(t.dataDir).filter((f) => fs.statSync(f).isFile()), ...inFolder(path.join(t.dataDir, 'logs')), ...files];
    expect(scanned.some((f) => f.endsWith('.sqlite'))).toBe(true);
    expect(scanned.some((f) => f.endsWith('app.log'))).toBe(true);
    const probe = fs.readFileSync(path.join(t.dataDir, 'logs', 'app.log'), 'utf8').split('\n').find((l) => l.includes('"event":"probe"'));
    expect(JSON.parse(probe!)).toMatchObject({ level: 'info', event: 'probe', token: '[redacted]', body: '[redacted]' });
    for (const file of scanned) {
      const content = fs.readFileSync(file).toString('latin1');
      for (const secret of secrets) expect(content.includes(secret), `${secret.slice(0, 6)}… in ${path.basename(file)}`).toBe(false);
      expect(new RegExp(`(?<![0-9])${code}(?![0-9])`).test(content), `the read-back code in ${path.basename(file)}`).toBe(false);
    }
    fs.rmSync(t.dataDir, { recursive: true, force: true });
  });
});
