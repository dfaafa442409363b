// A token bucket per key (a device id, or an address before enrollment):
// bursts up to `capacity`, then `perSecond` sustained. In memory: a restart
// refills every bucket, which is harmless.
export interface RateLimit {
  capacity: number;
  perSecond: number;
}

export class TokenBuckets {
  private readonly limit: RateLimit;
  private readonly now: () => number;
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(limit: RateLimit, now: () => number = Date.now) {
    this.limit = limit;
    this.now = now;
  }

  /** Takes one token; false when the bucket is empty. */
  take(key: string): boolean {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.capacity, at: now };
    bucket.tokens = Math.min(this.limit.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond);
    bucket.at = now;
    if (this.buckets.size > 10_000) this.forgetFull(now);
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Whether a token is there, without taking it. */
  has(key: string): boolean {
    const bucket = this.buckets.get(key);
    if (!bucket) return true;
    return bucket.tokens + ((this.now() - bucket.at) / 1000) * this.limit.perSecond >= 1;
  }

  /** Seconds until a token is back, for Retry-After. */
  retryAfter(key: string): number {
    const tokens = this.buckets.get(key)?.tokens ?? this.limit.capacity;
    return Math.max(1, Math.ceil((1 - tokens) / this.limit.perSecond));
  }

  /** A bucket that has refilled is the same as no bucket: drop those so the map stays small. */
  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond >= this.limit.capacity) {
        this.buckets.delete(key);
      }
    }
  }
}
