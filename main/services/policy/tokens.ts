/**
 * Verification tokens: an approval that counts yields a token bound to the account, the operator, the ticket
 * and the time, valid for the policy's lifetime (60 s by default) and for one use. "Verified" is never
 * open-ended: the reset step presents the token, and the check says exactly why a token is refused. Only the
 * token's SHA-256 is recorded, in the audit trail (its issue and each check are entries of their own type).
 */
import type { TokenCheckReason, TokenCheckView, VerificationTokenView } from '../../../contract/policy/view.js';
import type { RequestLog } from '../db/request-log.js';
import { TOKEN_CHECKED_EVENT, TOKEN_ISSUED_EVENT, type IssuedToken, type PolicyLedger } from './ledger.js';
import { newToken, tokenBody, tokenFingerprint } from './token-format.js';

export interface IssueFacts {
  subject: { raw: string; canonical: string };
  ticket: string;
  profile: { id: string; displayName: string; kind: string; sandbox: boolean };
  verificationId: string;
  assurance: string;
}

export interface TokenService {
  issue(facts: IssueFacts): VerificationTokenView;
  /** Checks a token presented for `subject` and `ticket`; `canonical` applies the issuing profile's account rule. */
  check(input: { token: string; subject: string; ticket: string }, canonical: (profileId: string | null, raw: string) => string): TokenCheckView;
}

export interface TokenDeps {
  log: RequestLog;
  ledger: PolicyLedger;
  now: () => number;
  lifetimeMs: number;
  /** A check of the token another process on this data folder recorded (fail closed: any record spends it). */
  usedElsewhere?: (fingerprint: string) => { at: number } | null;
}

const time = (ms: number): string => `${new Date(ms).toISOString().slice(11, 19)} UTC`;
const AGAIN = 'Verify the caller again before going on.';

export function createTokenService(deps: TokenDeps): TokenService {
  const refusal = (reason: TokenCheckReason, message: string, issued: IssuedToken | null = null): TokenCheckView => ({
    valid: reason === 'valid',
    reason,
    message,
    subject: reason === 'valid' && issued ? issued.target : null,
    ticket: reason === 'valid' && issued ? issued.ticket : null,
    operator: issued?.operator ?? null,
    assurance: issued?.assurance ?? null,
    verifiedAt: issued ? new Date(issued.issuedAt).toISOString() : null,
    expiresAt: issued ? new Date(issued.expiresAt).toISOString() : null,
  });
  return {
    issue(facts) {
      const value = newToken();
      const issuedAt = deps.now();
      const expiresAt = issuedAt + deps.lifetimeMs;
      deps.log.append({
        event: TOKEN_ISSUED_EVENT,
        action: 'token.issue',
        outcome: 'issued',
        target: facts.subject.raw,
        targetCanonical: facts.subject.canonical,
        profileId: facts.profile.id,
        profileName: facts.profile.displayName,
        provider: facts.profile.kind,
        ticket: facts.ticket,
        sandbox: facts.profile.sandbox,
        refs: { verificationId: facts.verificationId },
        detail: `Valid until ${time(expiresAt)}, once, for this account and ticket.`,
        data: {
          fingerprint: tokenFingerprint(tokenBody(value)!),
          expiresAt,
          target: facts.subject.raw,
          targetCanonical: facts.subject.canonical,
          ticket: facts.ticket,
          profileId: facts.profile.id,
          verificationId: facts.verificationId,
          assurance: facts.assurance,
        },
      });
      return { value, expiresAt: new Date(expiresAt).toISOString(), lifetimeSeconds: Math.round(deps.lifetimeMs / 1000) };
    },
    check(input, canonical) {
      const body = tokenBody(input.token);
      const fingerprint = body ? tokenFingerprint(body) : null;
      const issued = fingerprint ? deps.ledger.token(fingerprint) : null;
      const now = deps.now();
      let view: TokenCheckView;
      let spends = false;
      if (!body) view = refusal('unknown', 'This is not a verification token: they look like MFAV-XXXXX-XXXXX-XXXXX-XXXXX.');
      else if (!issued || !fingerprint) view = refusal('unknown', 'This app issued no such token. Check that it was copied whole (tokens are known only where they were issued). ' + AGAIN);
      else {
        const use = deps.ledger.tokenUse(fingerprint) ?? deps.usedElsewhere?.(fingerprint) ?? null;
        if (use) view = refusal('reused', `This token was already presented at ${time(use.at)} and is valid only once. ${AGAIN}`, issued);
        else if (now > issued.expiresAt) view = refusal('expired', `This token expired at ${time(issued.expiresAt)}: it was valid for ${Math.round((issued.expiresAt - issued.issuedAt) / 1000)} seconds after the approval. ${AGAIN}`, issued);
        else if (canonical(issued.profileId, input.subject) !== issued.targetCanonical) {
          spends = true;
          view = refusal('other_target', `This token was issued for another account, not for ${input.subject.trim()}. It is now void. ${AGAIN}`, issued);
        } else if (input.ticket.trim().toLowerCase() !== issued.ticket.trim().toLowerCase()) {
          spends = true;
          view = refusal('other_ticket', `This token was issued for another ticket, not for ${input.ticket.trim()}. It is now void. ${AGAIN}`, issued);
        } else {
          spends = true;
          view = refusal('valid', `Verified at ${time(issued.issuedAt)} by ${issued.operator} (${issued.assurance.toUpperCase()} assurance), for this account and ticket. This token is now used up.`, issued);
        }
      }
      deps.log.append({
        event: TOKEN_CHECKED_EVENT,
        action: 'token.check',
        outcome: view.valid ? 'accepted' : 'refused',
        reasonCode: view.reason,
        target: input.subject.trim(),
        targetCanonical: issued ? canonical(issued.profileId, input.subject) : input.subject.trim().toLowerCase(),
        ticket: input.ticket.trim(),
        refs: issued ? { verificationId: issued.verificationId } : {},
        detail: view.message,
        // Why the fingerprint only when the check spends the token: an unknown or dead token has nothing to spend.
        data: spends && fingerprint ? { fingerprint, issuedSeq: issued!.seq } : issued ? { issuedSeq: issued.seq } : null,
      });
      return view;
    },
  };
}
