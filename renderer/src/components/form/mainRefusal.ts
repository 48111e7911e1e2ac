/** Telling main's refusal of a request where it belongs: at the field it names, else for the form as a whole. */
import { splitFieldMessage, withoutFieldPath } from './messages';
import type { FieldErrors, FieldMessages } from './useFieldErrors';

/**
 * Shows main's `message` at the field it names ("subject: …", one of `fields`, said with the field's label),
 * or, naming none of them, as the form's failure, never with an internal field name.
 */
export function showMainRefusal<K extends string>(form: FieldErrors<K>, message: string, fields: readonly K[], labelOf: (key: K) => string): void {
  const named = splitFieldMessage(message);
  const field = named && (fields as readonly string[]).includes(named.field) ? (named.field as K) : null;
  if (field && named) form.show({ [field]: `${labelOf(field)} ${named.message}.` } as FieldMessages<K>, fields);
  else form.fail(withoutFieldPath(message));
}
