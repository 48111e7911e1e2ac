/**
 * Finance approvals: payment releases, each approver's step-up through a step-up profile (Auth0 MFA), four
 * eyes above the threshold, lapsing approvals, signed receipts, and deep links that only pre-fill the form.
 * Releases and step-ups live in main-process memory; receipts are stored. The password goes from the sign-in
 * call straight to the provider and is kept nowhere; tokens never reach this service at all.
 */
import { randomUUID } from 'node:crypto';
import type { ReleaseDraft, ReleaseParsed } from '../../../contract/approvals.js';
import type { ApprovalsView, LinkView, ReleaseView } from '../../../contract/approvals-view.js';
import type { EnrollRequest } from '../../providers/step-up.js';
import type { Clock } from '../clock.js';
import type { RequestLog } from '../db/request-log.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../events.js';
import type { Logger } from '../log.js';
import type { ResolvedProfile } from '../profiles.js';
import type { SecretStore } from '../secrets.js';
import { expireLapsed, signReceipt } from './approve.js';
import { createApprovalAudit } from './audit.js';
import { chooseFactor, end, startEnrollment, submitCode, type FlowContext } from './flow.js';
import { createLinkIntake } from './links.js';
import { createReceiptActions, type ReceiptActions } from './receipt-actions.js';
import type { ReceiptStore } from './receipts/store.js';
import { createRelease, type Release } from './release.js';
import { signInStep } from './sign-in.js';
import { isLive, type StepUp } from './state.js';
import { releaseView } from './views.js';

export interface ApprovalsDeps {
  log: RequestLog;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  secrets: SecretStore;
  receipts: ReceiptStore;
  resolve(profileId: string): ResolvedProfile | null;
  /** Writes an export where the user chooses (Electron) or into the data folder; the path, or null if cancelled. */
  saveFile(suggestedName: string, contents: string): Promise<string | null>;
  onAuditChange(): void;
}

export interface SignInInput {
  releaseId: string;
  hash: string;
  username: string;
  password: string;
}

export interface ApprovalsService extends ReceiptActions {
  state(): ApprovalsView;
  create(input: ReleaseParsed): ReleaseView;
  discard(releaseId: string): ReleaseView;
  signIn(input: SignInInput): Promise<ReleaseView>;
  challenge(stepUpId: string, authenticatorId: string): Promise<ReleaseView>;
  submitCode(stepUpId: string, code: string): Promise<ReleaseView>;
  cancel(stepUpId: string): ReleaseView;
  enroll(stepUpId: string, request: EnrollRequest): Promise<ReleaseView>;
  setupKey(stepUpId: string): string;
  takeRecoveryCode(stepUpId: string): string;
  ackRecoveryCode(stepUpId: string): ReleaseView;
  signReceipt(releaseId: string): Promise<ReleaseView>;
  /** A link the page hands over (browser shell); the answer pre-fills its form. */
  openLink(url: unknown): LinkView;
  /** A link from the OS (Electron entry); kept until the screen takes it, as the window may not be ready. */
  receiveLink(url: unknown): void;
  takeLink(): ReleaseDraft | null;
  close(): void;
}

/** Releases kept in memory; older finished ones are dropped (their receipts stay stored). */
const MAX_RELEASES = 50;

