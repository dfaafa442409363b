// Timing a piece of work many times and summing it up: p50, p95, max and mean
// in milliseconds, rounded to the microsecond.

export interface Timing {
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/** The nearest-rank percentile of sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const describeTiming = (t: Timing): string => `p50 ${t.p50} ms, p95 ${t.p95} ms, max ${t.max} ms`;

export function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted.at(-1)!),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
}

/** Runs `work(i)` 20 times untimed, then `runs` times timed. */
export function measure(runs: number, work: (i: number) => void): Timing {
  const warmup = Math.min(20, runs);
  for (let i = 0; i < warmup; i++) work(runs + i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    work(i);
    samples.push(performance.now() - t);
  }
  return summarise(samples);
}

export const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Seconds since a performance.now() reading, to the millisecond. */
export const secondsSince = (since: number): number => round((performance.now() - since) / 1000);
