/**
 * Property-based fuzzing of every IPC channel through dispatch and the real handlers of a test runtime
 * (SQLite, the OS keychain, the sandbox's Entra simulator). For every payload: nothing is thrown across the
 * boundary, a Result comes back, a refused payload changes no state, a call costs under 50 ms of CPU whatever
 * its size up to the limit, and no message leaks internals.
 */
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, type Result } from '../../../contract/domain.js';
import { channelNames, type Channel } from '../../../contract/ipc.js';
import { dispatch } from '../../../main/ipc/dispatch.js';
import { DATABASE_FILE } from '../../../main/services/db/database.js';
import { secretAccount } from '../../../main/services/profiles.js';
import { AUDIT_TABLE } from '../../helpers/db-faults.js';
import { fuzz } from '../../helpers/fuzz.js';
import { ok, startTestRuntime, type TestRuntime } from '../../helpers/runtime.js';
import { ENTRA_SANDBOX_PROFILE_ID } from '../../helpers/sandbox.js';
import { AUTH0_SANDBOX_PROFILE_ID } from '../../../simulators/auth0/sandbox.js';
import { fastestCpuMs } from '../../helpers/timing.js';
import { APPTOTP_SANDBOX_PROFILE_ID } from '../../../simulators/apptotp/sandbox.js';
import { VISUALGUARD_SANDBOX_PROFILE_ID } from '../../../simulators/visualguard/sandbox.js';

let t: TestRuntime;
let db: Sqlite.Database;
let profileId = '';
const settings = { tenant: 'contoso.com', loginBaseUrl: 'http://127.0.0.1:9', connectorBaseUrl: 'http://127.0.0.1:9' };

/**
 * Keeps a profile with a secret for the payloads to aim at: an accepted call may remove either, and every
 * later look at a missing secret costs the keychain's lock probe.
 */
async function keepFixture(): Promise<void> {
  const current = ok(await t.call('profiles:list', {})).find((p) => p.id === profileId);
  if (!current) profileId = ok(await t.call('profiles:save', { kind: 'entra', displayName: 'Fuzz target', settings })).id;
  if (current?.secret !== 'set') ok(await t.call('profiles:setSecret', { id: profileId, secret: 'fuzz-secret' }));
}

beforeAll(async () => {
  t = await startTestRuntime({ sandbox: { options: { pushTimeoutMs: 200 } } });
  await keepFixture();
  db = new Sqlite(path.join(t.dataDir, DATABASE_FILE), { readonly: true });
});
afterAll(async () => {
  db.close();
  await t.close();
});

// ---- values: ordinary, hostile, and large ----

const hostileText = fc.constantFrom(
  'a@' + 'a.'.repeat(255),
  '<Result><Value>Success</Value></Result>',
  '&amp;&#x41;<!DOCTYPE x [<!ENTITY a "b">]>',
  '\u202Eevil\u200B',
  '\u0000\r\n\u001b[31m',
  '../../../etc/passwd',
  "' OR 1=1 --",
  '%s%n${7*7}{{7*7}}',
  '__proto__',
  'constructor',
  '\uD800',
  '𝒳'.repeat(10),
);
/** A long string up to about the 64 KiB payload limit, of units that stress patterns and UTF-8. */
const longText = fc
  .tuple(fc.constantFrom('a', 'a.', '@', 'é', '\u0000', '𝒳', ' ', 'A1-'), fc.integer({ min: 100, max: 40_000 }))
  .map(([unit, count]) => unit.repeat(count));
const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 2, arbitrary: hostileText },
  { weight: 1, arbitrary: longText },
);
const wild = fc.anything({
  maxDepth: 3,
  maxKeys: 6,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});
const id = fc.oneof(
  fc.constantFrom(ENTRA_SANDBOX_PROFILE_ID, '00000000-0000-4000-8000-000000000000'),
  fc.constant('').map(() => profileId),
  fc.uuid(),
  text,
);
const subject = fc.oneof(fc.constantFrom('push@sandbox.contoso.example', 'otp@sandbox.contoso.example', 'jane@contoso.com'), text);

