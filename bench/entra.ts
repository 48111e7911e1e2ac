/**
 * Microsoft Entra provider figures, against the Entra simulator on 127.0.0.1 with a fixed response latency:
 * requests and connections per push (token cache and keep-alive), the latency the app adds to a push, and
 * the main process with 100 concurrent pending pushes through the full app runtime.
 */
import { simulatorSettings, type SimulatorAddress } from '../simulators/entra/settings.js';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { VerificationStatus, VerificationView } from '../contract/domain.js';
import { ENTRA_CLIENT_ID, resolveEndpoints } from '../main/providers/entra/cloud.js';
import { createEntraProvider } from '../main/providers/entra/provider.js';
import type { SimulatorOptions, SimUser } from '../simulators/entra/options.js';
import { startEntraSimulator, type SimulatorCounts } from '../simulators/entra/simulator.js';
import { buildBeginRequest } from '../main/providers/entra/xml.js';
import type { VerificationProvider } from '../main/providers/types.js';
import { systemClock } from '../main/services/clock.js';
import { createHttpClient } from '../main/services/http.js';
import { silentLogger } from '../main/services/log.js';
import { ok, startTestRuntime } from '../test/helpers/runtime.js';
import { percentile, round, type Figure } from './stats.js';

/** Response latency the simulator adds to every token and connector request. */
const LATENCY_MS = 20;
/** Sequential pushes for the request and connection counts. */
const PUSHES = 50;
/** Interleaved (app push, raw round trip) pairs for the latency figure, after WARMUP_PAIRS unrecorded ones. */
const LATENCY_PAIRS = 200;
const WARMUP_PAIRS = 10;
/** Concurrent pushes through the app runtime, each approved by the simulated phone after APPROVE_AFTER_MS. */
const CONCURRENT = 100;
const APPROVE_AFTER_MS = 2000;
/** Upper bound on any single awaited step, and on the whole concurrent burst. */
const STEP_TIMEOUT_MS = 15_000;
const BURST_TIMEOUT_MS = 60_000;

const timeouts = {
  syncBeginTimeoutMs: STEP_TIMEOUT_MS,
  requestTimeoutMs: STEP_TIMEOUT_MS,
  tokenTimeoutMs: STEP_TIMEOUT_MS,
};
const ms = (value: number, digits = 2): string => `${round(value, digits)} ms`;
const mb = (bytes: number): string => `${round(bytes / 1024 / 1024, 1)} MB`;

/** Rejects when `promise` has not settled within `timeoutMs`. */
async function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}


/** One push through the provider; resolves with its final status and its wall time. */
async function push(provider: VerificationProvider, upn: string): Promise<{ status: string; ms: number }> {
  const started = performance.now();
  const step = await within(
    provider.start({ subject: { raw: upn, canonical: upn.toLowerCase() }, contextId: randomUUID(), mode: 'push', signal: AbortSignal.timeout(STEP_TIMEOUT_MS) }),
    STEP_TIMEOUT_MS,
    'a push',
  );
  const elapsed = performance.now() - started;
  return { status: step.kind === 'final' ? step.outcome.status : step.kind, ms: elapsed };
}

