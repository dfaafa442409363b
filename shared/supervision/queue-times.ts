// Waiting and serving times at the window, from the queue ticket's times:
// waiting from the ticket taken to the intake started (the clerk called the
// number), serving from the intake started to the case submitted. Each is
// known only where both its ends are; the statistics count those cases only.
import { z } from 'zod';

export const queueTimesSchema = z.object({
  // 排队号, as kept with the case; null: none was recorded.
  queueTicket: z.string().nullable(),
  waitingMinutes: z.number().nullable(),
  servingMinutes: z.number().nullable(),
});
export type QueueTimes = z.infer<typeof queueTimesSchema>;

const durationSummary = z.object({
  // How many cases had both ends of this time.
  count: z.number().int(),
  averageMinutes: z.number().nullable(),
  // 90th percentile, nearest rank: nine cases in ten took this long or less.
  p90Minutes: z.number().nullable(),
});
export const queueStatsSchema = z.object({ waiting: durationSummary, serving: durationSummary });
export type QueueStats = z.infer<typeof queueStatsSchema>;

const MINUTE_MS = 60_000;

function minutesBetween(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  const minutes = (Date.parse(to) - Date.parse(from)) / MINUTE_MS;
  return Number.isFinite(minutes) && minutes >= 0 ? minutes : null;
}

/** One case's times; `submittedAt` is when the case was received (submitted at the window). */
export function queueTimesOf(c: {
  queueTicket: string | null;
  ticketTakenAt: string | null;
  intakeStartedAt: string | null;
  submittedAt: string;
}): QueueTimes {
  return {
    queueTicket: c.queueTicket,
    waitingMinutes: minutesBetween(c.ticketTakenAt, c.intakeStartedAt),
    servingMinutes: minutesBetween(c.intakeStartedAt, c.submittedAt),
  };
}

function summarise(values: readonly number[]): QueueStats['waiting'] {
  if (values.length === 0) return { count: 0, averageMinutes: null, p90Minutes: null };
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    averageMinutes: sorted.reduce((sum, v) => sum + v, 0) / sorted.length,
    p90Minutes: sorted[Math.ceil(0.9 * sorted.length) - 1]!,
  };
}

export function queueStatistics(times: readonly QueueTimes[]): QueueStats {
  const known = (pick: (t: QueueTimes) => number | null): number[] =>
    times.map(pick).filter((v): v is number => v !== null);
  return {
    waiting: summarise(known((t) => t.waitingMinutes)),
    serving: summarise(known((t) => t.servingMinutes)),
  };
}
