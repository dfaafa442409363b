import { describe, expect, it } from 'vitest';
import { SEED_CALENDAR } from '../catalog/calendar.ts';
import type { Matter } from '../catalog/schema.ts';
import { deadlineMark, type CaseClock } from './clock.ts';
import { clock, received, accepted, special, dispatched, signedFor, type Row } from './clock-test-support.ts';

// Labour disputes (劳动争议调解仲裁法) count calendar days: the start day is not
// counted, a last day off moves to the next working day, make-up Saturdays work.
describe('caseClock: limits in calendar days (labour disputes)', () => {
  const arbitration: Partial<Matter['limits']> = {
    statutoryDays: 45,
    unit: 'calendar_days',
    acceptanceDecisionDays: 5,
    extension: { count: 15, times: 1 },
  };
  const mediation: Partial<Matter['limits']> = { statutoryDays: 15, unit: 'calendar_days', startsFrom: 'receipt' };
  const extended = (day: string, count: number): Row => ['case.deadline_extended', day, { count, reason: 'r' }];

  it.each<[string, Partial<Matter['limits']>, Row[], string, Partial<CaseClock>, { clockExcludesMail?: boolean }?]>([
    [
      'art. 43: an award due 45 days after acceptance on 07-01 falls on Saturday 08-15, so Monday 08-17',
      arbitration,
      [received('2026-06-29'), accepted('2026-07-01')],
      '2026-07-01',
      { state: 'running', unit: 'calendar_days', statutory: { date: '2026-08-17', remainingDays: 47 } },
    ],
    [
      'art. 43 across National Day 2026: 45 days from 08-20 end on 10-04, a holiday, so 10-08',
      arbitration,
      [received('2026-08-20'), accepted('2026-08-20')],
      '2026-10-02',
      { statutory: { date: '2026-10-08', remainingDays: 6 }, mark: 'none' },
    ],
    [
      'art. 43 once extended by 15 days: 60 days from 07-01 is Sunday 08-30, so Monday 08-31',
      arbitration,
      [received('2026-06-29'), accepted('2026-07-01'), extended('2026-08-10', 15)],
      '2026-08-14',
      { statutory: { date: '2026-08-31', remainingDays: 17 }, extendedBy: 15, mark: 'none' },
    ],
    [
      'art. 29: acceptance decided within 5 days of receipt; from Friday 09-25 (a day off) that is 09-30',
      arbitration,
      [received('2026-09-25')],
      '2026-09-28',
      { state: 'not_started', acceptanceDecision: { date: '2026-09-30', remainingDays: 2 }, mark: 'yellow' },
    ],
    [
      'art. 29: 5 days from 09-28 end on National Day 10-03, so the next working day 10-08',
      arbitration,
      [received('2026-09-28')],
      '2026-10-09',
      { acceptanceDecision: { date: '2026-10-08', remainingDays: -1 }, mark: 'red' },
    ],
    [
      'art. 29: the committee receives the paper application when it signs for the originals (mail excluded)',
      arbitration,
      [
        received('2026-09-21'),
        dispatched('2026-09-21'),
        signedFor('2026-09-23', 'electronic'),
        signedFor('2026-09-25', 'originals'),
      ],
      '2026-09-28',
      // 5 days from Friday 09-25 end on Wednesday 09-30.
      { acceptanceDecision: { date: '2026-09-30', remainingDays: 2 }, mark: 'yellow' },
      { clockExcludesMail: true },
    ],
    [
      'art. 29: where mail is not excluded, the first signing for is the receipt',
      arbitration,
      [received('2026-09-21'), signedFor('2026-09-23', 'electronic')],
      '2026-09-23',
      { acceptanceDecision: { date: '2026-09-28', remainingDays: 5 } },
      { clockExcludesMail: false },
    ],
    [
      'art. 29: while corrections are asked for, the decision waits for them',
      arbitration,
      [received('2026-09-21'), ['case.correction_requested', '2026-09-22']],
      '2026-10-09',
      { acceptanceDecision: null, mark: 'none' },
    ],
    [
      'art. 29: corrections supplied on Friday 10-09 give the committee 5 days again, to Wednesday 10-14',
      arbitration,
      [received('2026-09-21'), ['case.correction_requested', '2026-09-22'], ['case.correction_supplied', '2026-10-09']],
      '2026-10-12',
      { acceptanceDecision: { date: '2026-10-14', remainingDays: 2 }, mark: 'yellow' },
    ],
    [
      'art. 29: the acceptance limit is no longer read once accepted',
      arbitration,
      [received('2026-09-28'), accepted('2026-09-29')],
      '2026-10-09',
      { acceptanceDecision: null },
    ],
    [
      'art. 14: mediation runs from receipt, 15 days from 09-18 end on National Day 10-03, so 10-08',
      mediation,
      [received('2026-09-18')],
      '2026-09-18',
      { state: 'running', startDay: '2026-09-18', statutory: { date: '2026-10-08', remainingDays: 20 } },
    ],
    [
      'art. 14: 15 days from Friday 07-31 end on Saturday 08-15, so Monday 08-17',
      mediation,
      [received('2026-07-31')],
      '2026-08-16',
      { statutory: { date: '2026-08-17', remainingDays: 1 }, mark: 'yellow' },
    ],
    [
      'a make-up working day is a working day: 15 days from 09-25 end on Saturday 10-10, worked',
      mediation,
      [received('2026-09-25')],
      '2026-10-10',
      { statutory: { date: '2026-10-10', remainingDays: 0 }, mark: 'yellow' },
    ],
    [
      'a pause in calendar days moves the deadline by the calendar days paused',
      arbitration,
      [received('2026-07-01'), accepted('2026-07-01'), ...special('2026-07-06', '2026-07-10')],
      '2026-07-20',
      // 07-07..07-10 paused: 45 + 4 days from 07-01, Wednesday 08-19.
      { statutory: { date: '2026-08-19', remainingDays: 30 }, pausedDays: 4 },
    ],
  ])('%s', (_label, limits, rows, today, expected, options = {}) => {
    expect(clock(limits, rows, today, options)).toMatchObject({ provisional: false, ...expected });
  });

  it('a limit in months runs to the same day of the month, or its last day', () => {
    const months: Partial<Matter['limits']> = { statutoryDays: 1, unit: 'months' };
    expect(clock(months, [received('2026-01-30'), accepted('2026-01-31')], '2026-02-01')).toMatchObject({
      // 02-28 is a make-up Saturday: a working day.
      statutory: { date: '2026-02-28', remainingDays: 27 },
      unit: 'calendar_days',
    });
    expect(clock(months, [received('2026-07-14'), accepted('2026-07-15')], '2026-07-15')).toMatchObject({
      // 08-15 is a Saturday.
      statutory: { date: '2026-08-17', remainingDays: 33 },
    });
  });

  it('flags a calendar-day deadline whose last day lies in a year with no calendar', () => {
    expect(clock(arbitration, [received('2026-12-01'), accepted('2026-12-01')], '2026-12-01')).toMatchObject({
      statutory: { date: '2027-01-15' },
      provisional: true,
    });
  });
});
describe('deadlineMark in calendar days', () => {
  it.each([
    ['2026-10-08', '2026-10-05', 'yellow'],
    ['2026-10-08', '2026-10-04', 'none'],
    ['2026-10-08', '2026-10-09', 'red'],
  ])('deadline %s read on %s: %s', (date, today, mark) => {
    expect(deadlineMark(date, today, SEED_CALENDAR, 'calendar_days')).toBe(mark);
  });
});
