/**
 * The latency the app adds to one CIBA poll: the same token request sent through the provider's own path
 * (openid-client, the fetch bridge, the hardened HTTP client, the raw-body reading and zod checks; for an
 * approved poll also the ID token check with cached keys) and as a bare keep-alive node:http POST, to the same
 * simulator, interleaved pair by pair.
 */
import http from 'node:http';
import { readInitiate, readPoll, type PollContext } from '../main/providers/ciba/answers.js';
import { openSession, type CibaSession } from '../main/providers/ciba/client.js';
import { clientAuthFor } from '../main/providers/ciba/credentials.js';
import { createJwksCache } from '../main/providers/shared/jwks.js';
import { createServerSource } from '../main/providers/ciba/server.js';
import { systemClock } from '../main/services/clock.js';
import { createHttpClient } from '../main/services/http.js';
import { simulatorSettings } from '../simulators/ciba/settings.js';
import { startCibaSimulator, type CibaSimulator } from '../simulators/ciba/simulator.js';
import { percentile, round, type Figure } from './stats.js';

const USER = 'auth0|65f1a2b3c4d5e6f7a8b9c0d1';
const PENDING_PAIRS = 500;
const APPROVED_PAIRS = 100;
const WARMUP_PAIRS = 50;
const TIMEOUT_MS = 10_000;
const GRANT = 'urn:openid:params:grant-type:ciba';
const ms = (value: number): string => `${round(value, 3)} ms`;

