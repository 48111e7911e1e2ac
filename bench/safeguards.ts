/**
 * Safeguard figures through a real runtime (SQLite, the keychain, the audit trail, the Entra simulator on
 * 127.0.0.1) on the app's default policy: a push-bomb of 100 concurrent requests for one account through the
 * IPC handlers, counted at the simulator; what a refusal costs (the policy decision and its audit entry, fsync'd);
 * and the TOTP work behind a code read-back and an enrollment QR code.
 */
import { newSecret, keyUri, matchStep, totp } from '../main/services/totp.js';
import { qrPngDataUrl } from '../main/services/qr.js';
import { DEFAULT_POLICY } from '../test/helpers/policy.js';
import { startTestRuntime } from '../test/helpers/runtime.js';
import { ENTRA_SANDBOX_PROFILE_ID, entraSim } from '../test/helpers/sandbox.js';
import { percentile, round, type Figure } from './stats.js';

const DOMAIN = 'sandbox.contoso.example';
const BOMB = 100;
const REFUSALS = 200;

const request = (user: string, ticket: string) => ({
  profileId: ENTRA_SANDBOX_PROFILE_ID,
  subject: `${user}@${DOMAIN}`,
  reasonType: 'Password reset',
  reason: 'Caller locked out after leave',
  ticket,
  mode: 'push' as const,
});

async function pushBomb(): Promise<Figure[]> {
  const rt = await startTestRuntime({ policy: DEFAULT_POLICY });
  try {
    const sim = entraSim(rt);
    sim.setUserBehaviour(`push@${DOMAIN}`, { action: 'approve', delayMs: 50 });
    const before = sim.counts().begins;
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: BOMB }, (_, i) => rt.call('verify:start', request('push', `INC${String(i).padStart(7, '0')}`))));
    const wallMs = performance.now() - started;
    const accepted = results.filter((r) => r.ok).length;
    // Wait (bounded) for the one allowed push to reach the simulator before counting.
    for (let i = 0; i < 100 && sim.counts().begins === before && accepted > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    const reached = sim.counts().begins - before;

    // The allowed push ends (approved), then refusals one after another: the cooldown now holds, and each is a
    // policy decision written to the trail.
    const live = async (): Promise<boolean> => {
      const list = await rt.call('verify:list', {});
      return list.ok && list.value.some((v) => v.status === 'pending');
    };
    for (let i = 0; i < 500 && (await live()); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    const why = new Map<string, number>();
    const times: number[] = [];
    for (let i = 0; i < REFUSALS; i += 1) {
      const t0 = performance.now();
      const answer = await rt.call('verify:start', request('push', `INC${String(BOMB + i).padStart(7, '0')}`));
      times.push(performance.now() - t0);
      if (answer.ok) throw new Error('a request during the cooldown was accepted');
      why.set(answer.code, (why.get(answer.code) ?? 0) + 1);
    }
    return [
      { name: `Push-bomb: ${BOMB} concurrent requests for one account, pushes reaching the provider`, value: `${reached} (${accepted} accepted, ${BOMB - accepted} refused)`, target: '≤ 1 (one at a time, then the cooldown)', met: reached <= 1 },
      { name: `Push-bomb: wall time for all ${BOMB} answers`, value: `${round(wallMs, 0)} ms`, target: null, met: null },
      {
        name: 'A refused request (policy decision + audit entry, fsync)',
        value: `p50 ${round(percentile(times, 50))} ms, p99 ${round(percentile(times, 99))} ms`,
        target: null,
        met: null,
        note: `${REFUSALS} sequential refusals after the push ended (${[...why].map(([code, n]) => `${n} ${code}`).join(', ')}); the audit trail writes each with synchronous=FULL.`,
      },
    ];
  } finally {
    await rt.close();
  }
}

function totpWork(): Figure[] {
  const secret = newSecret();
  const now = Date.now();
  const codes = Array.from({ length: 2000 }, (_, i) => totp(secret, now + (i % 3) * 30_000 - 30_000));
  const t0 = performance.now();
  let matched = 0;
  for (const code of codes) if (matchStep(secret, code, now) !== null) matched += 1;
  const perCheckUs = ((performance.now() - t0) * 1000) / codes.length;
  if (matched !== codes.length) throw new Error('a code within ±1 step did not match');
  return [{ name: 'Code read-back check (±1 step, constant-time compare of 3 candidates)', value: `${round(perCheckUs, 1)} µs`, target: null, met: null }];
}

async function qrWork(): Promise<Figure[]> {
  const uri = keyUri('MFA Approver', 'alex@contoso.com', newSecret());
  const times: number[] = [];
  for (let i = 0; i < 30; i += 1) {
    const t0 = performance.now();
    await qrPngDataUrl(uri);
    times.push(performance.now() - t0);
  }
  return [{ name: 'Enrollment QR code drawn in main (PNG data URL)', value: `p50 ${round(percentile(times, 50))} ms, p99 ${round(percentile(times, 99))} ms`, target: null, met: null }];
}

export async function benchSafeguards(): Promise<Figure[]> {
  return [...(await pushBomb()), ...totpWork(), ...(await qrWork())];
}
