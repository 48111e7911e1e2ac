/**
 * Auth0 step-up figures, against the Auth0 MFA API simulator on 127.0.0.1: token requests per Guardian push
 * step-up counted at the simulator (the polls the 5 s interval and slow_down allow, none early), pushes nobody
 * answers (stopping at Auth0's 5-minute push expiry, or at the 10-minute mfa_token expiry), and the wall time
 * of a whole OTP step-up over loopback.
 */
import { createAuth0StepUp } from '../main/providers/auth0/step-up.js';
import type { StepUpProvider } from '../main/providers/step-up.js';
import { createHttpClient } from '../main/services/http.js';
import { silentLogger } from '../main/services/log.js';
import { simulatorSettings } from '../simulators/auth0/settings.js';
import { startAuth0Simulator, type Auth0Simulator, type Auth0SimulatorOptions } from '../simulators/auth0/simulator.js';
import { percentile, round, type Figure } from './stats.js';
import { scriptedClock, type ScriptedClock } from './scripted-clock.js';

const USER = 'bob@example.com';
const INTERVAL_S = 5;
const APPROVE_AT_S = 12;
const RUNS = 20;

interface Scenario {
  approveAtS: number | null;
  slowDowns: number;
  sim?: Partial<Auth0SimulatorOptions>;
}

interface Run {
  polls: number;
  other: number;
  result: string;
  seconds: number;
}

/** Runs `runs` push step-ups; counts, per step-up, the token polls and the other requests at the simulator. */
async function pushScenario(scenario: Scenario, runs: number): Promise<{ runs: Run[]; earlyPolls: number; slowDowns: number }> {
  const clock = scriptedClock();
  const sim = await startAuth0Simulator({ clock, minPollIntervalS: INTERVAL_S, ...scenario.sim });
  const http = createHttpClient();
  try {
    const stepUp = createAuth0StepUp(simulatorSettings(sim), { http, clock, logger: silentLogger, readSecret: () => Promise.resolve(sim.clientSecret) }, { requestTimeoutMs: 10_000 });
    const results: Run[] = [];
    for (let i = 0; i < runs; i += 1) results.push(await onePush(sim, stepUp, clock, scenario));
    const counts = sim.counts();
    return { runs: results, earlyPolls: counts.earlyPolls, slowDowns: counts.slowDowns };
  } finally {
    http.close();
    await sim.close();
  }
}

async function onePush(sim: Auth0Simulator, stepUp: StepUpProvider, clock: ScriptedClock, scenario: Scenario): Promise<Run> {
  const signal = AbortSignal.timeout(60_000);
  const before = sim.counts();
  const signedIn = await stepUp.signIn({ username: USER, password: sim.user(USER)!.password, signal });
  if (signedIn.kind !== 'mfa') throw new Error(`sign-in failed: ${JSON.stringify(signedIn)}`);
  const push = signedIn.authenticators.find((a) => a.factor === 'push')!;
  const challenged = await stepUp.challenge(signedIn.session, push, signal);
  if (challenged.kind !== 'challenge') throw new Error(`challenge failed: ${JSON.stringify(challenged)}`);
  const pending = sim.pending(sim.user(USER)!.sub).at(-1)!;
  if (scenario.approveAtS !== null) clock.at(scenario.approveAtS * 1000, () => sim.approve(pending.id));
  if (scenario.slowDowns) sim.forceSlowDown(scenario.slowDowns);
  const started = clock.now();
  const result = await stepUp.waitForPush(signedIn.session, challenged.challenge, { signal });
  const after = sim.counts();
  stepUp.forget(signedIn.session);
  return {
    polls: after.oobGrants - before.oobGrants,
    other: after.token - before.token - (after.oobGrants - before.oobGrants) + (after.challenges - before.challenges) + (after.authenticators - before.authenticators),
    result: result.kind === 'verified' ? 'verified' : result.failure.code,
    seconds: Math.round((clock.now() - started) / 1000),
  };
}

const same = (values: number[]): string => (values.every((v) => v === values[0]) ? String(values[0]) : `${Math.min(...values)}–${Math.max(...values)}`);

