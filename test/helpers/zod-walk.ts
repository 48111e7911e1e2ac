/**
 * Walks a zod 4 schema and reports every string or array that is not size-limited first (a `max_length`
 * check with `abort`, ahead of any other check), so costlier checks never see oversized input.
 */
import type { z } from 'zod';

interface Def {
  type: string;
  checks?: { _zod: { def: { check: string; abort?: boolean } } }[];
  [key: string]: unknown;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** Paths (e.g. `settings.tenant`) of strings and arrays whose first check is not an aborting size limit. */
export function unboundedParts(schema: z.ZodType, path = '(root)', seen = new Set<unknown>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  const first = def.checks?.[0]?._zod.def;
  const limited = first?.check === 'max_length' && first.abort === true;
  const child = (value: unknown, name: string): string[] => unboundedParts(value as z.ZodType, name, seen);
  switch (def.type) {
    case 'string':
      return limited ? [] : [path];
    case 'array':
      return [...(limited ? [] : [path]), ...child(def.element, `${path}[]`)];
    case 'object':
      return Object.entries(def.shape as Record<string, unknown>).flatMap(([key, value]) => child(value, `${path}.${key}`));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return child(def.innerType, path);
    case 'union':
      return (def.options as unknown[]).flatMap((option, index) => child(option, `${path}|${index}`));
    case 'pipe':
      return [...child(def.in, path), ...child(def.out, path)];
    case 'record':
    case 'map':
    case 'set':
    case 'lazy':
    case 'tuple':
    case 'intersection':
      return [`${path} (${def.type}: not expected in a contract)`];
    default:
      return [];
  }
}
