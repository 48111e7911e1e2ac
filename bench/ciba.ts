/**
 * OpenID CIBA provider figures, against the Auth0-style simulator on 127.0.0.1: requests per verification
 * counted at the simulator (1 backchannel request + the polls the interval allows), with a slow_down and an
 * unanswered scenario, and the latency the app adds to one poll (ciba-latency.ts).
 */
import { randomUUID } from 'node:crypto';
import { createCibaProvider } from '../main/providers/ciba/provider.js';
import type { VerificationProvider } from '../main/providers/types.js';
import { createHttpClient } from '../main/services/http.js';
import { silentLogger } from '../main/services/log.js';
import { simulatorSettings } from '../simulators/ciba/settings.js';
import { startCibaSimulator } from '../simulators/ciba/simulator.js';
import { latencyFigures } from './ciba-latency.js';
import type { Figure } from './stats.js';
import { scriptedClock } from './scripted-clock.js';

const USER = 'auth0|65f1a2b3c4d5e6f7a8b9c0d1';
const INTERVAL_S = 5;
const APPROVE_AT_S = 12;
const VERIFICATIONS = 20;

interface Scenario {
  /** Seconds after the push at which the phone approves; null: nobody answers. */
  approveAtS: number | null;
  /** slow_down answers the simulator forces at the start of each verification. */
  slowDowns: number;
  requestedExpiry: number;
}

interface ScenarioResult {
  perVerification: { bcAuthorize: number; token: number; discovery: number; jwks: number }[];
  statuses: string[];
  earlyPolls: number;
  slowDowns: number;
}

/** Runs `runs` verifications against a fresh simulator that shares the scenario's virtual clock. */
async function runScenario(scenario: Scenario, runs: number): Promise<ScenarioResult> {
  const clock = scriptedClock();
  const sim = await startCibaSimulator({ intervalS: INTERVAL_S, clock });
  const http = createHttpClient();
  try {
    const provider: VerificationProvider = createCibaProvider(
      simulatorSettings(sim, { requestedExpiry: scenario.requestedExpiry }),
      { http, clock, logger: silentLogger, readSecret: () => Promise.resolve(sim.clientSecret) },
      { requestTimeoutMs: 10_000 },
    );
    const result: ScenarioResult = { perVerification: [], statuses: [], earlyPolls: 0, slowDowns: 0 };
    for (let i = 0; i < runs; i += 1) {
      const before = sim.counts();
      if (scenario.slowDowns) sim.forceSlowDown(scenario.slowDowns);
      const step = await provider.start({
        subject: { raw: USER, canonical: USER },
        contextId: randomUUID(),
        mode: 'push',
        signal: AbortSignal.timeout(30_000),
        onProgress: (p) => {
          if (!p.bindingMessage || scenario.approveAtS === null) return;
          const request = sim.pending(USER).find((r) => r.bindingMessage === p.bindingMessage);
          if (request) clock.at(scenario.approveAtS * 1000, () => sim.approve(request.id));
        },
      });
      const after = sim.counts();
      result.perVerification.push({
        bcAuthorize: after.bcAuthorize - before.bcAuthorize,
        token: after.token - before.token,
        discovery: after.discovery - before.discovery,
        jwks: after.jwks - before.jwks,
      });
      result.statuses.push(step.kind === 'final' ? step.outcome.status : step.kind);
    }
    const counts = sim.counts();
    return { ...result, earlyPolls: counts.earlyPolls, slowDowns: counts.slowDowns };
  } finally {
    http.close();
    await sim.close();
  }
}

/** "n (1 + p)" per verification when every verification sent the same; otherwise the range. */
function summarise(result: ScenarioResult): { text: string; requests: number[] } {
  const requests = result.perVerification.map((v) => v.bcAuthorize + v.token);
  const polls = result.perVerification.map((v) => v.token);
  const same = requests.every((n) => n === requests[0]);
  const text = same ? `${requests[0]} (1 backchannel request + ${polls[0]} polls)` : `${Math.min(...requests)}–${Math.max(...requests)}`;
  return { text, requests };
}

async function requestFigures(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const approved = await runScenario({ approveAtS: APPROVE_AT_S, slowDowns: 0, requestedExpiry: 120 }, VERIFICATIONS);
  const a = summarise(approved);
  const first = approved.perVerification[0]!;
  const allowed = 1 + Math.ceil(APPROVE_AT_S / INTERVAL_S);
  figures.push({
    name: `Requests per CIBA verification (phone approves ${APPROVE_AT_S} s after the push, interval ${INTERVAL_S} s, ${VERIFICATIONS} verifications)`,
    value: `${a.text} each; once per provider instance: ${first.discovery} discovery + ${first.jwks} JWKS`,
    target: `1 + polls the interval allows = 1 + ⌈${APPROVE_AT_S}/${INTERVAL_S}⌉ = ${allowed}`,
    met: a.requests.every((n) => n === allowed) && approved.statuses.every((s) => s === 'approved') && approved.earlyPolls === 0,
    note:
      'Counted by the simulator (sim.counts()) around each verification, on a virtual clock shared by the app and the simulator, ' +
      `so the ${INTERVAL_S} s waits cost no real time. Polls at 5, 10 and 15 s; the third returns the tokens. ` +
      `Early polls (before the interval): ${approved.earlyPolls}.`,
  });

  const slowed = await runScenario({ approveAtS: APPROVE_AT_S, slowDowns: 1, requestedExpiry: 120 }, VERIFICATIONS);
  const s = summarise(slowed);
  figures.push({
    name: `Requests per CIBA verification with slow_down (first poll answered slow_down, Retry-After ${INTERVAL_S + 5} s)`,
    value: `${s.text} each; ${slowed.slowDowns} slow_down answers, ${slowed.earlyPolls} early polls`,
    target: '1 + 2 polls (5 s: slow_down, interval becomes 10 s; 15 s: tokens); no early poll',
    met: s.requests.every((n) => n === 3) && slowed.statuses.every((st) => st === 'approved') && slowed.earlyPolls === 0,
    note: 'The simulator lengthens the interval of the request by 5 s on every slow_down and counts any poll that comes sooner as early.',
  });

  const unanswered = await runScenario({ approveAtS: null, slowDowns: 0, requestedExpiry: 120 }, 3);
  const u = summarise(unanswered);
  figures.push({
    name: 'Requests per unanswered CIBA verification (requested expiry 120 s, interval 5 s)',
    value: `${u.text}; outcome ${unanswered.statuses[0]}`,
    target: `≤ 1 + 120/5 = 25, none after the deadline`,
    met: u.requests.every((n) => n <= 25) && unanswered.statuses.every((st) => st === 'timeout') && unanswered.earlyPolls === 0,
    note: 'The shared poller sends no poll that would land after min(expires_in, requested expiry) from the start.',
  });
  return figures;
}

/** All CIBA figures. */
export async function benchCiba(): Promise<Figure[]> {
  return [...(await requestFigures()), ...(await latencyFigures())];
}