/** A payload of the right shape per channel, its fields drawn from ordinary to hostile. */
const shaped: Record<Channel, fc.Arbitrary<unknown>> = {
  'app:info': fc.constant({}),
  'app:openLogFolder': fc.constant({}),
  'profiles:list': fc.constant({}),
  'profiles:save': fc.record(
    {
      id,
      kind: fc.oneof(fc.constant('entra'), text),
      displayName: text,
      settings: fc.record(
        {
          tenant: fc.oneof(fc.constant('contoso.com'), text),
          cloud: fc.oneof(fc.constantFrom('public', 'usgov'), text),
          credential: fc.constantFrom('secret', 'certificate', 'both'),
          certificatePem: text,
          loginBaseUrl: fc.oneof(fc.constantFrom('http://127.0.0.1:9', 'https://login.example.test', 'file:///etc'), text),
          proxyUrl: fc.oneof(fc.constant('http://127.0.0.1:9'), text),
          pollIntervalMs: fc.oneof(fc.integer(), fc.double(), text),
        },
        { requiredKeys: ['tenant'] },
      ),
    },
    { requiredKeys: ['kind', 'displayName', 'settings'] },
  ),
  'profiles:remove': fc.record({ id }),
  'profiles:setSecret': fc.record({ id, secret: text }),
  'profiles:deleteSecret': fc.record({ id }),
  'profiles:testConnection': fc.record({ id }),
  'verify:methods': fc.record({ profileId: id, subject }),
  'verify:start': fc.record({ profileId: id, subject, reason: text, ticket: fc.oneof(fc.constant('INC-1'), text), mode: fc.oneof(fc.constantFrom('push', 'otp'), text) }),
  'verify:submitCode': fc.record({ verificationId: id, code: fc.oneof(fc.stringMatching(/^[0-9]{6}$/), text) }),
  'verify:cancel': fc.record({ verificationId: id }),
  'verify:record': fc.record({ verificationId: id, decision: fc.oneof(fc.constantFrom('do_not_proceed', 'escalated'), text) }),
  'verify:list': fc.constant({}),
  'enroll:start': fc.record(
    {
      profileId: fc.oneof(fc.constantFrom(APPTOTP_SANDBOX_PROFILE_ID, VISUALGUARD_SANDBOX_PROFILE_ID), id),
      subject: fc.oneof(fc.constantFrom('alex@example.com', 'jdoe', 'locked.user'), subject),
      reason: text,
      ticket: fc.oneof(fc.constant('INC-1'), text),
      userPassword: text,
    },
    { requiredKeys: ['profileId', 'subject', 'reason', 'ticket'] },
  ),
  'enroll:setupKey': fc.record({ enrollmentId: id }),
  'enroll:confirm': fc.record({ enrollmentId: id, code: fc.oneof(fc.stringMatching(/^[0-9]{6}$/), text) }),
  'enroll:cancel': fc.record({ enrollmentId: id }),
  'enroll:list': fc.constant({}),
  'audit:list': fc.record({ search: text, limit: fc.oneof(fc.integer({ min: -5, max: 600 }), fc.double(), text) }, { requiredKeys: [] }),
  'audit:query': fc.record(
    { from: text, to: text, operator: text, target: text, provider: text, event: text, outcome: text, search: text, before: fc.oneof(fc.integer(), text), limit: fc.oneof(fc.integer({ min: -5, max: 600 }), text) },
    { requiredKeys: [] },
  ),
  'audit:entry': fc.record({ seq: fc.oneof(fc.integer({ min: -5, max: 50 }), fc.double(), text) }),
  'audit:integrity': fc.constant({}),
  'audit:verify': fc.constant({}),
  'audit:acknowledge': fc.record({ note: text }),
  // Mostly refused formats: a valid one writes a whole export, which the fuzz need not repeat hundreds of times.
  'audit:export': fc.record({ format: fc.oneof({ weight: 1, arbitrary: fc.constantFrom('csv', 'jsonl') }, { weight: 30, arbitrary: text }) }),
  'audit:settings': fc.constant({}),
  'audit:setRetention': fc.record({ days: fc.oneof(fc.integer({ min: -5, max: 5000 }), text) }),
  'audit:forwarding': fc.constant({}),
  // Hosts carry a '/', which no host name may: the fuzz never makes the outbox reach beyond this machine.
  'audit:saveDestination': fc.record(
    { kind: fc.oneof(fc.constantFrom('syslog-tls', 'webhook', 'splunk-hec'), text), name: text, host: text.map((t) => `${t}/`), port: fc.oneof(fc.integer(), text), url: text },
    { requiredKeys: ['kind'] },
  ),
  'audit:removeDestination': fc.record({ id }),
  'audit:setDestinationSecret': fc.record({ id, secret: text }),
  'sandbox:state': fc.constant({}),
  'sandbox:setEnabled': fc.record({ enabled: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, fc.constant(false), wild) }),
  'sandbox:respond': fc.record({ promptId: id, action: fc.oneof(fc.constantFrom('approve', 'deny', 'fraud', 'ignore'), text) }),
  'sandbox:setFault': fc.record({ profileId: id, fault: fc.oneof(fc.constantFrom('none', 'http_500', 'html_response'), text) }),
  'sandbox:scan': fc.record({ uri: fc.oneof(fc.constant('otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP'), text.map((value) => `otpauth://${value}`), text) }),
  'approvals:state': fc.constant({}),
  'approvals:create': fc.record({
    profileId: fc.oneof(fc.constant(AUTH0_SANDBOX_PROFILE_ID), id),
    reference: fc.oneof(fc.constant('PAY-1'), text),
    amount: fc.oneof(fc.constantFrom('100', '25000.00', '1.234', '0'), text),
    currency: fc.oneof(fc.constantFrom('EUR', 'JPY', 'eur'), text),
    beneficiary: fc.oneof(fc.constant('Acme GmbH'), text),
    accountType: fc.oneof(fc.constantFrom('iban', 'account'), text),
    account: fc.oneof(fc.constantFrom('DE89370400440532013000', 'DE89370400440532013001', '12345678'), text),
    purpose: fc.oneof(fc.constant('Invoice 1'), text),
  }),
  'approvals:discard': fc.record({ releaseId: id }),
  'approvals:signIn': fc.record({ releaseId: id, hash: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), text), username: fc.oneof(fc.constant('alice@example.com'), text), password: text }),
  'approvals:challenge': fc.record({ stepUpId: id, authenticatorId: text }),
  'approvals:submitCode': fc.record({ stepUpId: id, code: fc.oneof(fc.stringMatching(/^[0-9]{6}$/), text) }),
  'approvals:cancel': fc.record({ stepUpId: id }),
  'approvals:enroll': fc.record({ stepUpId: id, kind: fc.oneof(fc.constantFrom('otp', 'push', 'sms'), text), phoneNumber: fc.oneof(fc.constant('+4915112345678'), text) }, { requiredKeys: ['stepUpId', 'kind'] }),
  'approvals:setupKey': fc.record({ stepUpId: id }),
  'approvals:takeRecoveryCode': fc.record({ stepUpId: id }),
  'approvals:ackRecoveryCode': fc.record({ stepUpId: id }),
  'approvals:signReceipt': fc.record({ releaseId: id }),
  'approvals:receipt': fc.record({ id }),
  'approvals:exportReceipt': fc.record({ id }),
  'approvals:publicKey': fc.constant({}),
  'approvals:exportPublicKey': fc.constant({}),
  'approvals:openLink': fc.record({ url: fc.oneof(fc.constant('mfa-approver://approve?ref=A1&amount=5'), fc.constant('mfa-approver://approve?ref=%3Cscript%3E'), text) }),
  'approvals:takeLink': fc.constant({}),
};

