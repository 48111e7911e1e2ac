/**
 * `npm run audit:verify -- <export file>` checks an exported audit log (CSV or JSON Lines) offline.
 * `npm run audit:verify -- --data-dir <folder>` checks the database in an app data folder; the entries
 * of the open key epoch are checked too when the keychain is reachable (its key never leaves it otherwise).
 * `--checkpoint <seq>:<head MAC hex>` (repeatable) names a checkpoint seen elsewhere (forwarded to a SIEM,
 * an earlier export): the log must still contain it, which catches a cut or rewritten trail.
 * Exit code: 0 when everything verifies, 1 when a problem is found, 2 when the check could not run.
 */
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import type { VerifyReport } from '../contract/audit.js';
import { verifyExportFile } from '../main/services/audit/export-verify.js';
import { keychainSealStore } from '../main/services/audit/keys.js';
import { verifyDatabase } from '../main/services/audit/verify-db.js';
import { DATABASE_FILE } from '../main/services/db/database.js';
import { createKeytarStore } from '../main/services/keytar-store.js';

function print(report: VerifyReport, what: string): void {
  const out = process.stdout;
  out.write(`${what}\n`);
  out.write(`  entries checked: ${report.entries} (${report.firstSeq ?? '—'}–${report.lastSeq ?? '—'})\n`);
  out.write(`  root key fingerprint: ${report.rootFingerprint ?? 'unknown'}\n`);
  out.write(`  last signed checkpoint: ${report.lastCheckpoint ? `entry ${report.lastCheckpoint.seq} at ${report.lastCheckpoint.time}` : 'none'}\n`);
  if (report.ok) out.write('  result: OK — every MAC, link, sequence number, key epoch and checkpoint signature verifies.\n');
  else {
    out.write(`  result: FAILED — first bad entry ${report.firstBad?.seq}: ${report.firstBad?.problem}\n`);
    for (const p of report.problems.slice(0, 20)) out.write(`    entry ${p.seq}: ${p.problem}\n`);
    if (report.problems.length > 20) out.write(`    … and ${report.problems.length - 20} more\n`);
  }
  for (const w of report.warnings.slice(0, 20)) out.write(`  warning, entry ${w.seq}: ${w.problem}\n`);
}

/** `--checkpoint seq:head` arguments. */
function knownCheckpoints(args: string[]): { seq: number; head: string }[] {
  return args.flatMap((arg, i) => {
    if (arg !== '--checkpoint') return [];
    const match = /^(\d+):([0-9a-fA-F]{64})$/.exec(args[i + 1] ?? '');
    if (!match) throw new Error('--checkpoint takes <seq>:<64 hex digits of the head MAC>');
    return [{ seq: Number(match[1]), head: match[2]! }];
  });
}

async function checkFolder(folder: string, service: string | undefined, known: { seq: number; head: string }[]): Promise<VerifyReport> {
  const db = new Sqlite(path.join(folder, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    let openKey: { epoch: number; macKey: Buffer } | null = null;
    try {
      const state = await keychainSealStore(createKeytarStore(service)).load();
      if (state) openKey = { epoch: state.current.epoch, macKey: state.current.macKey };
    } catch (error) {
      process.stderr.write(`The keychain could not be read (${error instanceof Error ? error.message : 'unknown'}); the open key epoch is not checked.\n`);
    }
    return await verifyDatabase(db, { context: () => ({ openKey, knownCheckpoints: known }) });
  } finally {
    db.close();
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const dataDir = args.indexOf('--data-dir');
  const service = args.indexOf('--keychain-service');
  if (dataDir >= 0 && args[dataDir + 1]) {
    const folder = path.resolve(args[dataDir + 1]!);
    const report = await checkFolder(folder, service >= 0 ? args[service + 1] : process.env.MFA_KEYCHAIN_SERVICE, knownCheckpoints(args));
    print(report, `Audit database in ${folder}`);
    return report.ok ? 0 : 1;
  }
  const file = args.find((a, i) => !a.startsWith('--') && !['--checkpoint', '--keychain-service'].includes(args[i - 1] ?? ''));
  if (!file) {
    process.stderr.write(
      'Usage: npm run audit:verify -- <export.csv|export.jsonl> [--checkpoint <seq>:<head>]\n' +
        '       npm run audit:verify -- --data-dir <folder> [--keychain-service NAME] [--checkpoint <seq>:<head>]\n',
    );
    return 2;
  }
  const report = await verifyExportFile(path.resolve(file), knownCheckpoints(args));
  print(report, `Audit export ${path.resolve(file)}`);
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`The check could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
