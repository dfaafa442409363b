// The per-key rate limit as an answer: 429 with Retry-After once the key's
// bucket is empty (a device id, or an address before enrollment).
import type { TokenBuckets } from '../rate-limit.ts';
import { HttpError } from './errors.ts';

export function throttle(buckets: TokenBuckets, key: string): void {
  if (!buckets.take(key)) {
    throw new HttpError(429, 'rate_limited', 'Too many requests; slow down.', {
      'retry-after': String(buckets.retryAfter(key)),
    });
  }
}
