/** State of the simulated VisualGuard: users, enrollment requests, the armed fault and request counts. */
import { randomBytes, randomUUID } from 'node:crypto';
import { matchStep } from '../../main/services/totp.js';
import { defaultUsers, type VgSimUser } from './fixtures.js';
import { faultRoute, type VgFault, type VgRoute } from './faults.js';

export interface VgSimOptions {
  clientId: string;
  clientSecret: string;
  /** The issuer the QR's otpauth URI names. */
  issuer: string;
  /** How ByBytes answers: a JSON Base64 string (ASP.NET's byte[]) or a JSON array of numbers. */
  bytesFormat: 'base64' | 'array';
  /** How long an enrollment request accepts a code. */
  requestLifetimeMs: number;
  /** Wrong codes before VisualGuard locks the account out. */
  lockAfter: number;
  stallMaxMs: number;
  now: () => number;
  users: VgSimUser[];
}

export interface EnrollmentRecord {
  id: string;
  user: VgSimUser;
  secret: Buffer;
  createdAt: number;
  wrong: number;
  done: boolean;
}

export interface VgCounts {
  token: number;
  qrImage: number;
  qrBytes: number;
  validate: number;
}

/** Request counts at zero. */
export const zeroCounts = (): VgCounts => ({ token: 0, qrImage: 0, qrBytes: 0, validate: 0 });

/** Fills in every option not given: a new client id and secret per run, the default users. */
export function resolveOptions(input: Partial<VgSimOptions>): VgSimOptions {
  return {
    clientId: `${randomUUID()}_Native`,
    clientSecret: randomBytes(24).toString('base64url'),
    issuer: 'VisualGuard Sandbox',
    bytesFormat: 'base64',
    requestLifetimeMs: 5 * 60_000,
    lockAfter: 5,
    stallMaxMs: 30_000,
    now: Date.now,
    users: defaultUsers(),
    ...input,
  };
}

export class VgSimCore {
  readonly requests = new Map<string, EnrollmentRecord>();
  fault: VgFault = 'none';
  /** Where the armed fault fires; null: where the fault naturally belongs. */
  faultAt: VgRoute | null = null;
  counts = zeroCounts();
  baseUrl = '';
  private readonly listeners = new Set<() => void>();

  constructor(readonly options: VgSimOptions) {}

  user(name: string): VgSimUser | null {
    return this.options.users.find((u) => u.name.toLowerCase() === name.toLowerCase()) ?? null;
  }

  /** Takes the armed fault if it applies to `route` (a fault fires once). */
  takeFault(route: VgRoute): VgFault {
    const armed = this.fault;
    const target = this.faultAt ?? faultRoute(armed);
    if (armed === 'none' || (target !== 'any' && target !== route)) return 'none';
    this.fault = 'none';
    this.notify();
    return armed;
  }

  setFault(fault: VgFault, at: VgRoute | null = null): void {
    this.fault = fault;
    this.faultAt = at;
    this.notify();
  }

  /** A new enrollment request with a 160-bit secret, as VisualGuard would hold it. */
  openRequest(user: VgSimUser): EnrollmentRecord {
    const record = { id: randomUUID(), user, secret: randomBytes(20), createdAt: this.options.now(), wrong: 0, done: false };
    this.requests.set(record.id, record);
    return record;
  }

  expired(record: EnrollmentRecord): boolean {
    return this.options.now() - record.createdAt > this.options.requestLifetimeMs;
  }

  /** Checks a code of `record` (±1 step); the account is enrolled on success, locked out after too many misses. */
  check(record: EnrollmentRecord, code: string): 'valid' | 'invalid' | 'locked' {
    const step = matchStep(record.secret, code, this.options.now(), 1);
    if (step !== null) {
      record.done = true;
      record.user.kind = 'enrolled';
      this.notify();
      return 'valid';
    }
    record.wrong += 1;
    if (record.wrong >= this.options.lockAfter) {
      record.user.kind = 'locked_out';
      this.notify();
      return 'locked';
    }
    return 'invalid';
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of this.listeners) listener();
  }

  shutdown(): void {
    for (const record of this.requests.values()) record.secret.fill(0);
    this.requests.clear();
    this.listeners.clear();
  }
}
