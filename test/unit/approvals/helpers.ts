/**
 * A real app runtime (SQLite, the OS keychain, the IPC dispatch) whose only sandbox is the Auth0 simulator,
 * both on one virtual clock, so push waits and approval windows cost no real time.
 */
import type { ReleaseInput } from '../../../contract/approvals.js';
import type { ReleaseView } from '../../../contract/approvals-view.js';
import type { SecretStore } from '../../../main/services/secrets.js';
import { AUTH0_SANDBOX_PROFILE_ID, startAuth0Sandbox } from '../../../simulators/auth0/sandbox.js';
import type { Auth0Simulator } from '../../../simulators/auth0/simulator.js';
import { virtualClock, type VirtualClock } from '../ciba/helpers.js';
import { ok, startTestRuntime, type TestRuntime } from '../../helpers/runtime.js';

export { AUTH0_SANDBOX_PROFILE_ID };

export interface ApprovalsRig {
  rt: TestRuntime;
  sim: Auth0Simulator;
  clock: VirtualClock;
  close(): Promise<void>;
}

export async function startApprovals(options: { dataDir?: string; keepData?: boolean; secrets?: SecretStore } = {}): Promise<ApprovalsRig> {
  const clock = virtualClock();
  const rt = await startTestRuntime({
    clock,
    ...options,
    sandbox: { contributions: [{ kind: 'auth0', start: (o) => startAuth0Sandbox(o, { clock }) }] },
  });
  const sim = rt.runtime.sandbox!.backend('auth0')!.simulator as Auth0Simulator;
  return { rt, sim, clock, close: () => rt.close() };
}

/** A valid release; IBAN DE89 3704 0044 0532 0130 00 is the standard example with a correct checksum. */
export function release(patch: Partial<ReleaseInput> = {}): ReleaseInput {
  return {
    profileId: AUTH0_SANDBOX_PROFILE_ID,
    reference: 'PAY-2026-0042',
    amount: '25000',
    currency: 'EUR',
    beneficiary: 'Müller Maschinenbau GmbH',
    accountType: 'iban',
    account: 'DE89 3704 0044 0532 0130 00',
    purpose: 'Invoice 2026-117, spare parts',
    ...patch,
  };
}

export async function create(rig: ApprovalsRig, patch: Partial<ReleaseInput> = {}): Promise<ReleaseView> {
  return ok(await rig.rt.call('approvals:create', release(patch)));
}

/** Signs `username` in for `r` with their simulator password; answers the release with the new step-up. */
export async function signIn(rig: ApprovalsRig, r: ReleaseView, username: string, password?: string): Promise<ReleaseView> {
  return ok(await rig.rt.call('approvals:signIn', { releaseId: r.id, hash: r.hash, username, password: password ?? rig.sim.user(username)!.password }));
}

/** Signs in and completes the OTP factor with the code the approver's app shows (a fresh one: codes are single use). */
export async function approveWithOtp(rig: ApprovalsRig, r: ReleaseView, username: string): Promise<ReleaseView> {
  await rig.clock.sleep(30_000);
  const signedIn = await signIn(rig, r, username);
  const stepUp = signedIn.stepUp!;
  const otp = stepUp.authenticators.find((a) => a.factor === 'otp')!;
  const challenged = ok(await rig.rt.call('approvals:challenge', { stepUpId: stepUp.id, authenticatorId: otp.id }));
  if (challenged.stepUp?.status !== 'awaiting_code') throw new Error(JSON.stringify(challenged.stepUp));
  return ok(await rig.rt.call('approvals:submitCode', { stepUpId: stepUp.id, code: rig.sim.otpCode(username)! }));
}

/** Resolves with the release view once `accept` holds for an 'approvals:updated' event (bounded). */
export function nextUpdate(rig: ApprovalsRig, accept: (view: ReleaseView) => boolean, timeoutMs = 10_000): Promise<ReleaseView> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error('no matching approvals:updated event'));
    }, timeoutMs);
    const stop = rig.rt.runtime.events.subscribe((event, payload) => {
      if (event === 'approvals:updated' && accept(payload as ReleaseView)) {
        clearTimeout(timer);
        stop();
        resolve(payload as ReleaseView);
      }
    });
  });
}
