/**
 * The approver signs in with their own Auth0 account. The password is read from the field once, sent with
 * the sign-in call and cleared at once: it is never kept in a store, shown again or logged. Errors follow the
 * app's one form pattern.
 */
import { useRef } from 'react';
import type { ReleaseView } from '../../../../contract/approvals-view';
import { useApprovals } from '../../stores/approvals';
import { CheckedForm } from '../form/CheckedForm';
import { Field } from '../form/Field';
import { FormStatus, submitProps } from '../form/FormStatus';
import { sentence, splitFieldMessage, withoutFieldPath } from '../form/messages';
import { useFieldErrors } from '../form/useFieldErrors';

type Key = 'username' | 'password';
const LABELS: Record<Key, string> = { username: 'Your Auth0 user name', password: 'Password' };
const ORDER: readonly Key[] = ['username', 'password'];

export function SignInForm({ release }: { release: ReleaseView }) {
  const username = useApprovals((s) => s.approver);
  const setUsername = useApprovals((s) => s.setApprover);
  const passwordRef = useRef<HTMLInputElement>(null);
  const busy = useApprovals((s) => s.busy);
  const act = useApprovals((s) => s.act);
  const form = useFieldErrors<Key>((key) => LABELS[key], 'Not signed in');
  const next = release.approvals.length + 1;

  const submit = async (): Promise<void> => {
    const field = passwordRef.current;
    const password = field?.value ?? '';
    const missing: Partial<Record<Key, string>> = {};
    if (username.trim() === '') missing.username = 'Your Auth0 user name is required.';
    if (password === '') missing.password = 'Password is required.';
    if (form.show(missing, ORDER)) return;
    // Why clear before sending: the password must not stay in the page after the form.
    if (field) field.value = '';
    const refused = await act((mfa) => mfa.approvals.signIn({ releaseId: release.id, hash: release.hash, username: username.trim(), password }), true);
    if (!refused) return;
    const named = splitFieldMessage(refused);
    if (named?.field === 'username') form.show({ username: sentence(LABELS.username, named.message) }, ORDER);
    else form.fail(withoutFieldPath(refused));
  };

  return (
    <CheckedForm
      className="sign-in-form"
      aria-labelledby="sign-in-title"
      busy={busy}
      onSubmit={submit}
    >
      <h3 id="sign-in-title" className="section-title">
        Approver {next} of {release.requiredApprovers}: sign in
      </h3>
      <p className="field-hint">
        Check that the transaction code <strong>{release.shortHash}</strong> matches the one in your payment system, then sign in with your own
        account. Your approval covers exactly this release.
      </p>
      <Field form={form} name="username" label={LABELS.username}>
        {(props) => (
          <input
            {...props}
            type="text"
            autoComplete="username"
            spellCheck={false}
            maxLength={128}
            value={username}
            readOnly={busy}
            onChange={(event) => {
              setUsername(event.target.value);
              form.clear('username');
            }}
          />
        )}
      </Field>
      <Field form={form} name="password" label={LABELS.password}>
        {(props) => <input {...props} ref={passwordRef} type="password" autoComplete="current-password" maxLength={256} readOnly={busy} onChange={() => form.clear('password')} />}
      </Field>
      <div className="form-actions">
        <button {...submitProps(form, busy)} className="button button-primary">
          {busy ? 'Signing in…' : 'Sign in to approve'}
        </button>
        <FormStatus form={form} failureTitle="The sign-in did not start" />
      </div>
    </CheckedForm>
  );
}
