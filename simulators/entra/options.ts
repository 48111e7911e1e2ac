/**
 * Simulator configuration. Every behaviour the reference marks [GUESS] or [CONFLICT] is an option here,
 * with the default the reference considers most likely.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { PhoneAction } from '../../contract/domain.js';
import { silentLogger, type Logger } from '../../main/services/log.js';
import { connectorResource } from '../../main/providers/entra/cloud.js';
import { defaultUsers } from './fixtures.js';

/** How the simulated phone answers a push: shown to the agent, or scripted. `ignore` lets it time out. */
export type PushBehaviour = 'interactive' | { action: PhoneAction; delayMs?: number };

export interface SimMethod {
  id: string;
  isDefault: boolean;
  phone?: string;
}

export interface SimUser {
  upn: string;
  description: string;
  methods: SimMethod[];
  blocked?: boolean;
  behaviour?: PushBehaviour;
}

export interface SimulatorOptions {
  /** 0 picks a free port; the server listens on 127.0.0.1 only. */
  port: number;
  tenantId: string;
  /** Verified domain; must pass the profile tenant pattern. */
  tenantDomain: string;
  /** The initial client secret (active from the start). Random per run by default. */
  clientSecret: string;
  /** A secret added later fails for this long after its start, like AAD replication. */
  secretPropagationMs: number;
  /** PEM certificates accepted for client_assertion. */
  certificates: string[];
  clientSp: 'enabled' | 'disabled' | 'missing';
  connectorSpEnabled: boolean;
  /** Token audience required (v1 resource; v2 scope is this + "/.default"). */
  resource: string;
  tokenLifetimeSec: number;
  /** Unanswered pushes end with PhoneAppNoResponse after this long. */
  pushTimeoutMs: number;
  defaultBehaviour: PushBehaviour;
  /** Sessions older than this answer InvalidSession. */
  sessionTtlMs: number;
  /** More than `maxBegins` Begins per user in `windowMs` → AuthenticationThrottled. */
  throttle: { maxBegins: number; windowMs: number };
  /** Voice/SMS cap per user → AuthenticationMethodLimitReached. */
  methodLimit: { max: number; windowMs: number };
  /** Wrong codes answered OathCodeIncorrect; the next wrong one locks out. Same rule as the client. */
  maxWrongCodes: number;
  /** Added to every response (benchmarks). */
  latencyMs: number;
  unknownUserValue: 'UserNotFound' | 'BecAccessDenied';
  /** false: ignore AuthenticationMethodId and target the default method (the 2022 claim in CIPP #1126). */
  honourMethodId: boolean;
  /** Begin answers a 2-digit ValidEntropyNumber for async pushes. */
  numberMatching: boolean;
  maskPhones: boolean;
  users: SimUser[];
  logger: Logger;
}

/** Options a running simulator may change. */
export type TunableOptions = Omit<
  SimulatorOptions,
  'port' | 'tenantId' | 'tenantDomain' | 'clientSecret' | 'users' | 'logger' | 'certificates'
>;

/** Fills in defaults. */
export function resolveOptions(input: Partial<SimulatorOptions> = {}): SimulatorOptions {
  const tenantDomain = (input.tenantDomain ?? 'sandbox.contoso.example').toLowerCase();
  return {
    port: 0,
    tenantId: randomUUID(),
    clientSecret: randomBytes(24).toString('base64url'),
    secretPropagationMs: 0,
    certificates: [],
    clientSp: 'enabled',
    connectorSpEnabled: true,
    resource: connectorResource('public'),
    tokenLifetimeSec: 3600,
    pushTimeoutMs: 60_000,
    defaultBehaviour: 'interactive',
    sessionTtlMs: 180_000,
    throttle: { maxBegins: 10, windowMs: 60_000 },
    methodLimit: { max: 5, windowMs: 10 * 60_000 },
    maxWrongCodes: 3,
    latencyMs: 0,
    unknownUserValue: 'UserNotFound',
    honourMethodId: true,
    numberMatching: false,
    maskPhones: false,
    logger: silentLogger,
    ...input,
    tenantDomain,
    users: input.users ?? defaultUsers(tenantDomain),
  };
}