/** A bare node:http POST over `agent`; resolves when the whole answer has been read. */
function rawPost(
  agent: http.Agent,
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        timeout: STEP_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('raw request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

const delta = (after: SimulatorCounts, before: SimulatorCounts): { token: number; connector: number } => ({
  token: after.tokenRequests - before.tokenRequests,
  connector: after.connectorRequests - before.connectorRequests,
});

/** Figures 1–3: requests and connections per push, and the latency the app adds, over a real HTTP client. */
async function providerFigures(): Promise<Figure[]> {
  const approveAtOnce = { action: 'approve', delayMs: 0 } as const;
  const sim = await startEntraSimulator({
    latencyMs: LATENCY_MS,
    defaultBehaviour: approveAtOnce,
    pushTimeoutMs: STEP_TIMEOUT_MS,
    // Why: the default per-user throttle (10 Begins a minute) would stop a benchmark that pushes one user ~300 times.
    throttle: { maxBegins: 100_000, windowMs: 60_000 },
  });
  const client = createHttpClient();
  const rawAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const upn = `push@${sim.tenantDomain}`;
    sim.setUserBehaviour(upn, approveAtOnce);
    const settings = simulatorSettings(sim);
    const provider = createEntraProvider(
      settings,
      { http: client, clock: systemClock, logger: silentLogger, readSecret: () => Promise.resolve(sim.clientSecret) },
      timeouts,
    );

    // 1 + 2: N sequential approved pushes from a cold provider (no token cached, no socket open).
    const perPush: { token: number; connector: number }[] = [];
    let approved = 0;
    for (let i = 0; i < PUSHES; i += 1) {
      const before = sim.counts();
      const result = await push(provider, upn);
      perPush.push(delta(sim.counts(), before));
      if (result.status === 'approved') approved += 1;
    }
    const connections = client.stats();
    const [first, ...rest] = perPush;
    const restRequests = rest.reduce((sum, d) => sum + d.token + d.connector, 0);
    const restTokens = rest.reduce((sum, d) => sum + d.token, 0);
    const restExact = rest.every((d) => d.token === 0 && d.connector === 1);

    // 3: app-added latency. Raw baseline: the same Begin body with the same kind of bearer token, posted with a
    // bare keep-alive node:http request to the same simulator, interleaved with the app's pushes.
    const endpoints = resolveEndpoints(settings);
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: ENTRA_CLIENT_ID,
      scope: `${endpoints.resource}/.default`,
      client_secret: sim.clientSecret,
    });
    const tokenAnswer = await within(
      rawPost(rawAgent, endpoints.tokenUrl, { 'Content-Type': 'application/x-www-form-urlencoded' }, form.toString()),
      STEP_TIMEOUT_MS,
      'the raw token request',
    );
    const token = (JSON.parse(tokenAnswer.body) as { access_token?: string }).access_token;
    if (tokenAnswer.status !== 200 || !token) throw new Error(`raw token request failed (${tokenAnswer.status})`);
    const headers = {
      'Content-Type': 'text/xml; charset=utf-8',
      Accept: 'application/xml, text/xml',
      Authorization: `Bearer ${token}`,
    };
    const beginUrl = endpoints.opUrl('BeginTwoWayAuthentication');
    const raw = async (): Promise<number> => {
      const body = buildBeginRequest({
        upn,
        contextId: randomUUID(),
        methodId: 'PhoneAppNotification',
        overrideNumberMatchingWithOtp: false,
        syncCall: true,
      });
      const started = performance.now();
      const answer = await within(rawPost(rawAgent, beginUrl, headers, body), STEP_TIMEOUT_MS, 'a raw Begin');
      const elapsed = performance.now() - started;
      if (answer.status !== 200 || !answer.body.includes('>Success<')) {
        throw new Error(`raw Begin was not approved (${answer.status})`);
      }
      return elapsed;
    };
    const appSamples: number[] = [];
    const rawSamples: number[] = [];
    let latencyApproved = 0;
    for (let i = 0; i < WARMUP_PAIRS + LATENCY_PAIRS; i += 1) {
      // Alternate the order so neither side always runs right after the other's socket work.
      let appMs: number;
      let rawMs: number;
      if (i % 2 === 0) {
        const app = await push(provider, upn);
        rawMs = await raw();
        appMs = app.ms;
        if (i >= WARMUP_PAIRS && app.status === 'approved') latencyApproved += 1;
      } else {
        rawMs = await raw();
        const app = await push(provider, upn);
        appMs = app.ms;
        if (i >= WARMUP_PAIRS && app.status === 'approved') latencyApproved += 1;
      }
      if (i < WARMUP_PAIRS) continue;
      appSamples.push(appMs);
      rawSamples.push(rawMs);
    }
    const rawMedian = percentile(rawSamples, 50);
    const added = appSamples.map((sample) => sample - rawMedian);
    const simOwn = sim
      .transcript()
      .filter((entry) => entry.op === 'BeginTwoWayAuthentication')
      .slice(-LATENCY_PAIRS * 2)
      .map((entry) => entry.latencyMs);
    if (latencyApproved !== LATENCY_PAIRS) {
      throw new Error(`only ${latencyApproved} of ${LATENCY_PAIRS} latency pushes were approved`);
    }

    const firstText = first
      ? `${first.token + first.connector} requests (${first.token} token + ${first.connector} Begin)`
      : 'none';
    return [
      {
        name: `Requests per push (${PUSHES} sequential approved pushes, sync mode)`,
        value:
          `first push ${firstText}; pushes 2–${PUSHES}: ${(restRequests / rest.length).toFixed(2)} per push ` +
          `(${restTokens} token requests)`,
        target: '1 per push after the first (seed reference: 2, a token per push)',
        met: approved === PUSHES && first?.token === 1 && first.connector === 1 && restExact,
        note:
          `Counted by the simulator (sim.counts()) around each push; ${approved}/${PUSHES} approved. ` +
          'The token is cached per provider instance until 5 minutes before expiry, so only the first push signs in.',
      },
      {
        name: `Connections opened over ${PUSHES} pushes`,
        value: `${connections.connectionsOpened} (for ${connections.requests} requests)`,
        target: '1–2 (keep-alive)',
        met: connections.connectionsOpened >= 1 && connections.connectionsOpened <= 2,
        note:
          'http.stats().connectionsOpened of the provider HTTP client; the token endpoint and the connector share one ' +
          'host here.',
      },
      {
        name: `App-added latency per push (${LATENCY_PAIRS} pushes, simulator latency ${LATENCY_MS} ms)`,
        value:
          `p50 ${ms(percentile(added, 50))}, p99 ${ms(percentile(added, 99))} ` +
          `(push p50 ${ms(percentile(appSamples, 50))}; raw round trip p50 ${ms(rawMedian)}, ` +
          `p99 ${ms(percentile(rawSamples, 99))})`,
        target: 'p50 ≤ 5 ms',
        met: percentile(added, 50) <= 5,
        note:
          'Wall time of provider.start() for an approved sync push (token cached, socket warm) minus the median of a ' +
          'baseline: a bare keep-alive node:http POST of the same Begin body with a bearer token of the same kind to the ' +
          `same simulator (phone approves at once), which covers the simulator's ${LATENCY_MS} ms latency, its own ` +
          'parsing and the loopback round trip. The two are interleaved pair by pair (order alternating) after ' +
          `${WARMUP_PAIRS} warm-up pairs. What remains is the app's XML building, axios, response parsing and ` +
          "validation. Cross-check: the simulator's own recorded handling time per Begin was " +
          `p50 ${ms(percentile(simOwn, 50), 0)}, ` +
          `max ${ms(Math.max(...simOwn), 0)} (1 ms resolution).`,
      },
    ];
  } finally {
    rawAgent.destroy();
    client.close();
    await sim.close();
  }
}

