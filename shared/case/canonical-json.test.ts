// canonicalJson is what every content hash is taken over, on devices and on
// the server: it must be JSON.stringify of the value with the keys of every
// object in sorted order (UTF-16 code units), undefined properties left out
// and undefined array items written as null — for any value JSON can carry.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './events.ts';

/** The rule spelt out: entries filtered and sorted with <, each part stringified and joined. */
function reference(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((key) => `${JSON.stringify(key)}:${reference(record[key])}`).join(',')}}`;
}

const KEYS = fc.oneof(fc.string(), fc.constantFrom('0', '10', '9', '__proto__', 'a', 'B', 'é', '😀', ''));
const VALUES = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.constant(undefined),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.string({ unit: 'binary' }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(KEYS, tie('value'), { maxKeys: 6 }),
  ),
})).value;

describe('canonicalJson', () => {
  it('is JSON with every object sorted by key, for any value', () => {
    fc.assert(
      fc.property(VALUES, (value) => {
        const text = canonicalJson(value);
        expect(text).toBe(reference(value));
        // And it is JSON that reads back as the value did through JSON.
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value ?? null)));
      }),
      { numRuns: 500 },
    );
  });

  it('orders integer-like keys as text, not as JavaScript enumerates them', () => {
    expect(canonicalJson({ b: 1, 10: 2, 9: 3, a: [undefined, { z: undefined, y: -0 }] })).toBe(
      '{"10":2,"9":3,"a":[null,{"y":0}],"b":1}',
    );
  });
});
