/**
 * The one form-error pattern of the app. A form checks its fields before sending and hands the messages to
 * show(): each invalid control is marked (aria-invalid), linked to its message (aria-describedby), focus
 * moves to the first one, and the form's status line by the submit button says what stopped it. Failures
 * that belong to no field go to fail(), which shows them by the submit button and moves focus there.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';

/** Field key → a message written for people (a whole sentence naming the field as the agent sees it). */
export type FieldMessages<K extends string> = Partial<Record<K, string>>;

export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

export interface FieldErrors<K extends string> {
  errors: FieldMessages<K>;
  /** What stopped the form, in one sentence (announced), or null. */
  summary: string | null;
  /** A failure that belongs to no field, or null. */
  failure: string | null;
  ids: {
    control(key: K): string;
    hint(key: K): string;
    error(key: K): string;
    summary: string;
    failure: string;
  };
  /** id, aria-invalid and aria-describedby for the control of `key` (`hint`: the field shows a hint). */
  control(key: K, hint?: boolean): ControlProps;
  /** Shows `errors` (checked in `order`), focuses the first invalid field; false when there are none. */
  show(errors: FieldMessages<K>, order: readonly K[]): boolean;
  /** Shows a failure that belongs to no field and moves focus to it. */
  fail(message: string): void;
  /** Clears one field's message (the agent is fixing it). */
  clear(key: K): void;
  reset(): void;
}

/** Lists field names the way a sentence does: "Reason", "Reason and Ticket", "A, B and C". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** The form's status line for these invalid fields, named by their labels; `stopped` says what did not happen. */
export function summaryFor(labels: readonly string[], stopped = 'Not sent'): string {
  return labels.length === 1
    ? `${stopped}: ${labels[0]} needs attention.`
    : `${stopped}: ${labels.length} fields need attention — ${listWords(labels)}.`;
}

/**
 * Form errors for the fields `K`; `labelOf` names a field as its label does, `stopped` what did not happen
 * (both for the status line, e.g. "Not saved: Tenant needs attention.").
 */
export function useFieldErrors<K extends string>(labelOf: (key: K) => string, stopped = 'Not sent'): FieldErrors<K> {
  const base = useId();
  const [errors, setErrors] = useState<FieldMessages<K>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // Focus moves after the render that shows the messages (a field may only now be enabled or shown).
  const [focusRequest, setFocusRequest] = useState<{ id: string; n: number } | null>(null);
  const labelRef = useRef(labelOf);
  labelRef.current = labelOf;

  const ids = useMemo(
    () => ({
      control: (key: K) => `${base}-${key}`,
      hint: (key: K) => `${base}-${key}-hint`,
      error: (key: K) => `${base}-${key}-error`,
      summary: `${base}-summary`,
      failure: `${base}-failure`,
    }),
    [base],
  );

  useEffect(() => {
    if (focusRequest) document.getElementById(focusRequest.id)?.focus();
  }, [focusRequest]);

  const control = useCallback(
    (key: K, hint = false): ControlProps => ({
      id: ids.control(key),
      'aria-invalid': errors[key] ? true : undefined,
      'aria-describedby': [errors[key] ? ids.error(key) : '', hint ? ids.hint(key) : ''].filter(Boolean).join(' ') || undefined,
    }),
    [errors, ids],
  );

  const show = useCallback(
    (next: FieldMessages<K>, order: readonly K[]): boolean => {
      const invalid = order.filter((key) => next[key]);
      setErrors(next);
      setFailure(null);
      if (invalid.length === 0) {
        setSummary(null);
        return false;
      }
      setSummary(summaryFor(invalid.map((key) => labelRef.current(key)), stopped));
      setFocusRequest((r) => ({ id: ids.control(invalid[0]!), n: (r?.n ?? 0) + 1 }));
      return true;
    },
    [ids, stopped],
  );

  const fail = useCallback(
    (message: string) => {
      setSummary(null);
      setFailure(message);
      setFocusRequest((r) => ({ id: ids.failure, n: (r?.n ?? 0) + 1 }));
    },
    [ids],
  );

  const clear = useCallback((key: K) => {
    setErrors((e) => {
      if (!e[key]) return e;
      const copy = { ...e };
      delete copy[key];
      if (Object.values(copy).every((m) => !m)) setSummary(null);
      return copy;
    });
    setFailure(null);
  }, []);

  const reset = useCallback(() => {
    setErrors({});
    setSummary(null);
    setFailure(null);
  }, []);

  return { errors, summary, failure, ids, control, show, fail, clear, reset };
}
