/** Small schema builders the policy sections share: bounded whole numbers and names, with plain messages. */
import { z } from 'zod';
import { boundedArray, boundedString } from '../bounds.js';

/** A whole number from `min` to `max`; `unit` names what it counts in the messages ("seconds", "days"). */
export function wholeNumber(min: number, max: number, unit: string) {
  return z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min} ${unit}`)
    .max(max, `must be at most ${max} ${unit}`);
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
  return boundedArray(label(length), max).refine(
    (items) => new Set(items.map((item) => item.toLowerCase())).size === items.length,
    'must not name the same item twice',
  );
}

export const assuranceLevels = ['low', 'medium', 'high'] as const;
export type AssuranceLevel = (typeof assuranceLevels)[number];
export const assuranceLevel = z.enum(assuranceLevels, 'must be low, medium or high');
