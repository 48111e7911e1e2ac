/**
 * The policy most tests run under: the app's defaults, except no request-type list, no pause between pushes
 * and a lock only after ten denials. Those tests are about the verification flow itself and push the same
 * sandbox accounts again and again; the policy rules have their own tests, on the defaults
 * (test/unit/policy/), which pass `policy: DEFAULT_POLICY`.
 */
import type { z } from 'zod';
import { managedPolicySchema, type ManagedPolicy } from '../../contract/policy/index.js';
import { operatorRoles } from '../../contract/policy/sign-in.js';
import type { LoadedPolicy } from '../../main/services/policy/managed.js';

export const FLOW_TEST_POLICY: ManagedPolicy = {
  version: 1,
  verification: { reasons: [] },
  limits: { cooldownSeconds: 0, lockAfterDenials: 10 },
  // A managed policy grants the OS account only the roles it names: these tests act in every role.
  signIn: { osUserRoles: [...operatorRoles] },
};

/** As the runtime receives it (the entry's loader would hand over the same shape). */
export const flowTestPolicy: LoadedPolicy = { path: 'test/helpers/policy.ts (flow tests)', policy: FLOW_TEST_POLICY };

/** No managed policy: the app's defaults, as an installation without a policy file runs. */
export const DEFAULT_POLICY: LoadedPolicy = { path: '/etc/mfa-approver/policy.json', policy: null };

/**
 * A managed policy for a test, as the loader would hand it over (parsed by the schema, defaults filled): the
 * flow-test verification and limits unless the test gives its own, and only the sign-in section it gives.
 */
export function managed(policy: Omit<z.input<typeof managedPolicySchema>, 'version'> & { version?: 1 }): LoadedPolicy {
  const { signIn: _flowRoles, ...flow } = FLOW_TEST_POLICY;
  void _flowRoles;
  return { path: 'test policy', policy: managedPolicySchema.parse({ ...flow, ...policy, version: 1 }) };
}
