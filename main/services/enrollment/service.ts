/**
 * Authenticator enrollment, provider-neutral: start (the provider prepares a QR code) → the agent types the
 * first code the user reads back → confirm, or cancel; an unconfirmed enrollment expires by itself. Every
 * step is an audit entry. The QR's text and the secret stay in main: the renderer gets an image, and the
 * setup key only when the agent asks for it.
 */
import { randomUUID } from 'node:crypto';
import type { EnrollmentView } from '../../../contract/domain.js';
import { contractFor } from '../../../contract/providers/index.js';
import type { EnrollmentConfirmResult, EnrollmentStart } from '../../providers/types.js';
import type { Clock } from '../clock.js';
import type { RequestLog } from '../db/request-log.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../events.js';
import type { Logger } from '../log.js';
import type { ProfileFacts } from '../policy/engine.js';
import type { ResolvedProfile } from '../profiles.js';
import { resolveSubject } from '../verification/service.js';
import { createEnrollmentRecords, isLiveEnrollment, type LiveEnrollment } from './records.js';
import { createSteps } from './steps.js';
import { awaitingView, failedStartView, type ViewBase } from './views.js';

export interface EnrollmentLimits {
  /** Longest an unconfirmed enrollment stays open, whatever the provider allows. */
  lifetimeMs: number;
  /** Deadline of the provider's preparation (sign-in and QR download) and of one code check. */
  providerDeadlineMs: number;
}

export const defaultEnrollmentLimits: EnrollmentLimits = { lifetimeMs: 10 * 60_000, providerDeadlineMs: 60_000 };

export interface EnrollmentDeps {
  log: RequestLog;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  resolve(profileId: string): ResolvedProfile | null;
  limits?: Partial<EnrollmentLimits>;
  /** The policy engine's admission: throws its refusal (already recorded) when the policy says no. */
  admit?: (facts: { profile: ProfileFacts; subject: { raw: string; canonical: string }; reason: string; ticket: string }) => void;
}

export interface EnrollmentStartInput {
  profileId: string;
  subject: string;
  reason: string;
  ticket: string;
  userPassword?: string | undefined;
}

export interface EnrollmentService {
  start(input: EnrollmentStartInput): Promise<EnrollmentView>;
  setupKey(id: string): { setupKey: string };
  confirm(id: string, code: string): Promise<EnrollmentView>;
  cancel(id: string): Promise<EnrollmentView>;
  list(): EnrollmentView[];
  close(): void;
}

/**
 * Open enrollments at once. Why a cap: each holds a live secret and a timer; an agent never needs more than a
 * few, and nothing from the renderer may make main hold an unbounded number of them.
 */
export const MAX_OPEN_ENROLLMENTS = 20;

/** Base32 in groups of four, as people read it out and type it in. */
const grouped = (key: string): string => key.match(/.{1,4}/g)?.join(' ') ?? key;

