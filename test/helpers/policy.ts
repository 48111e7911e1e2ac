/**
 * The policy most tests run under: the app's defaults, except no request-type list, no pause between pushes
 * and a lock only after ten denials. Those tests are about the verification flow itself and push the same
 * sandbox accounts again and again; the policy rules have their own tests, on the defaults
 * (test/unit/policy/), which pass `policy: DEFAULT_POLICY`.
 */
import type { ManagedPolicy } from '../../contract/policy/index.js';
import type { LoadedPolicy } from '../../main/services/policy/managed.js';

export const FLOW_TEST_POLICY: ManagedPolicy = {
  version: 1,
  verification: { reasons: [] },
  limits: { cooldownSeconds: 0, lockAfterDenials: 10 },
};

/** As the runtime receives it (the entry's loader would hand over the same shape). */
export const flowTestPolicy: LoadedPolicy = { path: 'test/helpers/policy.ts (flow tests)', policy: FLOW_TEST_POLICY };

/** No managed policy: the app's defaults, as an installation without a policy file runs. */
export const DEFAULT_POLICY: LoadedPolicy = { path: '/etc/mfa-approver/policy.json', policy: null };
