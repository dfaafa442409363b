import { describe, expect, it } from 'vitest';
import { queueStatistics, queueTimesOf } from './queue-times.ts';

const at = (minute: number): string => new Date(Date.UTC(2026, 11, 7, 1, minute)).toISOString();

describe('queue times', () => {
  it('waits from the ticket to the start, serves from the start to the submission', () => {
    expect(
      queueTimesOf({ queueTicket: 'A023', ticketTakenAt: at(0), intakeStartedAt: at(12), submittedAt: at(20) }),
    ).toEqual({ queueTicket: 'A023', waitingMinutes: 12, servingMinutes: 8 });
  });

  it('knows a time only where both its ends are', () => {
    expect(
      queueTimesOf({ queueTicket: 'A024', ticketTakenAt: null, intakeStartedAt: at(5), submittedAt: at(9) }),
    ).toEqual({ queueTicket: 'A024', waitingMinutes: null, servingMinutes: 4 });
    expect(queueTimesOf({ queueTicket: null, ticketTakenAt: null, intakeStartedAt: null, submittedAt: at(9) })).toEqual(
      { queueTicket: null, waitingMinutes: null, servingMinutes: null },
    );
  });

  it('averages and takes the nearest-rank 90th percentile over the known times', () => {
    const times = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 40].map((w) => ({
      queueTicket: 'A1',
      waitingMinutes: w,
      servingMinutes: null,
    }));
    const stats = queueStatistics(times);
    expect(stats.waiting).toEqual({ count: 11, averageMinutes: 95 / 11, p90Minutes: 10 });
    expect(stats.serving).toEqual({ count: 0, averageMinutes: null, p90Minutes: null });
  });
});
