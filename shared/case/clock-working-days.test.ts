// The clock in working days over the 2025 and 2026 calendars: deadlines, the
// marks they give, matters handled at once, and years without a calendar.
import { describe, expect, it } from 'vitest';
import { SEED_CALENDAR } from '../catalog/calendar.ts';
import type { Matter } from '../catalog/schema.ts';
import { deadlineMark, type CaseClock } from './clock.ts';
import { clock, received, accepted, type Row } from './clock-test-support.ts';

describe('caseClock: deadlines across the 2025 and 2026 calendars', () => {
  it.each<[string, Partial<Matter['limits']>, Row[], string, Partial<CaseClock>]>([
    [
      'before acceptance, estimated from the intake day as the receipt gave them (National Day 2025)',
      { promisedDays: 5, statutoryDays: 20 },
      [received('2025-09-26')],
      '2025-09-26',
      {
        state: 'not_started',
        startDay: '2025-09-26',
        // 09-28 Sun make-up, 09-29, 09-30, then 10-09, 10-10.
        promised: { date: '2025-10-10', remainingDays: 5 },
        statutory: { date: '2025-10-30', remainingDays: 20 },
        mark: 'none',
      },
    ],
    [
      'counts from the acceptance day, not the intake day, once accepted',
      { promisedDays: 5 },
      [received('2025-09-26'), accepted('2025-09-30')],
      '2025-09-30',
      { state: 'running', startDay: '2025-09-30', promised: { date: '2025-10-14', remainingDays: 5 } },
    ],
    [
      'counts the make-up Saturday 2025-10-11 as a working day',
      { promisedDays: 5 },
      [received('2025-09-26'), accepted('2025-09-30')],
      '2025-10-11',
      // 10-09, 10-10, 10-11 counted.
      { state: 'running', promised: { date: '2025-10-14', remainingDays: 2 }, mark: 'yellow' },
    ],
    [
      'skips Spring Festival 2026 and counts its make-up Saturdays',
      { promisedDays: 3, statutoryDays: 10 },
      [received('2026-02-12'), accepted('2026-02-12')],
      '2026-02-20',
      {
        // 02-13, 02-14 (make-up), 02-24; statutory … 02-27, 02-28 (make-up), 03-02, 03-03, 03-04.
        promised: { date: '2026-02-24', remainingDays: 1 },
        statutory: { date: '2026-03-04', remainingDays: 8 },
        mark: 'yellow',
      },
    ],
  ])('%s', (_label, limits, rows, today, expected) => {
    expect(clock(limits, rows, today)).toMatchObject({ pausedDays: 0, provisional: false, ...expected });
  });
});
describe('caseClock: marks', () => {
  // Accepted Monday 2026-03-02: promised 10 → 03-16, statutory 20 → 03-30.
  const rows: Row[] = [received('2026-03-02'), accepted('2026-03-02')];

  it.each<[string, Partial<Matter['limits']>, string, number, string]>([
    ['4 working days left', { promisedDays: 10 }, '2026-03-10', 4, 'none'],
    ['exactly 3 left', { promisedDays: 10 }, '2026-03-11', 3, 'yellow'],
    ['a weekend with 1 left', { promisedDays: 10 }, '2026-03-14', 1, 'yellow'],
    ['0 left: due today', { promisedDays: 10 }, '2026-03-16', 0, 'yellow'],
    ['-1: overdue', { promisedDays: 10 }, '2026-03-17', -1, 'red'],
    // Deadline Friday 03-06, read on the Saturday: no working day over yet, but the date is past.
    ['the Saturday after a Friday deadline', { promisedDays: 4 }, '2026-03-07', 0, 'red'],
    ['only a statutory limit', { statutoryDays: 20 }, '2026-03-25', 3, 'yellow'],
  ])('%s: remaining %i, mark %s', (_label, limits, today, remaining, mark) => {
    const result = clock(limits, rows, today);
    const deadline = result.promised ?? result.statutory;
    expect(deadline?.remainingDays).toBe(remaining);
    expect(result.mark).toBe(mark);
    // A case list reading the stored date gets the same lamp.
    expect(deadlineMark(deadline!.date, today, SEED_CALENDAR)).toBe(mark);
  });

  it('takes the nearer of the promised and statutory deadlines', () => {
    const result = clock({ promisedDays: 10, statutoryDays: 20 }, rows, '2026-03-11');
    expect(result).toMatchObject({
      promised: { date: '2026-03-16', remainingDays: 3 },
      statutory: { date: '2026-03-30', remainingDays: 13 },
      mark: 'yellow',
    });
  });

  it('marks a case not yet accepted against the intake estimate', () => {
    expect(clock({ promisedDays: 5 }, [received('2026-03-02')], '2026-03-10')).toMatchObject({
      state: 'not_started',
      promised: { date: '2026-03-09', remainingDays: -1 },
      mark: 'red',
    });
  });
});
describe('caseClock: immediate matters', () => {
  it('has no deadlines and no mark without day limits', () => {
    expect(clock({ immediate: true }, [received('2026-03-02'), accepted('2026-03-02')], '2026-06-30')).toEqual({
      state: 'running',
      unit: 'working_days',
      startDay: '2026-03-02',
      promised: null,
      statutory: null,
      acceptanceDecision: null,
      pausedDays: 0,
      extendedBy: 0,
      mark: 'none',
      provisional: false,
    });
  });

  it('keeps a promised limit given beside immediate', () => {
    expect(
      clock({ immediate: true, promisedDays: 5 }, [received('2026-03-02'), accepted('2026-03-02')], '2026-03-02'),
    ).toMatchObject({ promised: { date: '2026-03-09', remainingDays: 5 }, statutory: null });
  });
});
describe('caseClock: years without a calendar', () => {
  const rows: Row[] = [received('2026-12-14'), accepted('2026-12-14')];

  it('flags a deadline in 2027 as provisional, counting weekends only there', () => {
    // 12-15..12-31 is 13 working days; 2027-01-01 (a Friday, surely a holiday) is counted: 14; 01-04: 15.
    expect(clock({ promisedDays: 15 }, rows, '2026-12-14')).toMatchObject({
      promised: { date: '2027-01-04', remainingDays: 15 },
      provisional: true,
    });
  });

  it('does not flag a deadline and a reading within 2026', () => {
    expect(clock({ promisedDays: 5 }, rows, '2026-12-18')).toMatchObject({
      promised: { date: '2026-12-21', remainingDays: 1 },
      provisional: false,
    });
  });

  it('flags a 2026 deadline read in 2027: the days overdue are counted on weekends alone', () => {
    expect(clock({ promisedDays: 5 }, rows, '2027-01-04')).toMatchObject({
      promised: { date: '2026-12-21', remainingDays: -10 },
      mark: 'red',
      provisional: true,
    });
  });

  it('is exact once the 2027 calendar is imported', () => {
    const imported = { year: 2027, holidays: ['2027-01-01'], workdays: [] };
    expect(clock({ promisedDays: 15 }, rows, '2026-12-14', { calendars: [...SEED_CALENDAR, imported] })).toMatchObject({
      promised: { date: '2027-01-05', remainingDays: 15 },
      provisional: false,
    });
  });
});
describe('deadlineMark', () => {
  it.each([
    // Spring Festival 2026 shortens the way to a 02-24 deadline: 02-13, 02-14 (make-up), 02-24.
    ['2026-02-24', '2026-02-09', 'none'],
    ['2026-02-24', '2026-02-11', 'none'],
    ['2026-02-24', '2026-02-12', 'yellow'],
    ['2026-02-24', '2026-02-20', 'yellow'],
    ['2026-02-24', '2026-02-24', 'yellow'],
    ['2026-02-24', '2026-02-25', 'red'],
    // National Day 2025: the 10-09 deadline is 3 working days from 09-28 (09-29, 09-30, 10-09).
    ['2025-10-09', '2025-09-26', 'none'],
    ['2025-10-09', '2025-09-28', 'yellow'],
    ['2025-10-09', '2025-10-10', 'red'],
    // Into 2027, weekends only.
    ['2027-01-05', '2026-12-31', 'yellow'],
    ['2027-01-06', '2026-12-31', 'none'],
  ])('deadline %s read on %s: %s', (date, today, mark) => {
    expect(deadlineMark(date, today, SEED_CALENDAR)).toBe(mark);
  });
});
