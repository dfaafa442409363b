import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addMonths,
  addWorkingDays,
  calendarYearSchema,
  isWorkingDay,
  parseCalendarFile,
  SEED_CALENDAR,
  workingDaysBetween,
} from './calendar.ts';

describe('SEED_CALENDAR', () => {
  it('holds 2025 and 2026 and passes its own schema', () => {
    expect(SEED_CALENDAR.map((c) => c.year)).toEqual([2025, 2026]);
    for (const year of SEED_CALENDAR) expect(calendarYearSchema.parse(year)).toEqual(year);
  });

  it.each([
    // National Day + Mid-Autumn 2025: 8 days off with two make-up Saturdays/Sundays.
    ['2025-10-01', false],
    ['2025-10-03', false],
    ['2025-10-06', false],
    ['2025-10-08', false],
    ['2025-10-09', true],
    ['2025-09-28', true], // Sunday, make-up workday
    ['2025-10-11', true], // Saturday, make-up workday
    ['2025-10-12', false], // ordinary Sunday
    // Spring Festival 2025 (除夕 included since the 2024 revision).
    ['2025-01-26', true],
    ['2025-01-28', false],
    ['2025-02-04', false],
    ['2025-02-08', true],
    ['2025-01-01', false],
    ['2025-05-05', false],
    ['2025-04-27', true],
    // Spring Festival 2026: 2026-02-15 to 02-23, make-up 02-14 and 02-28.
    ['2026-02-14', true],
    ['2026-02-15', false],
    ['2026-02-16', false],
    ['2026-02-23', false],
    ['2026-02-24', true],
    ['2026-02-28', true],
    ['2026-01-02', false],
    ['2026-01-04', true],
    ['2026-09-25', false],
    ['2026-09-20', true],
    ['2026-10-07', false],
    ['2026-10-10', true],
    ['2026-03-04', true], // ordinary Wednesday
    ['2026-03-07', false], // ordinary Saturday
  ])('%s is a working day: %s', (date, working) => {
    expect(isWorkingDay(date, SEED_CALENDAR)).toBe(working);
  });
});

