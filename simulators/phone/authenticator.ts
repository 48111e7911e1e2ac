/**
 * The simulated phone's authenticator app (sandbox only): it adds an account from an otpauth:// URI that the
 * renderer read from the QR code on screen with a QR decoder, then shows the account's rolling code, as
 * Microsoft Authenticator would. Like Microsoft Authenticator it ignores the algorithm, digits and period in
 * the URI and always shows SHA-1, 6 digits, 30 seconds: a provider that issues anything else shows wrong
 * codes here too. Secrets stay in this process's memory and vanish with the sandbox.
 */
import { randomUUID } from 'node:crypto';
import type { PhonePrompt } from '../../contract/domain.js';
import { AUTHENTICATOR_PARAMETERS, fromBase32, timeStep, totp } from '../../main/services/totp.js';

interface Account {
  id: string;
  issuer: string;
  name: string;
  secret: Buffer;
  addedAt: string;
}

export type ScanResult = { ok: true; label: string } | { ok: false; message: string };

export interface PhoneAuthenticator {
  /** Adds (or replaces, for the same issuer and name) the account a scanned URI describes. */
  scan(uri: string): ScanResult;
  prompts(): PhonePrompt[];
  /** Removes an account; false when there is none with that id. */
  remove(id: string): boolean;
  onChange(listener: () => void): () => void;
  close(): void;
}

const MAX_ACCOUNTS = 20;
const PERIOD_MS = AUTHENTICATOR_PARAMETERS.period * 1000;

/** Reads an otpauth://totp/ URI, or says why it is not one an authenticator app would add. */
export function parseKeyUri(uri: string): { issuer: string; name: string; secret: Buffer } | string {
  if (uri.length > 1024) return 'the address is too long';
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'the QR code does not hold a valid address';
  }
  if (url.protocol !== 'otpauth:' || url.host !== 'totp') return 'the QR code is not a time-based (TOTP) authenticator code';
  const secret = fromBase32(url.searchParams.get('secret') ?? '');
  if (!secret || secret.length < 10) return 'the QR code holds no usable secret';
  let label: string;
  try {
    label = decodeURIComponent(url.pathname.replace(/^\//, ''));
  } catch {
    return 'the account name in the QR code cannot be read';
  }
  const [prefix, ...rest] = label.split(':');
  const name = (rest.length > 0 ? rest.join(':') : prefix ?? '').trim();
  const issuer = (url.searchParams.get('issuer') ?? (rest.length > 0 ? prefix : '') ?? '').trim();
  if (name === '') return 'the QR code names no account';
  return { issuer: issuer.slice(0, 80), name: name.slice(0, 200), secret };
}

/** Creates the phone's authenticator app; `now` is the app's clock. */
export function createPhoneAuthenticator(now: () => number = Date.now): PhoneAuthenticator {
  let accounts: Account[] = [];
  const listeners = new Set<() => void>();
  let timer: NodeJS.Timeout | null = null;
  const notify = (): void => {
    for (const listener of listeners) listener();
  };
  // One tick at each step boundary while there are accounts, so the phone's codes roll over on screen.
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (accounts.length === 0) return;
    timer = setTimeout(() => {
      notify();
      schedule();
    }, PERIOD_MS - (now() % PERIOD_MS) + 5);
    timer.unref();
  };

  return {
    scan(uri) {
      const parsed = parseKeyUri(uri);
      if (typeof parsed === 'string') return { ok: false, message: parsed };
      const others = accounts.filter((a) => !(a.issuer === parsed.issuer && a.name === parsed.name));
      for (const old of accounts) if (!others.includes(old)) old.secret.fill(0);
      accounts = [{ id: randomUUID(), ...parsed, addedAt: new Date(now()).toISOString() }, ...others].slice(0, MAX_ACCOUNTS);
      schedule();
      notify();
      return { ok: true, label: parsed.issuer ? `${parsed.issuer}: ${parsed.name}` : parsed.name };
    },
    prompts() {
      const at = now();
      const validUntil = new Date((timeStep(at) + 1) * PERIOD_MS).toISOString();
      return accounts.map((account) => ({
        id: account.id,
        profileId: '',
        source: account.issuer ? `${account.issuer} (authenticator app)` : 'Authenticator app',
        subject: account.name,
        kind: 'totp' as const,
        bindingMessage: null,
        code: totp(account.secret, at),
        validUntil,
        actions: ['ignore' as const],
        receivedAt: account.addedAt,
      }));
    },
    remove(id) {
      const found = accounts.find((a) => a.id === id);
      if (!found) return false;
      found.secret.fill(0);
      accounts = accounts.filter((a) => a !== found);
      schedule();
      notify();
      return true;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      for (const account of accounts) account.secret.fill(0);
      accounts = [];
      schedule();
      listeners.clear();
    },
  };
}