/** The shaped payload, or one mutated: a key dropped, an unknown key added, wrapped, or replaced by anything. */
function payloadFor(channel: Channel): fc.Arbitrary<unknown> {
  const base = shaped[channel];
  return fc.oneof(
    { weight: 5, arbitrary: base },
    { weight: 2, arbitrary: fc.tuple(base, text, wild).map(([value, key, extra]) => (isObject(value) ? { ...value, [key]: extra } : value)) },
    { weight: 1, arbitrary: fc.tuple(base, fc.nat()).map(([value, n]) => dropKey(value, n)) },
    { weight: 1, arbitrary: base.map((value) => [value]) },
    { weight: 2, arbitrary: wild },
  );
}
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
function dropKey(value: unknown, n: number): unknown {
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 0) return value;
  const copy = { ...value };
  delete copy[keys[n % keys.length]!];
  return copy;
}

const call = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(...channelNames).chain((channel) => fc.tuple(fc.constant<unknown>(channel), payloadFor(channel))) },
  { weight: 1, arbitrary: fc.tuple(fc.oneof(text, wild), wild) },
);

// ---- what must hold ----

/** Channels that can change the keychain; only around these is the keychain read (a miss costs ~100 ms). */
const touchesKeychain = new Set<unknown>(['profiles:save', 'profiles:remove', 'profiles:setSecret', 'profiles:deleteSecret']);

