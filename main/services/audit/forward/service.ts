/**
 * Forwarding as configured per installation: destinations in app settings (validated on every read), their
 * tokens in the keychain (write-only, like provider secrets), every change recorded in the audit trail with
 * what changed, and the outbox that delivers.
 */
import { randomUUID } from 'node:crypto';
import { forwardDestinationSchema, type ForwardDestination, type ForwardStatusView } from '../../../../contract/audit.js';
import type { AppSettingsStore } from '../../db/app-settings.js';
import { AppError } from '../../errors.js';
import { viaKeychain } from '../../profiles.js';
import type { SecretStore } from '../../secrets.js';
import type { AuditInput } from '../entry.js';
import type { Outbox } from './outbox.js';

export const FORWARDING_SETTING = 'audit.forwarding';
const MAX_DESTINATIONS = 8;

export type DestinationParsed = Omit<ForwardDestination, 'id'> & { id?: string | undefined };

export interface ForwardingService {
  list(): Promise<ForwardStatusView[]>;
  save(input: DestinationParsed): Promise<ForwardStatusView>;
  remove(id: string): Promise<void>;
  setSecret(id: string, secret: string): Promise<void>;
  destinations(): ForwardDestination[];
  /** True for a destination the managed policy fixes. */
  isManaged(id: string): boolean;
  secretFor(id: string): Promise<string | null>;
  attach(outbox: Outbox): void;
}

export interface ForwardingDeps {
  settings: AppSettingsStore;
  secrets: SecretStore;
  record(input: AuditInput): void;
  /** Destinations the managed policy fixes: always forwarded to, never changed or removed here. */
  managed?: readonly ForwardDestination[];
  /** Whether people may keep destinations of their own beside the managed ones (default true). */
  userDestinations?: boolean;
}

const account = (id: string): string => `forward:${id}`;

/** Settings of a destination without its CA bundle (recorded as a fingerprint-free "set"/"not set"). */
function shown(dest: ForwardDestination | null): Record<string, unknown> | null {
  if (!dest) return null;
  const { caPem, ...rest } = dest;
  return { ...rest, caPem: caPem ? 'set' : 'not set' };
}

export function createForwarding(deps: ForwardingDeps): ForwardingService {
  let outbox: Outbox | null = null;
  const managed = [...(deps.managed ?? [])];
  const isManaged = (id: string): boolean => managed.some((d) => d.id === id);
  /** Every destination forwarded to: the managed ones first, then this computer's own (when allowed). */
  const all = (): ForwardDestination[] => [...managed, ...(deps.userDestinations === false ? [] : read().filter((d) => !isManaged(d.id)))];
  const read = (): ForwardDestination[] => {
    const text = deps.settings.get(FORWARDING_SETTING);
    if (!text) return [];
    try {
      const raw = JSON.parse(text) as unknown[];
      // Why re-validate: a hand-edited setting must not point forwarding at plain http or another host silently.
      return raw.flatMap((item) => {
        const parsed = forwardDestinationSchema.safeParse(item);
        return parsed.success && parsed.data.id ? [parsed.data as ForwardDestination] : [];
      });
    } catch {
      return [];
    }
  };
  const write = (list: ForwardDestination[]): void => {
    deps.settings.set(FORWARDING_SETTING, JSON.stringify(list));
    outbox?.reload();
  };
  const view = async (dest: ForwardDestination): Promise<ForwardStatusView> => {
    const status = outbox?.status().find((s) => s.destination.id === dest.id);
    // A locked or unavailable keychain cannot show the secret, so it is not reported as set.
    const secretSet = (await deps.secrets.state(account(dest.id))) === 'set';
    return {
      destination: dest,
      managed: isManaged(dest.id),
      secretSet,
      backlog: status?.backlog ?? 0,
      deliveredSeq: status?.deliveredSeq ?? 0,
      lastError: status?.lastError ?? null,
      lastDeliveryAt: status?.lastDeliveryAt ?? null,
      nextAttemptAt: status?.nextAttemptAt ?? null,
    };
  };
  const target = (dest: ForwardDestination): string => (dest.kind === 'syslog-tls' ? `${dest.host}:${dest.port}` : new URL(dest.url).host);

  return {
    destinations: all,
    isManaged,
    attach(next) {
      outbox = next;
      next.reload();
    },
    async list() {
      return Promise.all(all().map(view));
    },
    async save(input) {
      const list = read();
      const before = input.id ? (list.find((d) => d.id === input.id) ?? null) : null;
      if (input.id && !before) throw new AppError('not_found', 'That forwarding destination does not exist.');
      if (!before && list.length >= MAX_DESTINATIONS) throw new AppError('bad_request', `At most ${MAX_DESTINATIONS} destinations can be configured.`);
      const saved = { ...input, id: input.id ?? randomUUID() } as ForwardDestination;
      write(before ? list.map((d) => (d.id === saved.id ? saved : d)) : [...list, saved]);
      deps.record({
        event: before ? 'sensitive_update' : 'sensitive_create',
        action: before ? 'forwarding.update' : 'forwarding.create',
        outcome: 'success',
        endpointHost: target(saved),
        detail: `${saved.name} (${saved.kind}) → ${target(saved)}${saved.enabled ? '' : ', disabled'}`,
        data: { before: shown(before), after: shown(saved) },
      });
      return view(saved);
    },
    async remove(id) {
      const list = read();
      const dest = list.find((d) => d.id === id);
      if (!dest) throw new AppError('not_found', 'That forwarding destination does not exist.');
      await viaKeychain(() => deps.secrets.delete(account(id)));
      write(list.filter((d) => d.id !== id));
      deps.record({ event: 'sensitive_delete', action: 'forwarding.remove', outcome: 'success', endpointHost: target(dest), data: { before: shown(dest), after: null } });
    },
    async setSecret(id, secret) {
      const dest = all().find((d) => d.id === id);
      if (!dest) throw new AppError('not_found', 'That forwarding destination does not exist.');
      if (dest.kind === 'syslog-tls') throw new AppError('bad_request', 'A syslog destination takes no token.');
      await viaKeychain(() => deps.secrets.set(account(id), secret));
      write(read());
      deps.record({ event: 'authn_token_created', action: 'forwarding.secret.set', outcome: 'success', endpointHost: target(dest), detail: dest.name });
    },
    secretFor: (id) => deps.secrets.get(account(id)),
  };
}