/** A bare keep-alive POST; resolves with the status once the whole answer is read. */
function rawPost(agent: http.Agent, url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, timeout: TIMEOUT_MS, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('raw request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

interface Rig {
  sim: CibaSimulator;
  session: CibaSession;
  poll: PollContext;
  raw(authReqId: string): Promise<number>;
  initiate(): Promise<string>;
  connections(): number;
  close(): Promise<void>;
}

async function startLatencyRig(): Promise<Rig> {
  // No pacing rule: polls come back to back, and every sample gets the same kind of answer.
  const sim = await startCibaSimulator({ enforceInterval: false, authMethods: ['client_secret_basic'] });
  const client = createHttpClient();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const settings = simulatorSettings(sim, { clientAuth: 'client_secret_basic' });
  const signal = new AbortController().signal;
  const ctx = { provider: 'the simulator', pushMayBeOut: true };
  const server = await createServerSource({ settings, http: client, clock: systemClock, timeoutMs: TIMEOUT_MS, maxAgeMs: 3_600_000, ctx }).get(signal);
  const auth = await clientAuthFor(settings, sim.clientSecret);
  if (!server.ok || !auth.ok) throw new Error('CIBA latency rig: discovery or credentials failed');
  const session = openSession({ settings, server: server.server, auth: auth.auth, http: client, signal, timeoutMs: TIMEOUT_MS });
  const jwks = createJwksCache({ http: client, clock: systemClock, timeoutMs: TIMEOUT_MS, maxAgeMs: 3_600_000 });
  const poll: PollContext = {
    ctx,
    timeoutMs: TIMEOUT_MS,
    expected: { issuer: server.server.issuer, clientId: settings.clientId, subject: { kind: 'sub', value: USER }, jwksUri: server.server.jwksUri },
    jwks,
    now: () => systemClock.now(),
    signal,
  };
  const basic = `Basic ${Buffer.from(`${encodeURIComponent(sim.clientId)}:${encodeURIComponent(sim.clientSecret)}`).toString('base64')}`;
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', Accept: 'application/json', Authorization: basic };
  const login = JSON.stringify({ format: 'iss_sub', iss: sim.issuer, sub: USER });
  return {
    sim,
    session,
    poll,
    raw: (authReqId) => rawPost(agent, server.server.tokenEndpoint, headers, new URLSearchParams({ grant_type: GRANT, auth_req_id: authReqId }).toString()),
    async initiate() {
      const started = readInitiate(await session.initiate({ scope: 'openid', login_hint: login, binding_message: 'MFA-0001' }), ctx, TIMEOUT_MS);
      if (!started.ok) throw new Error(`CIBA latency rig: initiate failed (${started.outcome.code})`);
      return started.authReqId;
    },
    connections: () => client.stats().connectionsOpened,
    async close() {
      agent.destroy();
      client.close();
      await sim.close();
    },
  };
}

/** Interleaves app and raw samples (order alternating) and returns both series after the warm-up. */
async function pairs(count: number, app: () => Promise<number>, raw: () => Promise<number>): Promise<{ app: number[]; raw: number[] }> {
  const out = { app: [] as number[], raw: [] as number[] };
  for (let i = 0; i < WARMUP_PAIRS + count; i += 1) {
    let appMs: number;
    let rawMs: number;
    if (i % 2 === 0) {
      appMs = await app();
      rawMs = await raw();
    } else {
      rawMs = await raw();
      appMs = await app();
    }
    if (i < WARMUP_PAIRS) continue;
    out.app.push(appMs);
    out.raw.push(rawMs);
  }
  return out;
}

export async function latencyFigures(): Promise<Figure[]> {
  const rig = await startLatencyRig();
  try {
    const pendingId = await rig.initiate();
    const pending = await pairs(
      PENDING_PAIRS,
      () =>
        timed(async () => {
          const answer = await readPoll(await rig.session.grant(pendingId), rig.poll);
          if (answer.kind !== 'pending') throw new Error(`expected a pending answer, got ${answer.kind}`);
        }),
      () =>
        timed(async () => {
          if ((await rig.raw(pendingId)) !== 400) throw new Error('raw poll was not answered authorization_pending');
        }),
    );
    const connections = rig.connections();
    const approvedTotal = WARMUP_PAIRS + APPROVED_PAIRS;
    const approvedIds = async (): Promise<string> => {
      const id = await rig.initiate();
      const request = rig.sim.pending(USER).at(-1)!;
      rig.sim.approve(request.id);
      return id;
    };
    let approvedCount = 0;
    const approved = await pairs(
      APPROVED_PAIRS,
      async () => {
        const id = await approvedIds();
        return timed(async () => {
          const answer = await readPoll(await rig.session.grant(id), rig.poll);
          if (answer.kind === 'done' && answer.value.status === 'approved') approvedCount += 1;
        });
      },
      async () => {
        const id = await approvedIds();
        return timed(async () => {
          if ((await rig.raw(id)) !== 200) throw new Error('raw poll of an approved request did not get tokens');
        });
      },
    );
    if (approvedCount !== approvedTotal) throw new Error(`only ${approvedCount} of ${approvedTotal} approved polls were read as approved`);
    const figure = (name: string, series: { app: number[]; raw: number[] }, target: string | null, limit: number | null, note: string): Figure => {
      const rawMedian = percentile(series.raw, 50);
      const added = series.app.map((sample) => sample - rawMedian);
      const p50 = percentile(added, 50);
      return {
        name,
        value: `p50 ${ms(p50)}, p99 ${ms(percentile(added, 99))} (app poll p50 ${ms(percentile(series.app, 50))}; raw round trip p50 ${ms(rawMedian)})`,
        target,
        met: limit === null ? null : p50 <= limit,
        note,
      };
    };
    return [
      figure(
        `App-added latency per CIBA poll, pending answer (${PENDING_PAIRS} polls)`,
        pending,
        'p50 ≤ 2 ms',
        2,
        'Wall time of one poll through the provider’s path (openid-client genericGrantRequest with client secret basic, the customFetch ' +
          'bridge, the hardened HTTP client, raw-body reading, zod, outcome mapping) minus the median of a bare keep-alive node:http POST ' +
          `of the same form to the same simulator, interleaved pair by pair after ${WARMUP_PAIRS} warm-up pairs. ` +
          `Connections opened by the app's HTTP client: ${connections}.`,
      ),
      figure(
        `App-added latency per CIBA poll, approved answer with ID token check (${APPROVED_PAIRS} polls)`,
        approved,
        null,
        null,
        'As above for a poll that returns tokens: adds the RS256 signature and claim checks with the cached JWKS (jose). Informational.',
      ),
    ];
  } finally {
    await rig.close();
  }
}
