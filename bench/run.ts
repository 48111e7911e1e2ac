/** `npm run bench`: runs every benchmark and writes docs/benchmarks.md. */
import fs from 'node:fs';
import os from 'node:os';
import { benchAuth0 } from './auth0.js';
import { benchCiba } from './ciba.js';
import { benchAudit } from './audit.js';
import { benchEntra } from './entra.js';
import { benchSafeguards } from './safeguards.js';
import { benchShell } from './shell.js';
import type { Figure } from './stats.js';

const sections: { title: string; run: () => Promise<Figure[]> }[] = [
  { title: 'Foundation', run: benchShell },
  { title: 'Microsoft Entra provider', run: benchEntra },
  { title: 'OpenID CIBA provider', run: benchCiba },
  { title: 'Audit trail', run: benchAudit },
  { title: 'Auth0 MFA step-up (finance approvals)', run: benchAuth0 },
  { title: 'Safeguards and enrollment', run: benchSafeguards },
];

function table(figures: Figure[]): string {
  const rows = figures.map(
    (f) => `| ${f.name} | ${f.value} | ${f.target ?? '—'} | ${f.met === null ? '—' : f.met ? 'met' : '**not met**'} |`,
  );
  const notes = figures.filter((f) => f.note).map((f) => `- ${f.name}: ${f.note}`);
  return ['| Measure | Result | Target | |', '|---|---|---|---|', ...rows, '', ...notes].join('\n');
}

async function main(): Promise<void> {
  const out: string[] = [
    '# Benchmarks',
    '',
    `Measured ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${os.platform()}` +
      ` (load average at start ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}: the machine is shared, and wall times stretch with its load).`,
    'Regenerate with `npm run bench`.',
    '',
  ];
  for (const section of sections) {
    process.stdout.write(`bench: ${section.title}…\n`);
    const figures = await section.run();
    out.push(`## ${section.title}`, '', table(figures), '');
    for (const f of figures) process.stdout.write(`  ${f.name}: ${f.value}\n`);
  }
  fs.mkdirSync('docs', { recursive: true });
  fs.writeFileSync('docs/benchmarks.md', out.join('\n'));
  process.stdout.write('bench: wrote docs/benchmarks.md\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
