/**
 * The approver signs in with their own Auth0 account. The password is read from the field once, sent with
 * the sign-in call and cleared at once: it is never kept in a store, shown again or logged.
 */
import { useId, useRef } from 'react';
import type { ReleaseView } from '../../../../contract/approvals-view';
import { useApprovals } from '../../stores/approvals';

export function SignInForm({ release }: { release: ReleaseView }) {
  const ids = useId();
  const username = useApprovals((s) => s.approver);
  const setUsername = useApprovals((s) => s.setApprover);
  const passwordRef = useRef<HTMLInputElement>(null);
  const busy = useApprovals((s) => s.busy);
  const act = useApprovals((s) => s.act);
  const next = release.approvals.length + 1;

  return (
    <form
      className="sign-in-form"
      aria-labelledby={`${ids}-title`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const field = passwordRef.current;
        const password = field?.value ?? '';
        if (busy || username.trim() === '' || password === '') return;
        // Why clear before sending: the password must not stay in the page after the form.
        if (field) field.value = '';
        void act((mfa) => mfa.approvals.signIn({ releaseId: release.id, hash: release.hash, username: username.trim(), password }));
      }}
    >
      <h3 id={`${ids}-title`} className="section-title">
        Approver {next} of {release.requiredApprovers}: sign in
      </h3>
      <p className="field-hint">
        Check that the transaction code <strong>{release.shortHash}</strong> matches the one in your payment system, then sign in with your own
        account. Your approval covers exactly this release.
      </p>
      <div className="field">
        <label htmlFor={`${ids}-user`}>Your Auth0 user name</label>
        <input
          id={`${ids}-user`}
          type="text"
          autoComplete="username"
          spellCheck={false}
          maxLength={128}
          value={username}
          disabled={busy}
          onChange={(event) => setUsername(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-password`}>Password</label>
        <input ref={passwordRef} id={`${ids}-password`} type="password" autoComplete="current-password" maxLength={256} disabled={busy} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in to approve'}
        </button>
      </div>
    </form>
  );
}
