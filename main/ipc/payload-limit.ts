/**
 * The overall size and shape limit of an IPC payload, checked before zod sees it.
 *
 * Why a bounded walk, and not JSON.stringify or v8.serialize: both cost as much as the whole payload (a
 * 500 MB string is copied before anything is measured), JSON.stringify throws on BigInt and cycles, and turns a
 * typed array into an object with one key per byte. The walk charges each value to a budget and stops the
 * moment the budget is spent, so measuring costs at most the limit, whatever arrives. It also refuses every
 * type a contract payload never holds (typed arrays, Maps, Dates, class instances), which Electron's
 * structured clone would otherwise deliver to zod as objects with a million keys. One cost is not bounded by
 * the limit: JavaScript lists all of an object's keys before the first one is seen, so an object with 100,000
 * keys takes about 45 ms to refuse here. Only Electron IPC can deliver one (bridge frames hold 64 KiB), and
 * Electron has already spent longer than that deserialising it.
 */
import { MAX_IPC_PAYLOAD } from '../../contract/bounds.js';

export interface PayloadLimits {
  /** Budget in units (a character of a string or key, or a few per value); about a byte of JSON each. */
  maxUnits: number;
  maxDepth: number;
  /** Keys of one object, or items of one array. */
  maxEntries: number;
}

export const payloadLimits: PayloadLimits = { maxUnits: MAX_IPC_PAYLOAD, maxDepth: 8, maxEntries: 64 };

export type PayloadRefusal = 'too_large' | 'too_deep' | 'too_many_entries' | 'unsupported_type';
export type PayloadCheck = { ok: true; units: number } | { ok: false; refusal: PayloadRefusal };

/** What the operator (or a developer) reads when a payload is refused; names no input. */
export const payloadRefusalMessages: Record<PayloadRefusal, string> = {
  too_large: `request: is too large (${MAX_IPC_PAYLOAD / 1024} KiB at most)`,
  too_deep: 'request: is nested too deeply',
  too_many_entries: `request: has too many fields or items (${payloadLimits.maxEntries} at most in one place)`,
  unsupported_type: 'request: contains a kind of value the app does not accept',
};

/**
 * A plain object: its prototype chain holds no class (nothing with its own `constructor`). Typed arrays,
 * Maps, Dates and class instances are refused; an object literal with a `__proto__` key is not.
 */
const isPlainObject = (value: object): boolean => {
  let proto = Object.getPrototypeOf(value) as object | null;
  for (let hops = 0; proto !== null && proto !== Object.prototype; hops += 1) {
    if (hops >= 4 || Object.hasOwn(proto, 'constructor')) return false;
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return true;
};

/** Measures `payload` against the limits; never throws and never costs more than `maxUnits` steps. */
export function checkPayload(payload: unknown, limits: PayloadLimits = payloadLimits): PayloadCheck {
  let units = 0;
  const stack: { value: unknown; depth: number }[] = [{ value: payload, depth: 0 }];
  try {
    while (stack.length > 0) {
      const { value, depth } = stack.pop()!;
      units += 4;
      if (typeof value === 'string') units += value.length;
      else if (typeof value === 'object' && value !== null) {
        if (depth >= limits.maxDepth) return { ok: false, refusal: 'too_deep' };
        if (Array.isArray(value)) {
          // Why length first: a sparse array can claim four billion items and hold none.
          if (value.length > limits.maxEntries) return { ok: false, refusal: 'too_many_entries' };
          for (const item of value) stack.push({ value: item, depth: depth + 1 });
        } else {
          if (!isPlainObject(value)) return { ok: false, refusal: 'unsupported_type' };
          let entries = 0;
          for (const key in value) {
            if (!Object.hasOwn(value, key)) continue;
            entries += 1;
            if (entries > limits.maxEntries) return { ok: false, refusal: 'too_many_entries' };
            units += key.length + 2;
            if (units > limits.maxUnits) return { ok: false, refusal: 'too_large' };
            stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
          }
        }
      } else if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function') {
        return { ok: false, refusal: 'unsupported_type' };
      }
      if (units > limits.maxUnits) return { ok: false, refusal: 'too_large' };
    }
  } catch {
    // A getter or proxy that throws: never part of a contract payload.
    return { ok: false, refusal: 'unsupported_type' };
  }
  return { ok: true, units };
}