export function createApprovalsService(deps: ApprovalsDeps): ApprovalsService {
  const releases = new Map<string, Release>();
  const stepUps = new Map<string, StepUp>();
  const current = new Map<string, StepUp>();
  const audit = createApprovalAudit({ log: deps.log, logger: deps.logger, onAuditChange: deps.onAuditChange });
  const links = createLinkIntake({ audit, events: deps.events });
  const receiptActions = createReceiptActions({ audit, receipts: deps.receipts, secrets: deps.secrets, saveFile: deps.saveFile });
  const now = (): number => deps.clock.now();
  const view = (r: Release): ReleaseView => releaseView(r, current.get(r.id) ?? null);
  const timers = new Set<NodeJS.Timeout>();
  const ctx: FlowContext = {
    audit,
    receipts: deps.receipts,
    secrets: deps.secrets,
    now,
    releaseOf: (s) => releases.get(s.releaseId)!,
    changed: (r) => deps.events.emit('approvals:updated', view(r)),
  };

  /** Publishes lapses when their time comes, even while nobody touches the screen. */
  const watchLapse = (r: Release): void => {
    const next = Math.min(...r.approvals.map((a) => a.expiresAt));
    if (!Number.isFinite(next)) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (expireLapsed(r, ctx)) ctx.changed(r);
    }, Math.min(2 ** 31 - 1, Math.max(0, next - now()) + 50));
    timer.unref();
    timers.add(timer);
  };
  const mustRelease = (id: string): Release => {
    const r = releases.get(id);
    if (!r) throw new AppError('not_found', 'That release is no longer here. Enter it again.');
    if (expireLapsed(r, ctx)) ctx.changed(r);
    return r;
  };
  const mustStepUp = (id: string): StepUp => {
    const s = stepUps.get(id);
    if (!s) throw new AppError('not_found', 'That sign-in is no longer here. Sign in again.');
    return s;
  };
  const after = async (s: StepUp, step: () => Promise<void>): Promise<ReleaseView> => {
    const r = ctx.releaseOf(s);
    try {
      await step();
    } catch (error) {
      // A step that failed unexpectedly (the audit log could not be written, …) must not leave the sign-in waiting.
      if (isLive(s)) end(ctx, s, 'failed', { title: 'Sign-in stopped', message: 'The app could not complete this step. Nothing was approved.', nextSteps: 'Sign in again.' });
      throw error;
    } finally {
      ctx.changed(r);
      if (r.approvals.length > 0 && r.status === 'open') watchLapse(r);
    }
    return view(r);
  };
  const prune = (): void => {
    const finished = [...releases.values()].filter((r) => {
      const s = current.get(r.id);
      return r.status !== 'open' && !(s && isLive(s));
    });
    for (const r of finished.slice(0, Math.max(0, releases.size - MAX_RELEASES))) {
      releases.delete(r.id);
      const s = current.get(r.id);
      if (s) stepUps.delete(s.id);
      current.delete(r.id);
    }
  };

  return {
    state: () => {
      for (const r of releases.values()) expireLapsed(r, ctx);
      return { releases: [...releases.values()].reverse().map(view), receipts: deps.receipts.list(100) };
    },
    create(input) {
      const resolved = deps.resolve(input.profileId);
      if (!resolved?.stepUp) throw new AppError('bad_request', 'profileId: choose an approvals profile (Auth0 MFA)');
      const r = createRelease({ input, profileName: resolved.profile.displayName, sandbox: resolved.sandbox, policy: resolved.stepUp.policy, now: now() });
      releases.set(r.id, r);
      prune();
      audit.record(r, 'approval.release', 'created', `${r.hash.short} · ${r.requiredApprovers} approver(s) required`, {}, r.transaction.reference);
      return view(r);
    },
    discard(releaseId) {
      const r = mustRelease(releaseId);
      const s = current.get(r.id);
      if (s && isLive(s)) end(ctx, s, 'cancelled', { title: 'Cancelled', message: 'The release was discarded. Nothing was approved.', nextSteps: null });
      if (r.status === 'open') {
        r.status = 'discarded';
        audit.record(r, 'approval.discard', 'discarded');
      }
      ctx.changed(r);
      return view(r);
    },
    async signIn(input) {
      const r = mustRelease(input.releaseId);
      if (r.status !== 'open') throw new AppError('conflict', 'This release is no longer open.');
      // Why the hash: the approval must cover exactly the transaction the approver looked at.
      if (input.hash !== r.hash.hash) throw new AppError('conflict', 'The release differs from the one on your screen. Review it again before signing in.');
      const live = current.get(r.id);
      if (live && isLive(live)) throw new AppError('conflict', `${live.username} is signing in for this release. Finish or cancel that first.`);
      const resolved = deps.resolve(r.profileId);
      if (!resolved?.stepUp) throw new AppError('not_found', 'The approvals profile of this release no longer exists.');
      const checked = resolved.checkSubject(input.username);
      if (!checked.ok) throw new AppError('bad_request', `username: ${checked.message}`);
      const s = signInStep.create(randomUUID(), r.id, input.username.trim(), resolved.stepUp, now());
      stepUps.set(s.id, s);
      if (live) stepUps.delete(live.id);
      current.set(r.id, s);
      return after(s, () => signInStep.run(ctx, s, input.password));
    },
    challenge: (stepUpId, authenticatorId) => {
      const s = mustStepUp(stepUpId);
      return after(s, () => chooseFactor(ctx, s, authenticatorId));
    },
    submitCode: (stepUpId, code) => {
      const s = mustStepUp(stepUpId);
      return after(s, () => submitCode(ctx, s, code));
    },
    cancel(stepUpId) {
      const s = mustStepUp(stepUpId);
      if (isLive(s)) {
        if (s.logId) audit.finish(s.logId, 'cancelled');
        s.logId = null;
        end(ctx, s, 'cancelled', { title: 'Cancelled', message: 'The sign-in was cancelled. Nothing was approved.', nextSteps: null });
        audit.record(ctx.releaseOf(s), 'approval.cancel', 'cancelled', null, { stepUpId: s.id }, s.username);
      }
      const r = ctx.releaseOf(s);
      ctx.changed(r);
      return view(r);
    },
    enroll: (stepUpId, request) => {
      const s = mustStepUp(stepUpId);
      return after(s, () => startEnrollment(ctx, s, request));
    },
    setupKey(stepUpId) {
      const s = mustStepUp(stepUpId);
      const key = isLive(s) ? s.enrollment?.setupKey : null;
      if (!key) throw new AppError('not_found', 'There is no setup key to show for this sign-in.');
      audit.record(ctx.releaseOf(s), 'approval.enroll.setup_key', 'shown', null, { stepUpId: s.id }, s.username);
      return key;
    },
    takeRecoveryCode(stepUpId) {
      const s = mustStepUp(stepUpId);
      const code = s.recoveryCode;
      if (!code) throw new AppError('not_found', 'The recovery code was already shown once and cannot be shown again.');
      // Shown once: dropped from memory the moment it is handed over.
      s.recoveryCode = null;
      s.recoveryShown = true;
      audit.record(ctx.releaseOf(s), 'approval.recovery_code', 'shown', null, { stepUpId: s.id }, s.username);
      ctx.changed(ctx.releaseOf(s));
      return code;
    },
    ackRecoveryCode(stepUpId) {
      const s = mustStepUp(stepUpId);
      s.recoveryShown = false;
      s.recoveryCode = null;
      const r = ctx.releaseOf(s);
      ctx.changed(r);
      return view(r);
    },
    async signReceipt(releaseId) {
      const r = mustRelease(releaseId);
      await signReceipt(r, ctx);
      ctx.changed(r);
      return view(r);
    },
    ...receiptActions,
    openLink: (url) => links.open(url, false),
    receiveLink: (url) => void links.open(url, true),
    takeLink: () => links.take(),
    close() {
      for (const timer of timers) clearTimeout(timer);
      for (const s of stepUps.values()) if (isLive(s)) end(ctx, s, 'cancelled');
    },
  };
}
