import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../shared/case/events.ts';
import { sameCanonicalJson } from './events.ts';

const values: unknown[] = [
  null,
  undefined,
  0,
  -0,
  1.5,
  'a',
  '',
  true,
  false,
  [],
  {},
  [1, 2],
  [2, 1],
  [undefined],
  [null],
  { a: 1 },
  { a: 1, b: undefined },
  { a: '1' },
  { b: 1, a: 2 },
  { a: 2, b: 1 },
  { a: { b: [1, { c: null }] } },
  { a: { b: [1, { c: undefined }] } },
  { a: { b: [1, {}] } },
  { a: [] },
  { a: {} },
  JSON.parse('{"__proto__": 1}'),
  { 0: 'x' },
  ['x'],
];

describe('sameCanonicalJson', () => {
  it('agrees with comparing canonicalJson strings', () => {
    for (const a of values) {
      for (const b of values) {
        expect(sameCanonicalJson(a, b), `${canonicalJson(a)} vs ${canonicalJson(b)}`).toBe(
          canonicalJson(a) === canonicalJson(b),
        );
      }
    }
  });
});
