/**
 * The conformance suite's own first client: a small provider over a scripted in-memory server, written the
 * way every real provider must be (bounded parsing, shared outcome helpers, shared poller, one approval
 * function). `naive: true` builds the provider people write by mistake, which the suite must catch.
 */
import { z } from 'zod';
import { DENIED, errorOutcome, httpStatusOutcome, malformedOutcome, subjectMismatchOutcome, transportOutcome, deadlineOutcome } from '../../main/providers/shared/outcomes.js';
import { pollUntilDone } from '../../main/providers/shared/poller.js';
import type { ProviderOutcome, StepResult, Subject, VerificationProvider } from '../../main/providers/types.js';
import { abortError, systemClock } from '../../main/services/clock.js';
import type { ConformanceDriver, Scenario } from './suite.js';

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

/** The scripted server: answers pushes and polls according to the arranged scenario. */
class ScriptedServer {
  scenario: Scenario = 'approve';
  pushes = 0;
  constructor(private readonly subject: string) {}

  push(signal: AbortSignal): Promise<Answer> {
    this.pushes += 1;
    const json = (value: unknown): Answer => ({ status: 200, contentType: 'application/json', body: JSON.stringify(value) });
    switch (this.scenario) {
      case 'approve':
        return Promise.resolve(json({ state: 'approved', subject: this.subject }));
      case 'approve_other_subject':
        return Promise.resolve(json({ state: 'approved', subject: 'someone-else' }));
      case 'deny':
        return Promise.resolve(json({ state: 'denied', subject: this.subject }));
      case 'unknown_state':
        return Promise.resolve(json({ state: 'maybe', subject: this.subject }));
      case 'malformed':
        return Promise.resolve({ status: 200, contentType: 'application/json', body: '{"state": "appr' });
      case 'http_500':
        return Promise.resolve({ status: 500, contentType: 'text/html', body: '<h1>oops</h1>' });
      case 'html':
        return Promise.resolve({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Sign in</title>' });
      case 'oversize':
        return Promise.resolve(json({ state: 'approved', subject: this.subject, pad: 'x'.repeat(100_000) }));
      case 'never_answer':
        return Promise.resolve(json({ state: 'pending', subject: this.subject }));
      case 'stall':
        return new Promise((_, reject) => signal.addEventListener('abort', () => reject(abortError()), { once: true }));
    }
  }

  poll(): Promise<Answer> {
    return Promise.resolve({ status: 200, contentType: 'application/json', body: JSON.stringify({ state: 'pending', subject: this.subject }) });
  }
}

const MAX_BODY = 16 * 1024;
const answerSchema = z.object({ state: z.string().max(32), subject: z.string().max(256) }).strict();
const ctx = { provider: 'the test provider', pushMayBeOut: true };

/** The one place the fake approves. */
function approvedIfSame(answerSubject: string, subject: Subject): ProviderOutcome {
  if (answerSubject !== subject.canonical) return subjectMismatchOutcome(ctx);
  return { status: 'approved', code: 'approved', title: 'Verified', message: 'The account holder approved.', nextSteps: null };
}

type Reading = { kind: 'final'; outcome: ProviderOutcome } | { kind: 'pending' };

function read(answer: Answer, subject: Subject): Reading {
  if (answer.status !== 200) return { kind: 'final', outcome: httpStatusOutcome(answer.status, ctx) };
  if (answer.body.length > MAX_BODY) return { kind: 'final', outcome: transportOutcome('too_large', ctx, 0) };
  if (!/^application\/json\b/.test(answer.contentType)) return { kind: 'final', outcome: malformedOutcome(ctx, 'not JSON') };
  let parsed: z.infer<typeof answerSchema>;
  try {
    parsed = answerSchema.parse(JSON.parse(answer.body));
  } catch {
    return { kind: 'final', outcome: malformedOutcome(ctx, 'unreadable JSON') };
  }
  switch (parsed.state) {
    case 'approved':
      return { kind: 'final', outcome: approvedIfSame(parsed.subject, subject) };
    case 'denied':
      return { kind: 'final', outcome: { ...DENIED, code: 'denied' } };
    case 'pending':
      return { kind: 'pending' };
    default:
      return { kind: 'final', outcome: errorOutcome('unknown_state', 'Unexpected answer', 'The answer was not understood.') };
  }
}

/** The naive reading: any 200 that says "approved" is an approval. */
function readNaively(answer: Answer): ProviderOutcome {
  if (answer.status === 200 && answer.body.includes('approved')) {
    return { status: 'approved', code: 'ok', title: 'Verified', message: '', nextSteps: null };
  }
  return errorOutcome('failed', 'Failed', 'Failed.');
}

const final = (outcome: ProviderOutcome): StepResult => ({ kind: 'final', outcome, refs: {} });

function fakeProvider(server: ScriptedServer, naive: boolean): VerificationProvider {
  const timeoutMs = 300;
  return {
    async start(request) {
      const deadline = AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]);
      let answer: Answer;
      try {
        answer = await server.push(deadline);
      } catch (error) {
        if (request.signal.aborted) throw error;
        return final(transportOutcome('timeout', ctx, timeoutMs));
      }
      if (naive) {
        const outcome = readNaively(answer);
        // The classic mistake: a failed push is "just retried".
        return final(outcome.status === 'approved' ? outcome : readNaively(await server.push(deadline)));
      }
      const first = read(answer, request.subject);
      if (first.kind === 'final') return final(first.outcome);
      const end = await pollUntilDone<ProviderOutcome>({
        clock: systemClock,
        signal: request.signal,
        intervalMs: 1000,
        deadlineAt: Date.now() + 5000,
        poll: async () => {
          const reading = read(await server.poll(), request.subject);
          return reading.kind === 'final' ? { kind: 'done', value: reading.outcome } : { kind: 'pending' };
        },
      });
      return final(end.kind === 'done' ? end.value : deadlineOutcome(5));
    },
    listMethods: async () => ({ ok: false, code: 'unsupported', message: 'not supported' }),
    submitCode: async () => final(errorOutcome('unsupported', 'Unsupported', 'Codes are not supported.')),
    testConnection: async () => ({ ok: true, code: null, message: 'ok', fix: null }),
    script: () => 'Ask the caller to approve.',
  };
}

/** A conformance driver for the fake; `naive` builds the broken variant. */
export function fakeDriver(naive = false): ConformanceDriver {
  return {
    name: naive ? 'naive fake (must fail)' : 'scripted fake',
    stallDeadlineMs: 300,
    async start() {
      const subject = { raw: 'Alex', canonical: 'alex' };
      const server = new ScriptedServer(subject.canonical);
      return {
        provider: fakeProvider(server, naive),
        subject,
        arrange: (scenario) => {
          server.scenario = scenario;
        },
        pushRequests: () => server.pushes,
        close: async () => undefined,
      };
    },
  };
}