describe('isWorkingDay without a loaded year', () => {
  it('counts weekends only', () => {
    expect(isWorkingDay('2027-10-01', SEED_CALENDAR)).toBe(true); // a Friday; the 2027 notice is not loaded
    expect(isWorkingDay('2027-10-02', SEED_CALENDAR)).toBe(false);
  });

  it('rejects a string that is not a date', () => {
    expect(() => isWorkingDay('2026-02-30', SEED_CALENDAR)).toThrow(RangeError);
    expect(() => isWorkingDay('20260301', SEED_CALENDAR)).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it.each([
    // Start day not counted: Monday + 5 = next Monday.
    ['2026-03-02', 5, '2026-03-09'],
    ['2026-03-02', 0, '2026-03-02'],
    // Across National Day 2025: 09-29/30 count, 10-01..08 off, 10-09, 10-10, 10-11 (make-up Saturday).
    ['2025-09-26', 1, '2025-09-28'],
    ['2025-09-26', 3, '2025-09-30'],
    ['2025-09-26', 5, '2025-10-10'],
    ['2025-09-26', 6, '2025-10-11'],
    ['2025-09-26', 7, '2025-10-13'],
    // Across Spring Festival 2026: 02-13 Fri, 02-14 make-up Sat, 02-15..23 off, 02-28 make-up Sat.
    ['2026-02-12', 2, '2026-02-14'],
    ['2026-02-12', 3, '2026-02-24'],
    ['2026-02-12', 6, '2026-02-27'],
    ['2026-02-12', 7, '2026-02-28'],
    ['2026-02-12', 8, '2026-03-02'],
    // 20 working days from a Labour Day eve: May 1-5 off, May 9 make-up.
    ['2026-04-30', 20, '2026-06-01'],
  ])('%s + %i working days = %s', (start, days, date) => {
    expect(addWorkingDays(start, days, SEED_CALENDAR)).toEqual({ date, provisional: false });
  });

  it('flags a deadline that runs into 2027 as provisional, counting weekends only there', () => {
    // 2026-12-31 is a Thursday: Fri 01-01, then Mon 01-04 … weekends skipped, no holidays known.
    expect(addWorkingDays('2026-12-30', 1, SEED_CALENDAR)).toEqual({ date: '2026-12-31', provisional: false });
    expect(addWorkingDays('2026-12-30', 2, SEED_CALENDAR)).toEqual({ date: '2027-01-01', provisional: true });
    expect(addWorkingDays('2026-12-30', 3, SEED_CALENDAR)).toEqual({ date: '2027-01-04', provisional: true });
  });

  it('is exact again once the 2027 calendar is imported', () => {
    const imported = { year: 2027, holidays: ['2027-01-01'], workdays: [] };
    expect(addWorkingDays('2026-12-30', 2, [...SEED_CALENDAR, imported])).toEqual({
      date: '2027-01-04',
      provisional: false,
    });
  });

  it('lets a later entry for a year replace an earlier one', () => {
    const revised = { year: 2026, holidays: [], workdays: [] };
    expect(isWorkingDay('2026-10-08', [...SEED_CALENDAR, revised])).toBe(true);
    expect(isWorkingDay('2026-10-01', [...SEED_CALENDAR, revised])).toBe(true);
  });

  it('rejects negative and fractional day counts', () => {
    expect(() => addWorkingDays('2026-03-02', -1, SEED_CALENDAR)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-03-02', 1.5, SEED_CALENDAR)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2025-09-26', '2025-10-13', 7, false],
    ['2026-02-12', '2026-03-02', 8, false],
    ['2026-03-02', '2026-03-02', 0, false],
    ['2026-03-09', '2026-03-02', -5, false],
    ['2026-12-30', '2027-01-04', 3, true],
  ])('%s → %s is %i working days (provisional %s)', (from, to, days, provisional) => {
    expect(workingDaysBetween(from, to, SEED_CALENDAR)).toEqual({ days, provisional });
  });

  it('inverts addWorkingDays', () => {
    for (const days of [1, 5, 15, 20, 45]) {
      const { date } = addWorkingDays('2025-09-15', days, SEED_CALENDAR);
      expect(workingDaysBetween('2025-09-15', date, SEED_CALENDAR).days).toBe(days);
    }
  });
});

describe('parseCalendarFile', () => {
  const valid2027 = {
    kind: 'tongban.calendar',
    years: [{ year: 2027, holidays: ['2027-01-01'], workdays: ['2027-02-06'], source: 'test fixture, not the notice' }],
  };

  it('accepts a valid 2027 file', () => {
    expect(parseCalendarFile(valid2027)).toEqual({ ok: true, value: valid2027 });
  });

  it('accepts the seed calendar in file form', () => {
    expect(parseCalendarFile({ kind: 'tongban.calendar', years: SEED_CALENDAR }).ok).toBe(true);
  });

  const year = valid2027.years[0]!;
  it.each([
    ['something that is not an object', 'tongban.calendar', /^invalid calendar file: .*expected object/],
    ['another kind of file', { ...valid2027, kind: 'tongban.catalog' }, /kind/],
    ['no years', { kind: 'tongban.calendar' }, /years/],
    [
      'an impossible date',
      { ...valid2027, years: [{ ...year, holidays: ['2027-02-30'] }] },
      /years\.0\.holidays\.0: not a valid date/,
    ],
    [
      'a date in another year',
      { ...valid2027, years: [{ ...year, holidays: ['2026-12-31'] }] },
      /2026-12-31 is not in 2027/,
    ],
    [
      'a make-up workday on a weekday',
      { ...valid2027, years: [{ ...year, workdays: ['2027-02-08'] }] },
      /not a weekend day/,
    ],
    [
      'a day both off and worked',
      { ...valid2027, years: [{ ...year, holidays: ['2027-02-06'], workdays: ['2027-02-06'] }] },
      /both a holiday and a workday/,
    ],
    ['the same year twice', { ...valid2027, years: [year, year] }, /year 2027 appears twice/],
    ['a year that is not a number', { ...valid2027, years: [{ ...year, year: '2027' }] }, /years\.0\.year/],
  ])('rejects %s with a clear error', (_label, input, message) => {
    const result = parseCalendarFile(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

// Calendar-day periods (民法典 arts. 201–203): the start day is not counted; a
// last day off moves to the next working day; a make-up working day is working.
describe('addCalendarDays', () => {
  it.each([
    ['2026-07-01', 45, '2026-08-17'], // Saturday 08-15 → Monday
    ['2026-08-20', 45, '2026-10-08'], // 10-04, National Day → first working day after it
    ['2026-09-25', 15, '2026-10-10'], // Saturday 10-10 is a make-up working day
    ['2026-09-25', 5, '2026-09-30'],
    ['2026-02-09', 5, '2026-02-14'], // Saturday 02-14, make-up
    ['2026-02-10', 5, '2026-02-24'], // 02-15, Spring Festival → 02-24
    ['2026-03-02', 0, '2026-03-02'],
  ])('%s + %i calendar days = %s', (start, days, date) => {
    expect(addCalendarDays(start, days, SEED_CALENDAR)).toEqual({ date, provisional: false });
  });

  it('is provisional where the last day lies in a year with no calendar', () => {
    expect(addCalendarDays('2026-12-20', 15, SEED_CALENDAR)).toEqual({ date: '2027-01-04', provisional: true });
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-03-15', 6, '2026-09-15'],
    ['2026-08-31', 1, '2026-09-30'], // no 31st: the month's last day
    ['2026-01-31', 1, '2026-02-28'], // make-up Saturday
    ['2026-03-04', 6, '2026-09-04'],
    ['2026-04-04', 6, '2026-10-08'], // 10-04, National Day
  ])('%s + %i months = %s', (start, months, date) => {
    expect(addMonths(start, months, SEED_CALENDAR)).toEqual({ date, provisional: false });
  });
});