async function requestFigures(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const approved = await pushScenario({ approveAtS: APPROVE_AT_S, slowDowns: 0 }, RUNS);
  const allowed = Math.ceil(APPROVE_AT_S / INTERVAL_S);
  figures.push({
    name: `Token polls per Guardian push step-up (phone approves ${APPROVE_AT_S} s after the push, interval ${INTERVAL_S} s, ${RUNS} step-ups)`,
    value: `${same(approved.runs.map((r) => r.polls))} polls each (+ ${same(approved.runs.map((r) => r.other))} other requests: password grant, authenticators, challenge); ${approved.earlyPolls} early polls`,
    target: `⌈${APPROVE_AT_S}/${INTERVAL_S}⌉ = ${allowed} polls, none early`,
    met: approved.runs.every((r) => r.polls === allowed && r.result === 'verified') && approved.earlyPolls === 0,
    note:
      'Counted by the simulator (sim.counts()) around each step-up, on a virtual clock shared by the app and the simulator, so the 5 s waits cost no real time. ' +
      'Polls at 5, 10 and 15 s; the third returns the tokens. The simulator counts any poll sooner than its interval as early.',
  });

  const slowed = await pushScenario({ approveAtS: APPROVE_AT_S, slowDowns: 1 }, RUNS);
  figures.push({
    name: 'Token polls per push step-up with slow_down (first poll answered slow_down, Retry-After 10 s)',
    value: `${same(slowed.runs.map((r) => r.polls))} polls each; ${slowed.slowDowns} slow_down answers, ${slowed.earlyPolls} early polls`,
    target: '2 polls (5 s: slow_down, the interval becomes 10 s; 15 s: tokens); none early',
    met: slowed.runs.every((r) => r.polls === 2 && r.result === 'verified') && slowed.earlyPolls === 0,
    note: 'The simulator lengthens the push’s interval by 5 s on every slow_down; the shared poller waits max(interval + 5 s, Retry-After).',
  });

  const expired = await pushScenario({ approveAtS: null, slowDowns: 0 }, 3);
  figures.push({
    name: 'Token polls for an unanswered push (Auth0 expires the push after 300 s)',
    value: `${same(expired.runs.map((r) => r.polls))} polls over ${same(expired.runs.map((r) => r.seconds))} s; result ${expired.runs[0]!.result}`,
    target: '≤ 300/5 = 60 polls, none after the push expired',
    met: expired.runs.every((r) => r.polls <= 60 && r.result === 'push_expired') && expired.earlyPolls === 0,
  });

  const stopped = await pushScenario({ approveAtS: null, slowDowns: 0, sim: { oobLifetimeS: 3600 } }, 2);
  figures.push({
    name: 'Token polls for an unanswered push the tenant never expires (the app stops at the mfa_token’s 10 minutes)',
    value: `${same(stopped.runs.map((r) => r.polls))} polls over ${same(stopped.runs.map((r) => r.seconds))} s; result ${stopped.runs[0]!.result}`,
    target: '≤ 595/5 = 119 polls (the app counts the 600 s from the mfa_required answer, minus a 5 s margin), none after',
    met: stopped.runs.every((r) => r.polls <= 119 && r.result === 'expired_mfa_token') && stopped.earlyPolls === 0,
  });
  return figures;
}

/** Wall time of whole OTP step-ups (password grant, authenticators, challenge, mfa-otp grant, ID token check). */
async function latencyFigure(): Promise<Figure> {
  // Virtual time moves 30 s between step-ups: the simulator refuses a code twice, as Auth0 does.
  const clock = scriptedClock();
  const sim = await startAuth0Simulator({ clock });
  const http = createHttpClient();
  try {
    const stepUp = createAuth0StepUp(simulatorSettings(sim), { http, clock, logger: silentLogger, readSecret: () => Promise.resolve(sim.clientSecret) });
    const times: number[] = [];
    for (let i = 0; i < 60; i += 1) {
      await clock.sleep(30_000);
      const started = performance.now();
      const signal = AbortSignal.timeout(10_000);
      const signedIn = await stepUp.signIn({ username: 'alice@example.com', password: sim.user('alice@example.com')!.password, signal });
      if (signedIn.kind !== 'mfa') throw new Error('sign-in failed');
      const challenged = await stepUp.challenge(signedIn.session, signedIn.authenticators.find((a) => a.factor === 'otp')!, signal);
      if (challenged.kind !== 'challenge') throw new Error('challenge failed');
      const result = await stepUp.submitCode(signedIn.session, challenged.challenge, sim.otpCode('alice@example.com')!, signal);
      if (result.kind !== 'verified') throw new Error(`OTP failed: ${JSON.stringify(result)}`);
      if (i >= 10) times.push(performance.now() - started);
    }
    return {
      name: 'Whole OTP step-up over loopback (4 requests and the ID token check; 50 runs after 10 warm-up)',
      value: `p50 ${round(percentile(times, 50), 1)} ms, p99 ${round(percentile(times, 99), 1)} ms; ${http.stats().connectionsOpened} connection(s) opened`,
      target: null,
      met: null,
      note: 'Informational: the simulator answers at once, so this is the app’s own work plus loopback HTTP (client secret post, RS256 ID token with the cached JWKS).',
    };
  } finally {
    http.close();
    await sim.close();
  }
}

/** All Auth0 step-up figures. */
export async function benchAuth0(): Promise<Figure[]> {
  return [...(await requestFigures()), await latencyFigure()];
}
