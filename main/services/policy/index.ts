/**
 * The policy services assembled for one runtime: the engine (admits or refuses requests), locks, tokens,
 * the view for the renderer, and the guard that keeps managed settings out of the UI's reach.
 */
import type { ManagedPolicy } from '../../../contract/policy/index.js';
import type { ManagedSetting, PolicyView } from '../../../contract/policy/view.js';
import type { LimitIndex } from '../audit/limit-index.js';
import type { RequestLog } from '../db/request-log.js';
import { effectivePolicy, type EffectivePolicy } from './effective.js';
import { createPolicyEngine, type PolicyEngine } from './engine.js';
import type { ForeignEntries } from './foreign.js';
import type { PolicyLedger } from './ledger.js';
import { createLockService, type LockService } from './locks.js';
import type { SecondOperatorProof } from './operator.js';
import { createTokenService, type TokenService } from './tokens.js';
import { managedSettings, policyView } from './view-model.js';

export interface PolicyServices {
  policy: EffectivePolicy;
  engine: PolicyEngine;
  locks: LockService;
  tokens: TokenService;
  view(): PolicyView;
  /** How a second operator's approval is given here, or null when it is not available. */
  secondApprovalVia(): 'sign-in' | 'attested' | null;
  /** Proves a second operator's identity (operator sign-in fills it); absent with OS operators only. */
  secondOperator: SecondOperatorProof | null;
  /** Refuses (recorded) a change to `setting` from the UI when the managed policy fixes it. */
  guardManaged(setting: ManagedSetting, what: string): void;
  /** Refuses (recorded) a change the managed policy does not allow; `what` starts the sentence. */
  refuseManaged(setting: ManagedSetting, what: string): never;
}

export interface PolicyServiceDeps {
  managed: ManagedPolicy | null;
  /** The managed policy file in force, or null; and where this platform looks for one. */
  source: string | null;
  location: string;
  log: RequestLog;
  limits: LimitIndex;
  ledger: PolicyLedger;
  now: () => number;
  foreign?: ForeignEntries;
  secondOperator?: SecondOperatorProof | null;
  /** Test hook: limits in milliseconds, below what a policy file may say. */
  limitsOverride?: Partial<EffectivePolicy['limits']>;
}

export function createPolicyServices(deps: PolicyServiceDeps): PolicyServices {
  const base = effectivePolicy(deps.managed);
  const policy: EffectivePolicy = deps.limitsOverride ? { ...base, limits: { ...base.limits, ...deps.limitsOverride } } : base;
  const engine = createPolicyEngine({
    policy,
    log: deps.log,
    limits: deps.limits,
    ledger: deps.ledger,
    now: deps.now,
    ...(deps.foreign ? { recentLock: deps.foreign.lock } : {}),
  });
  const locks = createLockService({ policy, log: deps.log, limits: deps.limits, ledger: deps.ledger, now: deps.now, lockOf: engine.lockOf });
  const tokens = createTokenService({
    log: deps.log,
    ledger: deps.ledger,
    now: deps.now,
    lifetimeMs: policy.tokenLifetimeMs,
    ...(deps.foreign ? { usedElsewhere: deps.foreign.tokenUse } : {}),
  });
  const secondOperator = deps.secondOperator ?? null;
  const secondApprovalVia = (): 'sign-in' | 'attested' | null => {
    if (policy.secondApproval === 'off') return null;
    if (secondOperator) return 'sign-in';
    return policy.secondApproval === 'attested' ? 'attested' : null;
  };
  const managed = new Set(managedSettings(deps.managed));
  const refuseManaged = (setting: ManagedSetting, what: string): never =>
    engine.refuse(
      { action: 'policy.setting' },
      {
        rule: 'managed_setting',
        code: 'forbidden',
        field: null,
        message: `${what} is set by your organisation’s managed policy (${deps.source}) and cannot be changed here. Ask your administrator.`,
        data: { setting },
      },
    );
  return {
    policy,
    engine,
    locks,
    tokens,
    secondOperator,
    secondApprovalVia,
    view: () => policyView(policy, deps.managed, { source: deps.source, location: deps.location }, secondApprovalVia()),
    guardManaged(setting, what) {
      if (managed.has(setting)) refuseManaged(setting, what);
    },
    refuseManaged,
  };
}
