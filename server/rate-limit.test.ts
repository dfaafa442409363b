import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './rate-limit.ts';

describe('token buckets', () => {
  it('allows a burst, then refills at the sustained rate, per key', () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 2, perSecond: 4 }, () => now);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([true, true, false]);
    expect(buckets.take('b')).toBe(true);
    expect(buckets.retryAfter('a')).toBe(1);
    now += 250;
    expect([buckets.take('a'), buckets.take('a')]).toEqual([true, false]);
    now += 10_000;
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([true, true, false]);
  });
});
