import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffMs } from './runner.ts';

describe('backoff', () => {
  it('doubles from the base, caps, and jitters by ±50 %', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, () => 0.5))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(30, () => 0.5)).toBe(BACKOFF_CAP_MS);
    expect(backoffMs(1, () => 0)).toBe(BACKOFF_BASE_MS / 2);
    expect(backoffMs(1, () => 0.999)).toBeLessThan(BACKOFF_BASE_MS * 1.5);
  });
});