/**
 * Runs the simulator in a child process, so the event-loop lag measured in this process is the app's alone.
 * The child answers "state" lines on stdin with its counts and the number of prompts ringing.
 */
const CHILD_SOURCE = `
const mod = await import(process.env.MFA_BENCH_SIM_MODULE);
const { startEntraSimulator } = mod.startEntraSimulator ? mod : mod.default;
const sim = await startEntraSimulator(JSON.parse(process.env.MFA_BENCH_SIM_OPTIONS));
const write = (tag, value) => process.stdout.write(tag + ' ' + JSON.stringify(value) + '\\n');
write('SIM_READY', { tenantDomain: sim.tenantDomain, loginBaseUrl: sim.loginBaseUrl,
  connectorBaseUrl: sim.connectorBaseUrl, clientSecret: sim.clientSecret });
let buffer = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  for (let i = buffer.indexOf('\\n'); i >= 0; i = buffer.indexOf('\\n')) {
    const line = buffer.slice(0, i);
    buffer = buffer.slice(i + 1);
    if (line === 'state') write('SIM_STATE', { counts: sim.counts(), ringing: sim.prompts().length });
  }
});
process.stdin.on('end', () => { sim.close().then(() => process.exit(0)); });
`;

type ChildAddress = SimulatorAddress & { clientSecret: string };

interface ChildSim extends ChildAddress {
  state(): Promise<{ counts: SimulatorCounts; ringing: number }>;
  close(): Promise<void>;
}