/** Everything a refused call must leave as it was: database rows, app settings, keychain, live state. */
async function snapshot(channel: unknown): Promise<string> {
  const profiles = db.prepare('SELECT id, kind, display_name, settings, updated_at FROM profiles ORDER BY id').all();
  // Entries a call itself writes: requests and changes. Outcomes (linked to a request started earlier) and the
  // trail's own checkpoints land in the background, whenever a push or a timer finishes.
  const audit = db.prepare(`SELECT count(*) AS n FROM ${AUDIT_TABLE} WHERE link IS NULL AND event NOT LIKE 'sys\\_%' ESCAPE '\\'`).get();
  const settings = db.prepare('SELECT key, value FROM app_settings ORDER BY key').all();
  const sandbox = t.runtime.sandbox?.state();
  const live = ok(await t.call('verify:list', {})).map((v) => v.id).sort();
  const secret = touchesKeychain.has(channel) ? await t.secrets.get(secretAccount(profileId)).catch((error: Error) => error.name) : null;
  return JSON.stringify({ profiles, audit, settings, live, secret, sandbox: { enabled: sandbox?.enabled, faults: sandbox?.backends.map((b) => b.nextFault) } });
}

/**
 * Whether `after` is `before`, but for a fault the simulator may have used up meanwhile: a push started
 * by an earlier call runs on in the background and consumes the next fault. A refused call could only have
 * set a fault, never cleared one, so "none" after is no change by the call.
 */
function unchanged(before: string, after: string): boolean {
  if (before === after) return true;
  const a = JSON.parse(before) as { sandbox: { faults?: string[] } };
  const b = JSON.parse(after) as { sandbox: { faults?: string[] } };
  const consumed = (b.sandbox.faults ?? []).every((fault, i) => fault === a.sandbox.faults?.[i] || fault === 'none');
  return consumed && JSON.stringify({ ...a, sandbox: { ...a.sandbox, faults: null } }) === JSON.stringify({ ...b, sandbox: { ...b.sandbox, faults: null } });
}

/** Refusals that come after a valid change was written ahead to the audit trail (services/audited-change.ts). */
const attemptedCodes = new Set<string>(['keychain_unavailable', 'keychain_locked', 'storage_failed', 'audit_unavailable']);

/** Channels whose accepted calls wait on a provider, the keychain or starting simulators: not timed. */
const waitsOnIo = new Set<unknown>([
  'app:info', 'profiles:list', 'profiles:save', 'profiles:remove', 'profiles:setSecret', 'profiles:deleteSecret', 'profiles:testConnection', 'verify:methods', 'verify:start', 'verify:submitCode', 'enroll:start', 'enroll:confirm', 'sandbox:setEnabled', 'sandbox:respond',
  'approvals:signIn', 'approvals:challenge', 'approvals:submitCode', 'approvals:enroll', 'approvals:signReceipt', 'approvals:exportReceipt', 'approvals:publicKey', 'approvals:exportPublicKey',
]);