/** Creates the enrollment service. */
export function createEnrollmentService(deps: EnrollmentDeps): EnrollmentService {
  const limits = { ...defaultEnrollmentLimits, ...deps.limits };
  const records = createEnrollmentRecords();
  const steps = createSteps({ ...deps, limits });
  const iso = (): string => new Date(deps.clock.now()).toISOString();

  return {
    async start(input) {
      const { resolved, subject } = resolveSubject(deps.resolve, input.profileId, input.subject);
      const profile = resolved.profile;
      const enrollment = resolved.provider.enrollment;
      const spec = contractFor(profile.kind).enrollment?.(profile.settings as never) ?? null;
      if (!resolved.capabilities.enrollment || !enrollment || !spec) throw new AppError('bad_request', 'profileId: this profile cannot enroll an authenticator');
      if (spec.password && !input.userPassword) throw new AppError('bad_request', `userPassword: is required (${spec.password.label})`);
      if (!spec.password && input.userPassword) throw new AppError('bad_request', 'userPassword: this profile does not sign the user in with a password');
      if (records.liveFor(profile.id, subject)) {
        throw new AppError('conflict', `An enrollment of ${subject.raw} is already open. Finish or cancel it first.`);
      }
      if (records.liveCount() >= MAX_OPEN_ENROLLMENTS) {
        throw new AppError('rate_limited', `${MAX_OPEN_ENROLLMENTS} enrollments are already open. Finish or cancel some before starting another.`);
      }
      deps.admit?.({
        profile: { id: profile.id, displayName: profile.displayName, kind: profile.kind, sandbox: resolved.sandbox, endpointHost: resolved.endpointHost ?? null },
        subject,
        reason: input.reason,
        ticket: input.ticket,
      });
      const base: ViewBase = {
        id: randomUUID(),
        profileId: profile.id,
        profileName: profile.displayName,
        providerKind: profile.kind,
        sandbox: resolved.sandbox,
        subject: subject.raw,
        reason: input.reason,
        ticket: input.ticket,
        startedAt: iso(),
      };
      const entry = steps.entry(base, subject, { enrollmentId: base.id });
      // Written before anything reaches the provider; if it cannot be written, nothing is sent.
      const logId = steps.beginOrRefuse({ ...entry, action: 'enroll.start' });
      const controller = new AbortController();
      let started: EnrollmentStart;
      try {
        started = await enrollment.start({
          subject,
          enrollmentId: base.id,
          userPassword: input.userPassword ?? null,
          signal: AbortSignal.any([controller.signal, AbortSignal.timeout(limits.providerDeadlineMs)]),
        });
      } catch (error) {
        started = steps.thrownAtStart(error);
      }
      const refs = { enrollmentId: base.id, ...started.refs };
      if (started.kind === 'final') {
        const view = failedStartView(base, started.outcome, iso(), { ...(started.facts ? { facts: started.facts } : {}), ...(started.notices ? { notices: started.notices } : {}) });
        steps.safeLog(() => deps.log.finish(logId, { outcome: started.outcome.status, outcomeCode: started.outcome.code, detail: steps.detailOf(started.outcome), refs }));
        steps.auditChanged();
        return view;
      }
      const expiresAt = Math.min(started.display.expiresAt, deps.clock.now() + limits.lifetimeMs);
      const live: LiveEnrollment = {
        view: awaitingView(base, started.display, spec.setupKey && started.session.setupKey() !== null, expiresAt),
        subject,
        session: started.session,
        expiresAt,
        controller,
        refs,
      };
      records.add(live);
      steps.safeLog(() => deps.log.finish(logId, { outcome: 'qr_shown', detail: `expires ${new Date(expiresAt).toISOString()}`, refs }));
      steps.watchExpiry(live);
      steps.publish(live);
      steps.auditChanged();
      return { ...live.view };
    },

    setupKey(id) {
      const live = records.get(id);
      const key = live.view.status === 'awaiting_code' && live.view.setupKeyAvailable ? live.session?.setupKey() ?? null : null;
      if (key === null) throw new AppError('bad_request', 'This enrollment offers no setup key now; the user must scan the QR code.');
      // A read of the secret itself, by the agent: its own event type, so a SIEM can watch for it.
      steps.record(live, 'enroll.setup_key', 'sensitive_read', { outcome: 'shown', detail: 'The setup key was shown to the agent on request.' });
      return { setupKey: grouped(key) };
    },

    async confirm(id, code) {
      const live = records.get(id);
      if (live.view.status !== 'awaiting_code' || !live.session) throw new AppError('conflict', 'This enrollment is not waiting for a code.');
      if (steps.expireIfDue(live)) return { ...live.view };
      const logId = steps.beginOrRefuse({ ...steps.entry(live.view, live.subject, live.refs), action: 'enroll.confirm' });
      live.view = { ...live.view, status: 'checking', title: 'Checking the code', message: 'Checking the code with the provider.' };
      steps.publish(live);
      let result: EnrollmentConfirmResult;
      try {
        result = await live.session.confirm(code, AbortSignal.any([live.controller.signal, AbortSignal.timeout(limits.providerDeadlineMs)]));
      } catch (error) {
        result = steps.thrownAtConfirm(error, live.controller.signal.aborted);
      }
      steps.applyConfirm(live, logId, result);
      return { ...live.view };
    },

    async cancel(id) {
      const live = records.get(id);
      if (!isLiveEnrollment(live)) return { ...live.view };
      if (live.view.status === 'checking') throw new AppError('conflict', 'The code is being checked right now. Wait for the answer, then cancel if needed.');
      await steps.end(live, 'cancelled');
      return { ...live.view };
    },

    list: () => records.all().map((live) => ({ ...live.view })).sort((a, b) => b.startedAt.localeCompare(a.startedAt)),

    close() {
      for (const live of records.all()) if (isLiveEnrollment(live)) void steps.end(live, 'interrupted');
    },
  };
}
