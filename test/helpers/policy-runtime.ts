/** Runtimes for the policy tests: the policy given (default: none, the app's defaults) and a clock tests move. */
import type { VerificationView } from '../../contract/domain.js';
import type { AuditEntryView } from '../../contract/audit.js';
import type { ManagedPolicy } from '../../contract/policy/index.js';
import { systemClock, type Clock } from '../../main/services/clock.js';
import type { StartOptions } from '../../main/runtime-types.js';
import { ok, startTestRuntime, type TestRuntime } from './runtime.js';
import { ENTRA_SANDBOX_PROFILE_ID } from './sandbox.js';
import { operatorRoles } from '../../contract/policy/sign-in.js';

export const domain = 'sandbox.contoso.example';

/** The real clock plus an offset tests move forward (cooldowns, windows, token expiry). */
export interface MovableClock extends Clock {
  advance(ms: number): void;
}

export function movableClock(): MovableClock {
  let offset = 0;
  return { now: () => Date.now() + offset, sleep: systemClock.sleep, advance: (ms) => void (offset += ms) };
}

/** Starts a runtime on `policy` (null: no managed policy at all) with a movable clock. */
export async function policyRuntime(
  policy: Omit<ManagedPolicy, 'version'> | null,
  options: Partial<StartOptions> & { keepData?: boolean } = {},
): Promise<{ rt: TestRuntime; clock: MovableClock }> {
  const clock = movableClock();
  const rt = await startTestRuntime({
    clock,
    // A managed policy grants the OS account only the roles it names: these tests act in every role unless they say.
    policy: { path: '/etc/mfa-approver/policy.json', policy: policy ? { version: 1, signIn: { osUserRoles: [...operatorRoles] }, ...policy } : null },
    ...options,
  });
  return { rt, clock };
}

/** A verification request as the Verify form sends it under the default policy. */
export const request = (user: string, ticket = 'INC-100', extra: Record<string, unknown> = {}) => ({
  profileId: ENTRA_SANDBOX_PROFILE_ID,
  subject: `${user}@${domain}`,
  reasonType: 'Password reset',
  reason: 'Caller locked out after leave',
  ticket,
  mode: 'push' as const,
  ...extra,
});

/** The first update of `id` that `accept` takes (default: a final status). */
export function finalView(rt: TestRuntime, id: string, accept = (v: VerificationView) => v.status !== 'pending' && v.status !== 'awaiting_code'): Promise<VerificationView> {
  return new Promise((resolve) => {
    const stop = rt.runtime.events.subscribe((event, payload) => {
      const view = payload as VerificationView;
      if (event === 'verification:updated' && view.id === id && accept(view)) {
        stop();
        resolve(view);
      }
    });
  });
}

/** Starts a verification and waits for its outcome. */
export async function verifyOnce(rt: TestRuntime, input: ReturnType<typeof request>): Promise<VerificationView> {
  const started = ok(await rt.call('verify:start', input));
  return finalView(rt, started.id);
}

/** The newest audit entries, newest first. */
export async function latestEntries(rt: TestRuntime, limit = 50): Promise<AuditEntryView[]> {
  return ok(await rt.call('audit:query', { limit })).entries;
}

/** The newest entry of `event`, or undefined. */
export async function lastEntry(rt: TestRuntime, event: AuditEntryView['event']): Promise<AuditEntryView | undefined> {
  return (await latestEntries(rt, 200)).find((e) => e.event === event);
}