/** Stack traces, file paths, SQL, exception classes: internals that must never reach the renderer. */
const internals = /\n\s+at |\/work\/|node_modules|\.[cm]?[jt]s:\d|Sqlite|SQLITE_|sqlite_|TypeError|ReferenceError|RangeError|SyntaxError|ZodError|Cannot read prop|undefined is not|\[object /;

function isResult(value: unknown): value is Result<unknown> {
  if (!isObject(value) || typeof value.ok !== 'boolean') return false;
  if (value.ok) return 'value' in value && Object.keys(value).length === 2;
  return (errorCodes as readonly unknown[]).includes(value.code) && typeof value.message === 'string' && value.message.length > 0 && Object.keys(value).length === 3;
}

const counts = { calls: 0, refused: 0, accepted: 0, timed: 0, slowest: { ms: 0, channel: '' } };

const label = (channel: unknown): string => (typeof channel === 'string' ? channel.slice(0, 40) : `(${typeof channel})`);

async function checkCall([channel, payload]: [unknown, unknown]): Promise<void> {
  counts.calls += 1;
  await checkOne(channel, payload);
}

async function checkOne(channel: unknown, payload: unknown): Promise<void> {
  const before = await snapshot(channel);
  let result: unknown;
  const started = process.cpuUsage();
  try {
    result = await dispatch(t.runtime.handlers, channel, payload, t.runtime.logger);
  } catch (error) {
    throw new Error(`dispatch threw across the boundary on ${label(channel)}: ${String(error)}`);
  }
  const used = process.cpuUsage(started);
  let ms = (used.user + used.system) / 1000;
  expect(isResult(result), JSON.stringify(result)).toBe(true);
  const answer = result as Result<unknown>;
  if (!answer.ok) {
    counts.refused += 1;
    expect(answer.message).not.toMatch(internals);
    expect(answer.message.length).toBeLessThanOrEqual(600);
    // provider_error: the payload was fine and the request did reach the provider, so its audit entry is
    // a change by design. Every other refusal must leave everything as it was.
    if (answer.code !== 'provider_error') {
      let after = await snapshot(channel);
      // A valid change the keychain or database then refused was attempted: its entry (closed as failed) stays,
      // the change itself must not.
      if (attemptedCodes.has(answer.code)) after = JSON.stringify({ ...(JSON.parse(after) as object), audit: (JSON.parse(before) as { audit: unknown }).audit });
      if (!unchanged(before, after)) {
        const a = JSON.parse(before) as Record<string, unknown>;
        const b = JSON.parse(after) as Record<string, unknown>;
        const changed = Object.keys(b).filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
        const what = changed.map((key) => `${key}: ${JSON.stringify(a[key]).slice(0, 200)} -> ${JSON.stringify(b[key]).slice(0, 200)}`).join('; ');
        expect(b, `${label(channel)} ${answer.code}: ${answer.message} — changed ${what}`).toEqual(a);
      }
    }
  } else {
    counts.accepted += 1;
    if (touchesKeychain.has(channel)) await keepFixture();
  }
  const timed = (!answer.ok && answer.code !== 'provider_error') || !waitsOnIo.has(channel);
  if (!timed) return;
  counts.timed += 1;
  // A slow first run is re-measured: a refused call changed nothing, and the timed accepted ones are reads
  // or idempotent, so repeating them is safe; cost shows in every run, a GC pause in one.
  if (ms >= 20) ms = Math.min(ms, await fastestCpuMs(() => dispatch(t.runtime.handlers, channel, payload, t.runtime.logger), 3));
  if (ms > counts.slowest.ms) counts.slowest = { ms, channel: label(channel) };
  expect(ms, `${label(channel)} used ${ms.toFixed(1)} ms of CPU`).toBeLessThan(50);
}

describe('every IPC channel under fuzzed payloads', () => {
  it('holds for payloads of every shape', async () => {
    await fuzz('ipc payloads', call, checkCall, 1500);
    console.log(`fuzz ipc: ${counts.calls} calls, ${counts.refused} refused, ${counts.accepted} accepted, ${counts.timed} timed, slowest ${counts.slowest.ms.toFixed(1)} ms (${counts.slowest.channel})`);
  }, 60_000);

  it('holds for payloads near and over the 64 KiB limit', async () => {
    const big = fc
      .tuple(fc.constantFrom(...channelNames), fc.nat(), longText, fc.integer({ min: 1, max: 3 }), fc.boolean())
      .chain(([channel, pick, filler, copies, extraKey]) =>
        shaped[channel].map((base) => {
          const value = filler.repeat(copies).slice(0, 70_000);
          const payload: Record<string, unknown> = isObject(base) ? { ...base } : {};
          const keys = Object.keys(payload);
          payload[keys.length > 0 ? keys[pick % keys.length]! : 'id'] = value;
          if (extraKey) payload[value.slice(0, 1000)] = 1;
          return [channel, payload] as [unknown, unknown];
        }),
      );
    await fuzz('ipc large payloads', big, checkCall, 200);
  }, 60_000);
});
