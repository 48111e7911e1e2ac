/** The overall IPC payload limit: a walk that never costs more than the limit, whatever it is handed. */
import { describe, expect, it } from 'vitest';
import { checkPayload, payloadLimits } from '../../../main/ipc/payload-limit.js';
import { fastestCpuMs } from '../../helpers/timing.js';

const MiB = 1024 * 1024;

describe('checkPayload', () => {
  it('accepts contract-shaped payloads and reports their size', () => {
    const check = checkPayload({ kind: 'entra', displayName: 'Contoso', settings: { tenant: 'contoso.com', pollIntervalMs: 5000 } });
    expect(check).toMatchObject({ ok: true });
    expect(check.ok && check.units).toBeGreaterThan(40);
    expect(checkPayload(undefined)).toMatchObject({ ok: true });
    expect(checkPayload({ secret: 's'.repeat(16_384) })).toMatchObject({ ok: true });
  });

  it('measures a 100 MiB string, a 10-million-item array and a sparse array of length 2^32-1 in a few milliseconds', async () => {
    const sparse: unknown[] = [];
    sparse[2 ** 32 - 2] = 1;
    for (const [payload, refusal] of [
      [{ s: 'x'.repeat(100 * MiB) }, 'too_large'],
      [new Array(10_000_000).fill(0), 'too_many_entries'],
      [sparse, 'too_many_entries'],
    ] as const) {
      expect(checkPayload(payload)).toEqual({ ok: false, refusal });
      expect(await fastestCpuMs(() => checkPayload(payload))).toBeLessThan(5);
    }
  });

  it('refuses what structured clone can carry but a contract payload never holds', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const throwing = Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw new Error('boom'); } });
    class Custom {
      x = 1;
    }
    expect(checkPayload(cyclic)).toMatchObject({ ok: false });
    expect(checkPayload(throwing)).toEqual({ ok: false, refusal: 'unsupported_type' });
    for (const value of [new Uint8Array(4), new ArrayBuffer(4), new Map(), new Set(), new Date(), /x/, new Custom(), 10n, Symbol('s'), () => 1]) {
      expect(checkPayload({ value }), String(value)).toEqual({ ok: false, refusal: 'unsupported_type' });
    }
  });

  it('limits depth and entries per object', () => {
    let deep: unknown = 1;
    for (let i = 0; i < payloadLimits.maxDepth + 1; i += 1) deep = { d: deep };
    expect(checkPayload(deep)).toEqual({ ok: false, refusal: 'too_deep' });
    const wide = Object.fromEntries(Array.from({ length: payloadLimits.maxEntries + 1 }, (_, i) => [`k${i}`, i]));
    expect(checkPayload(wide)).toEqual({ ok: false, refusal: 'too_many_entries' });
  });

  it('a null-prototype object and a literal with __proto__ are plain data', () => {
    expect(checkPayload(Object.assign(Object.create(null) as object, { a: 1 }))).toMatchObject({ ok: true });
    expect(checkPayload({ __proto__: { polluted: true }, a: 1 })).toMatchObject({ ok: true });
  });
});
