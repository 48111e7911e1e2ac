/** Small schema builders the policy sections share: bounded whole numbers and names, with plain messages. */
import { z } from 'zod';
import { boundedString } from '../bounds.js';

/** A list of at most `max` items; longer lists are refused before any item is looked at. */
export function list<T extends z.ZodType>(item: T, max: number) {
  return z.array(item, { error: 'must be a list' }).max(max, { message: `has too many items (${max} at most)`, abort: true });
}

/** A section of settings (an object in JSON, a dict in a property list). */
export const SECTION = { error: 'must be a group of settings' } as const;

/** A whole number from `min` to `max`; `unit` names what it counts in the messages ("seconds", "days"). */
export function wholeNumber(min: number, max: number, unit: string) {
  const of = (n: number): string => `${n} ${n === 1 ? unit.replace(/s$/, '') : unit}`;
  return z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${of(min)}`)
    .max(max, `must be at most ${of(max)}`);
}

/** A short piece of text shown to people (a reason, a profile name): trimmed, one line, never empty. */
export function label(max: number) {
  return boundedString(max)
    .trim()
    .min(1, 'must not be empty')
    .regex(/^[^\p{Cc}\p{Cf}]+$/u, 'must be one line of visible text');
}

/** A list of distinct short labels (compared case-insensitively). */
export function distinctLabels(max: number, length: number) {
  return list(label(length), max).refine(
    (items) => new Set(items.map((item) => item.toLowerCase())).size === items.length,
    'must not name the same item twice',
  );
}

export const assuranceLevels = ['low', 'medium', 'high'] as const;
export type AssuranceLevel = (typeof assuranceLevels)[number];
export const assuranceLevel = z.enum(assuranceLevels, 'must be low, medium or high');