async function startChildSimulator(options: Partial<SimulatorOptions>): Promise<ChildSim> {
  const simModule = pathToFileURL(path.resolve('simulators/entra/simulator.ts')).href;
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', CHILD_SOURCE],
    {
      env: { ...process.env, MFA_BENCH_SIM_MODULE: simModule, MFA_BENCH_SIM_OPTIONS: JSON.stringify(options) },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let output = '';
  let errors = '';
  const waiting: ((line: string) => void)[] = [];
  child.stderr.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  const ready = new Promise<ChildAddress>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`simulator child exited (${code}):\n${errors}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      for (let i = output.indexOf('\n'); i >= 0; i = output.indexOf('\n')) {
        const line = output.slice(0, i);
        output = output.slice(i + 1);
        if (line.startsWith('SIM_READY ')) resolve(JSON.parse(line.slice('SIM_READY '.length)) as ChildAddress);
        else if (line.startsWith('SIM_STATE ')) waiting.shift()?.(line.slice('SIM_STATE '.length));
      }
    });
  });
  const address = await within(ready, STEP_TIMEOUT_MS, 'starting the simulator child');
  return {
    ...address,
    state: () =>
      within(
        new Promise<string>((resolve) => {
          waiting.push(resolve);
          child.stdin.write('state\n');
        }).then((text) => JSON.parse(text) as { counts: SimulatorCounts; ringing: number }),
        STEP_TIMEOUT_MS,
        'reading the simulator state',
      ),
    close: () =>
      within(
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.stdin.end();
        }),
        STEP_TIMEOUT_MS,
        'stopping the simulator child',
      ).catch(() => {
        child.kill('SIGKILL');
      }),
  };
}

/** Figure 4: 100 concurrent pending pushes through the full app runtime (SQLite log, keychain secret). */
async function concurrentFigures(): Promise<Figure[]> {
  const domain = 'bench.contoso.example';
  const pushMethod = { id: 'PhoneAppNotification', isDefault: true };
  const users: SimUser[] = Array.from({ length: CONCURRENT }, (_, i) => ({
    upn: `user${String(i).padStart(3, '0')}@${domain}`,
    description: 'Benchmark user: approves after a pause.',
    methods: [pushMethod],
  }));
  const warmUpn = `warmup@${domain}`;
  users.push({
    upn: warmUpn,
    description: 'Benchmark warm-up user: approves at once.',
    methods: [pushMethod],
    behaviour: { action: 'approve', delayMs: 0 },
  });
  const sim = await startChildSimulator({
    tenantDomain: domain,
    latencyMs: LATENCY_MS,
    defaultBehaviour: { action: 'approve', delayMs: APPROVE_AFTER_MS },
    pushTimeoutMs: 30_000,
    users,
  });
  const t = await startTestRuntime({ sandbox: { offered: false }, limits: { perTargetPerHour: 1000, perOperatorPerHour: 1000, cooldownMs: 0 } });
  let profileId: string | null = null;
  try {
    const profile = ok(
      await t.call('profiles:save', {
        kind: 'entra',
        displayName: 'Benchmark tenant (simulated)',
        settings: simulatorSettings(sim),
      }),
    );
    profileId = profile.id;
    ok(await t.call('profiles:setSecret', { id: profile.id, secret: sim.clientSecret }));

    const finals = new Map<string, { status: VerificationStatus; at: number }>();
    const unsubscribe = t.runtime.events.subscribe((event, payload) => {
      if (event !== 'verification:updated') return;
      const view = payload as VerificationView;
      if (view.status !== 'pending' && view.status !== 'awaiting_code' && !finals.has(view.id)) {
        finals.set(view.id, { status: view.status, at: performance.now() });
      }
    });
    const waitForFinals = async (count: number, timeoutMs: number): Promise<void> => {
      const deadline = performance.now() + timeoutMs;
      for (let i = 0; i < Math.ceil(timeoutMs / 10) + 1 && finals.size < count; i += 1) {
        if (performance.now() > deadline) break;
        await systemClock.sleep(10);
      }
    };
    const startPush = (upn: string) =>
      t.call('verify:start', { profileId: profile.id, subject: upn, reason: 'Benchmark run', ticket: 'BENCH-1', mode: 'push' });

    // Warm-up: one push so the token is cached and the code paths are compiled, as in a running app.
    const warm = ok(await startPush(warmUpn));
    await waitForFinals(1, STEP_TIMEOUT_MS);
    if (finals.get(warm.id)?.status !== 'approved') throw new Error('the warm-up push was not approved');
    finals.clear();
    const httpBefore = t.runtime.http.stats();
    const simBefore = (await sim.state()).counts;

    // Whole window, plus its three phases: the start burst, pushes pending, and the answers coming back.
    const whole = monitorEventLoopDelay({ resolution: 1 });
    const burst = monitorEventLoopDelay({ resolution: 1 });
    const pending = monitorEventLoopDelay({ resolution: 1 });
    const answers = monitorEventLoopDelay({ resolution: 1 });
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => {
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }, 25);
    sampler.unref();
    // A monitor records nothing until its first tick: let them tick before the burst, so that a stall caused
    // by the burst itself is counted.
    whole.enable();
    burst.enable();
    await systemClock.sleep(50);
    const started = performance.now();
    const views = await Promise.all(users.slice(0, CONCURRENT).map((user) => startPush(user.upn).then(ok)));
    const allStarted = performance.now();
    await systemClock.sleep(5);
    burst.disable();
    // Pending phase: every push sent, none answered yet (the phones answer APPROVE_AFTER_MS after each Begin).
    pending.enable();
    // Midway through the phone's pause: how many pushes have actually reached the simulated phones.
    await systemClock.sleep(Math.max(0, APPROVE_AFTER_MS / 2 - (performance.now() - started)));
    const mid = await sim.state();
    await systemClock.sleep(Math.max(0, APPROVE_AFTER_MS - 100 - (performance.now() - started)));
    pending.disable();
    const firstAnswerBefore = finals.size;
    answers.enable();
    await waitForFinals(CONCURRENT, BURST_TIMEOUT_MS);
    answers.disable();
    whole.disable();
    clearInterval(sampler);
    unsubscribe();
    const httpAfter = t.runtime.http.stats();
    const simAfter = (await sim.state()).counts;

    const ids = new Set(views.map((view) => view.id));
    const byStatus = new Map<string, number>();
    const listed = ok(await t.call('verify:list', {})).filter((view) => ids.has(view.id));
    for (const view of listed) byStatus.set(view.status, (byStatus.get(view.status) ?? 0) + 1);
    const approved = byStatus.get('approved') ?? 0;
    const doneAt = [...finals.values()].map((f) => (f.at - started) / 1000).sort((a, b) => a - b);
    const statusText = [...byStatus].map(([status, count]) => `${count} ${status}`).join(', ');
    const p99 = (h: typeof whole): number => h.percentile(99) / 1e6;
    const sentBegins = simAfter.begins - simBefore.begins;
    const sentTokens = simAfter.tokenRequests - simBefore.tokenRequests;

    return [
      {
        name: `${CONCURRENT} concurrent pushes through the app runtime (phone approves after ${APPROVE_AFTER_MS / 1000} s)`,
        value:
          `${approved}/${CONCURRENT} approved${approved === CONCURRENT ? '' : ` (${statusText})`}; ` +
          `started in ${ms(allStarted - started, 0)}; ` +
          `finished ${round(doneAt[0] ?? Number.NaN)}–${round(doneAt[doneAt.length - 1] ?? Number.NaN)} s; ` +
          `${mid.ringing} ringing at once at ${round(APPROVE_AFTER_MS / 2000, 1)} s`,
        target: `all ${CONCURRENT} approved`,
        met: approved === CONCURRENT && listed.length === CONCURRENT,
        note:
          `startTestRuntime (SQLite request log, real keychain secret) with a stored profile pointing at a simulator ` +
          `with ${CONCURRENT} push users in a child process (latency ${LATENCY_MS} ms), after one warm-up push. ` +
          `All started at once through verify:start. Simulator saw ${sentBegins} Begins and ${sentTokens} token ` +
          `requests; the app's HTTP client made ${httpAfter.requests - httpBefore.requests} requests and opened ` +
          `${httpAfter.connectionsOpened - httpBefore.connectionsOpened} connections (besides the ` +
          `${httpBefore.connectionsOpened} from the warm-up). A sync Begin holds its socket until the phone answers, ` +
          'and the HTTP agent allows 64 sockets per host, so pushes beyond 64 wait in the agent queue and reach the ' +
          'phone only when an earlier one is answered.',
      },
      {
        name: `Main-process event-loop lag with ${CONCURRENT} pending pushes (p99)`,
        value:
          `p99 ${ms(p99(whole))}, max ${ms(whole.max / 1e6)} (by phase: start burst max ${ms(burst.max / 1e6)}; ` +
          `pending p99 ${ms(p99(pending))}, max ${ms(pending.max / 1e6)}; answers arriving p99 ` +
          `${ms(p99(answers))}, max ${ms(answers.max / 1e6)})`,
        target: '≤ 20 ms',
        met: p99(whole) <= 20,
        note:
          'perf_hooks.monitorEventLoopDelay({ resolution: 1 }) in the process running the app runtime (the simulator ' +
          'runs in another process), from just before the first verify:start until all pushes ended. Phases: start ' +
          `burst (all ${CONCURRENT} verify:start calls issued in one tick, so their synchronous work — validation, ` +
          'request-log insert, request setup — runs back to back), pending (every push sent, none answered' +
          (firstAnswerBefore > 0 ? `; ${firstAnswerBefore} had already ended` : '') +
          `), and answers arriving (the phones answer ${APPROVE_AFTER_MS / 1000} s after each Begin, so up to 64 ` +
          'answers land together). Values are timer delays as Node reports them and include the 1 ms sampling period.',
      },
      {
        name: `Heap used with ${CONCURRENT} pending pushes`,
        value: `peak ${mb(heapPeak)} (${mb(heapBefore)} before the burst, +${mb(heapPeak - heapBefore)})`,
        target: null,
        met: null,
        note: 'process.memoryUsage().heapUsed sampled every 25 ms during the burst; no forced GC.',
      },
    ];
  } finally {
    if (profileId) await t.call('profiles:remove', { id: profileId });
    await t.close();
    await sim.close();
  }
}

export async function benchEntra(): Promise<Figure[]> {
  return [...(await providerFigures()), ...(await concurrentFigures())];
}
