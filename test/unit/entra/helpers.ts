/** Shared setup for the Entra tests: a simulator, a real HTTP client and a provider wired to both. */
import { simulatorSettings } from '../../../simulators/entra/settings.js';
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import type { VerificationMode } from '../../../contract/domain.js';
import type { EntraSettings } from '../../../contract/providers/entra.js';
import { createEntraProvider } from '../../../main/providers/entra/provider.js';
import type { EntraProviderOptions } from '../../../main/providers/entra/context.js';
import {
  startEntraSimulator,
  type EntraSimulator,
  type SimulatorOptions,
} from '../../../simulators/entra/simulator.js';
import type { StepResult, Subject, VerificationProvider } from '../../../main/providers/types.js';
import { systemClock, type Clock } from '../../../main/services/clock.js';
import { createHttpClient, type HttpClient } from '../../../main/services/http.js';
import { silentLogger } from '../../../main/services/log.js';

export interface Rig {
  sim: EntraSimulator;
  http: HttpClient;
  settings: EntraSettings;
  provider: VerificationProvider;
  /** Builds another provider against the same simulator. */
  providerWith(patch?: Partial<EntraSettings>, extra?: ProviderExtras): VerificationProvider;
  close(): Promise<void>;
}

export interface ProviderExtras {
  secret?: string | null;
  clock?: Clock;
  options?: Partial<EntraProviderOptions>;
}

/** Starts a simulator with test-sized timeouts and a provider for it. */
export async function startRig(
  simOptions: Partial<SimulatorOptions> = {},
  patch: Partial<EntraSettings> = {},
  extras: ProviderExtras = {},
): Promise<Rig> {
  const sim = await startEntraSimulator({
    pushTimeoutMs: 300,
    defaultBehaviour: { action: 'approve', delayMs: 10 },
    ...simOptions,
  });
  const http = createHttpClient();
  const settings = settingsFor(sim);
  const providerWith = (p: Partial<EntraSettings> = {}, x: ProviderExtras = {}): VerificationProvider => {
    const secret = x.secret === undefined ? sim.clientSecret : x.secret;
    const deps = { http, clock: x.clock ?? systemClock, logger: silentLogger, readSecret: async () => secret };
    return createEntraProvider({ ...settings, ...p }, deps, x.options);
  };
  return {
    sim,
    http,
    settings,
    provider: providerWith(patch, extras),
    providerWith,
    async close() {
      http.close();
      await sim.close();
    },
  };
}

/** Settings that point a profile at the simulator. */
export const settingsFor = (sim: EntraSimulator): EntraSettings => simulatorSettings(sim);

/** Starts a verification with a fresh ContextId. */
export function start(
  provider: VerificationProvider,
  upn: string,
  mode: VerificationMode = 'push',
  signal = new AbortController().signal,
  onRefs?: (refs: Record<string, string>) => void,
): Promise<StepResult> {
  return provider.start({ subject: subjectOf(upn), contextId: randomUUID(), mode, signal, ...(onRefs ? { onRefs } : {}) });
}

/** A subject as the verification service hands it to a provider (Entra canonicalises to lower case). */
export function subjectOf(upn: string): Subject {
  return { raw: upn, canonical: upn.trim().toLowerCase() };
}

/** The final outcome of a step; fails the test when the step is a challenge. */
export function outcomeOf(step: StepResult) {
  if (step.kind !== 'final') throw new Error(`expected a final step, got ${step.kind}`);
  return step.outcome;
}

/** A clock whose sleeps advance virtual time at once (after a 2 ms real pause). */
export function virtualClock(): Clock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    sleep: async (ms, signal) => {
      offset += ms;
      await systemClock.sleep(2, signal);
    },
  };
}

/** A fresh RSA key and a self-signed certificate for it, both PEM. */
export function selfSignedCertificate(commonName = 'MFA Approver test'): { keyPem: string; certPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const algorithm = seq(oid([1, 2, 840, 113549, 1, 1, 11]), Buffer.from([0x05, 0x00]));
  const name = seq(der(0x31, seq(oid([2, 5, 4, 3]), der(0x0c, Buffer.from(commonName)))));
  const validity = seq(utcTime(Date.now() - 3_600_000), utcTime(Date.now() + 86_400_000));
  const version = der(0xa0, der(0x02, Buffer.from([2])));
  const serial = der(0x02, Buffer.from([1, 2, 3, 4]));
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const tbs = seq(version, serial, algorithm, name, validity, name, spki);
  const signature = sign('sha256', tbs, privateKey);
  const cert = seq(tbs, algorithm, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const lines = cert.toString('base64').match(/.{1,64}/g) ?? [];
  return {
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certPem: `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`,
  };
}

function der(tag: number, content: Buffer): Buffer {
  const length = content.length;
  if (length < 0x80) return Buffer.concat([Buffer.from([tag, length]), content]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.concat([Buffer.from([tag, 0x80 | bytes.length, ...bytes]), content]);
}

function seq(...parts: Buffer[]): Buffer {
  return der(0x30, Buffer.concat(parts));
}

function oid(arcs: number[]): Buffer {
  const bytes = [40 * arcs[0]! + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [];
    for (let n = arc; ; n = Math.floor(n / 128)) {
      chunk.unshift((n % 128) | (chunk.length ? 0x80 : 0));
      if (n < 128) break;
    }
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

function utcTime(ms: number): Buffer {
  // YYMMDDHHMMSSZ
  const text = new Date(ms).toISOString().slice(2, 19).replace(/[-T:]/g, '') + 'Z';
  return der(0x17, Buffer.from(text));
}
