/** Who to verify and why: profile, target account, methods, mode, reason and ticket, then Send. */
import { useId, type RefObject } from 'react';
import { contractFor } from '../../../../contract/providers/index';
import { useShallow } from 'zustand/react/shallow';
import { screenHref } from '../../stores/nav';
import { selectSelectedProfile, useProfiles, verifiesCallers } from '../../stores/profiles';
import {
  selectBusy,
  selectCheckedMethods,
  selectEffectiveMode,
  selectMethodsError,
  selectMethodsLoading,
  selectModeAvailability,
  useVerification,
} from '../../stores/verification';
import { REASON_MIN, sendBlocker } from '../../lib/verifyRules';
import { Notice } from '../Notice';
import { MethodList } from './MethodList';

export function VerifyForm({ subjectInputRef }: { subjectInputRef: RefObject<HTMLInputElement | null> }) {
  const ids = useId();
  const allProfiles = useProfiles((s) => s.profiles);
  // Step-up-only profiles (finance approvals) cannot verify a caller, so they are not offered here.
  const profiles = allProfiles.filter(verifiesCallers);
  const profilesLoaded = useProfiles((s) => s.loaded);
  const profilesError = useProfiles((s) => s.error);
  const selected = useProfiles(selectSelectedProfile);
  const selectProfile = useProfiles((s) => s.select);
  const profileId = selected?.id ?? null;
  const capabilities = selected?.capabilities ?? null;
  const subjectSpec = selected ? contractFor(selected.kind).subject(selected.settings as never) : null;

  const form = useVerification((s) => s.form);
  const setField = useVerification((s) => s.setField);
  const busy = useVerification(selectBusy);
  const sending = useVerification((s) => s.sending);
  const startError = useVerification((s) => s.startError);
  const methods = useVerification(selectCheckedMethods(profileId));
  const methodsLoading = useVerification(selectMethodsLoading(profileId));
  const methodsError = useVerification(selectMethodsError(profileId));
  const available = useVerification(useShallow(selectModeAvailability(profileId, capabilities)));
  const mode = useVerification(selectEffectiveMode(profileId, capabilities));
  const checkMethods = useVerification((s) => s.checkMethods);
  const start = useVerification((s) => s.start);

  const blocker = sendBlocker(form, profileId !== null, available);
  const canCheck = profileId !== null && capabilities?.methods === true && form.subject.trim() !== '' && !busy && !methodsLoading;

  return (
    <form
      className="card verify-form"
      aria-labelledby={`${ids}-title`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!blocker && !busy) void start(profileId, capabilities);
      }}
    >
      <h2 id={`${ids}-title`} className="card-title">
        Caller
      </h2>

      <div className="field">
        <label htmlFor={`${ids}-profile`}>Profile</label>
        {profiles.length > 0 ? (
          <select
            id={`${ids}-profile`}
            value={profileId ?? ''}
            disabled={busy}
            onChange={(event) => selectProfile(event.target.value)}
          >
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.sandbox && !/sandbox/i.test(p.displayName) ? `${p.displayName} (Sandbox)` : p.displayName}
              </option>
            ))}
          </select>
        ) : (
          <p className="field-note">
            {profilesError ??
              (profilesLoaded ? 'No profiles yet. ' : 'Loading profiles…')}
            {profilesLoaded && !profilesError ? <a href={screenHref('settings')}>Add one in Settings.</a> : null}
          </p>
        )}
      </div>

      <div className="field">
        <label htmlFor={`${ids}-subject`}>Target account{subjectSpec ? ` — ${subjectSpec.label}` : ''}</label>
        <div className="field-row">
          <input
            ref={subjectInputRef}
            id={`${ids}-subject`}
            type="text"
            autoComplete="off"
            spellCheck={false}
            placeholder={subjectSpec?.placeholder}
            aria-required="true"
            aria-describedby={subjectSpec ? `${ids}-subject-hint` : undefined}
            value={form.subject}
            disabled={busy}
            onChange={(event) => setField('subject', event.target.value)}
          />
          {capabilities?.methods ? (
            <button
              type="button"
              className="button"
              disabled={!canCheck}
              onClick={() => profileId && void checkMethods(profileId)}
            >
              {methodsLoading ? 'Checking…' : 'Check methods'}
            </button>
          ) : null}
        </div>
        {subjectSpec ? (
          <p id={`${ids}-subject-hint`} className="field-hint">
            {subjectSpec.hint}
          </p>
        ) : null}
      </div>

      {methods ? <MethodList subject={methods.subject} methods={methods.methods} /> : null}
      {methodsError ? <Notice tone="error" title="Could not read the registered methods">{methodsError}</Notice> : null}

      {capabilities && capabilities.push && capabilities.code ? (
        <fieldset className="field mode-choice" disabled={busy}>
          <legend>Verification mode</legend>
          <label className={available.push ? 'radio' : 'radio radio-unavailable'}>
            <input
              type="radio"
              name={`${ids}-mode`}
              value="push"
              checked={mode === 'push'}
              disabled={!available.push}
              onChange={() => setField('mode', 'push')}
            />
            <span>
              <span className="radio-title">Push</span>
              <span className="radio-hint">
                {available.push
                  ? 'The caller approves a notification in their authenticator app.'
                  : 'Not available: the account has no push method.'}
              </span>
            </span>
          </label>
          <label className={available.otp ? 'radio' : 'radio radio-unavailable'}>
            <input
              type="radio"
              name={`${ids}-mode`}
              value="otp"
              checked={mode === 'otp'}
              disabled={!available.otp}
              onChange={() => setField('mode', 'otp')}
            />
            <span>
              <span className="radio-title">Code read-back</span>
              <span className="radio-hint">
                {available.otp
                  ? 'The caller reads you a code from their authenticator app or a text message; you type it in.'
                  : 'Not available: the account has no code method (authenticator code or text message).'}
              </span>
            </span>
          </label>
        </fieldset>
      ) : null}

      <div className="field">
        <label htmlFor={`${ids}-reason`}>Reason</label>
        <textarea
          id={`${ids}-reason`}
          rows={3}
          maxLength={500}
          aria-required="true"
          aria-describedby={`${ids}-reason-hint`}
          value={form.reason}
          disabled={busy}
          onChange={(event) => setField('reason', event.target.value)}
        />
        <p id={`${ids}-reason-hint`} className="field-hint">
          Why the caller needs this (at least {REASON_MIN} characters). It is recorded in the audit log.
        </p>
      </div>

      <div className="field">
        <label htmlFor={`${ids}-ticket`}>Ticket reference</label>
        <input
          id={`${ids}-ticket`}
          type="text"
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          aria-required="true"
          placeholder="INC0012345"
          value={form.ticket}
          disabled={busy}
          onChange={(event) => setField('ticket', event.target.value)}
        />
      </div>

      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={blocker !== null || busy}
          aria-describedby={blocker ? `${ids}-blocker` : undefined}
        >
          {sending ? 'Sending…' : mode === 'push' ? 'Send push' : 'Send code'}
        </button>
        {blocker && !busy ? (
          <p id={`${ids}-blocker`} className="field-hint send-blocker">
            {blocker}
          </p>
        ) : null}
      </div>

      {startError ? <Notice tone="error" title="The verification was not sent">{startError}</Notice> : null}
    </form>
  );
}
