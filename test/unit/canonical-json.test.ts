import fc from 'fast-check';
import { canonicalJson } from '../../eventstore/hash-chain';

/**
 * Every stored event's hash is taken over its canonical JSON, so the canonical form may
 * never change: it must stay exactly `JSON.stringify` with object keys sorted at every
 * depth — here the plain (slower) way of writing that.
 */
const sortedStringify = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );

describe('canonicalJson', () => {
  it('is JSON.stringify with sorted keys for any JSON-like value', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withDate: true,
          withNullPrototype: true,
          withSparseArray: true,
          withBoxedValues: true,
          withMap: true,
          withSet: true,
          withObjectString: true,
          withTypedArray: false,
          withBigInt: false,
        }),
        (value) => {
          expect(canonicalJson(value)).toBe(sortedStringify(value));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('writes an event as before: keys sorted at every depth, array-index keys first in numeric order', () => {
    const event = {
      type: 'ApplicationSubmitted',
      data: { z: [3, { b: undefined, a: null }, undefined], é: 'ü', '10': 1, '9': 2 },
      at: new Date('2026-03-02T09:30:00Z'),
      skipped: undefined,
      f: () => 1,
      n: [Number.NaN, -0, Infinity],
    };
    expect(canonicalJson(event)).toBe(
      '{"at":"2026-03-02T09:30:00.000Z","data":{"9":2,"10":1,"z":[3,{"a":null},null],"é":"ü"},"n":[null,0,null],"type":"ApplicationSubmitted"}',
    );
  });
});
