import { describe, expect, it } from 'vitest';
import { SEED_CALENDAR, type CalendarYear } from '../catalog/calendar.ts';
import type { Matter } from '../catalog/schema.ts';
import { caseClock, deadlineMark, type CaseClock, type ClockEvent } from './clock.ts';

// Weekdays used below: 2025-09-22 Mon, 2025-09-26 Fri, 2025-09-28 Sun (make-up),
// 2025-10-01..08 off, 2025-10-11 Sat (make-up); 2026-02-12 Thu, 2026-02-14 Sat
// (make-up), 2026-02-15..23 off, 2026-02-28 Sat (make-up); March 2026 is an
// ordinary month starting on Sunday 03-01; 2026-12-31 Thu, 2027-01-01 Fri.

type Row = [type: string, day: string, payload?: unknown];

function clock(
  limits: Partial<Matter['limits']>,
  rows: Row[],
  today: string,
  options: { clockExcludesMail?: boolean; calendars?: readonly CalendarYear[] } = {},
): CaseClock {
  const events: ClockEvent[] = rows.map(([type, day, payload]) => ({ type, day, payload }));
  return caseClock({
    limits: { immediate: false, ...limits },
    clockExcludesMail: options.clockExcludesMail ?? false,
    events,
    today,
    calendars: options.calendars ?? SEED_CALENDAR,
  });
}

const received = (day: string): Row => ['case.received', day];
const accepted = (day: string): Row => ['case.accepted', day];
const special = (from: string, to?: string): Row[] => [
  ['case.special_procedure_started', from],
  ...(to ? [['case.special_procedure_ended', to] as Row] : []),
];
const dispatched = (day: string): Row => ['case.originals_dispatched', day];
const signedFor = (day: string, part: 'electronic' | 'originals'): Row => ['case.signed_for', day, { part }];

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

describe('caseClock: pauses', () => {
  it.each<[string, Partial<Matter['limits']>, Row[], string, Partial<CaseClock>]>([
    [
      'Monday to Wednesday of an ordinary week moves the deadline by 2 working days (Tue, Wed)',
      { promisedDays: 10, statutoryDays: 20 },
      [received('2026-03-02'), accepted('2026-03-02'), ...special('2026-03-09', '2026-03-11')],
      '2026-03-12',
      {
        state: 'running',
        // Without the pause 03-16 and 03-30.
        promised: { date: '2026-03-18', remainingDays: 4 },
        statutory: { date: '2026-04-01', remainingDays: 14 },
        pausedDays: 2,
        mark: 'none',
      },
    ],
    [
      'a pause across National Day 2025 takes only its working days (09-30, 10-09, 10-10)',
      { promisedDays: 10 },
      [received('2025-09-22'), accepted('2025-09-22'), ...special('2025-09-29', '2025-10-10')],
      '2025-10-13',
      {
        // Without the pause 10-11 (make-up Saturday); 3 working days later.
        promised: { date: '2025-10-15', remainingDays: 2 },
        pausedDays: 3,
        mark: 'yellow',
      },
    ],
    [
      'two pauses add up',
      { promisedDays: 10, statutoryDays: 20 },
      [
        received('2026-03-02'),
        accepted('2026-03-02'),
        ...special('2026-03-04', '2026-03-06'),
        ...special('2026-03-16', '2026-03-18'),
      ],
      '2026-03-20',
      {
        state: 'running',
        promised: { date: '2026-03-20', remainingDays: 0 },
        // 03-30 + 4; Qingming (04-04..06) is after it.
        statutory: { date: '2026-04-03', remainingDays: 10 },
        pausedDays: 4,
        mark: 'yellow',
      },
    ],
    [
      'an open pause freezes the remaining days as of its start, the date as if it ended today',
      { promisedDays: 10 },
      [received('2026-03-02'), accepted('2026-03-02'), ...special('2026-03-10')],
      '2026-03-13',
      // 03-03..03-10 counted (6); 03-11..03-13 paused; 4 left after today.
      {
        state: 'paused',
        promised: { date: '2026-03-19', remainingDays: 4 },
        pausedDays: 3,
        mark: 'none',
      },
    ],
    [
      'the same open pause two weeks later: remaining unchanged, the date moved',
      { promisedDays: 10 },
      [received('2026-03-02'), accepted('2026-03-02'), ...special('2026-03-10')],
      '2026-03-27',
      {
        state: 'paused',
        promised: { date: '2026-04-02', remainingDays: 4 },
        pausedDays: 13,
        mark: 'none',
      },
    ],
    [
      'an open pause that began overdue stays red',
      { promisedDays: 5 },
      [received('2026-03-02'), accepted('2026-03-02'), ...special('2026-03-11')],
      '2026-03-20',
      {
        state: 'paused',
        promised: { date: '2026-03-09', remainingDays: -2 },
        pausedDays: 7,
        mark: 'red',
      },
    ],
    [
      'a pause begun as the limit is used up makes the case due on the day it ends',
      { promisedDays: 5 },
      [received('2026-03-02'), accepted('2026-03-02'), ...special('2026-03-09', '2026-03-11')],
      '2026-03-11',
      {
        state: 'running',
        promised: { date: '2026-03-11', remainingDays: 0 },
        pausedDays: 2,
        mark: 'yellow',
      },
    ],
    [
      'the day after that it is overdue',
      { promisedDays: 5 },
      [received('2026-03-02'), accepted('2026-03-02'), ...special('2026-03-09', '2026-03-11')],
      '2026-03-12',
      { promised: { date: '2026-03-11', remainingDays: -1 }, pausedDays: 2, mark: 'red' },
    ],
    [
      'a limit used up on the Friday, a pause begun the Saturday: due that day, not overdue',
      { promisedDays: 2 },
      [received('2026-03-04'), accepted('2026-03-04'), ...special('2026-03-07')],
      '2026-03-07',
      { state: 'paused', promised: { date: '2026-03-07', remainingDays: 0 }, mark: 'yellow' },
    ],
    [
      'a limit used up on the Friday, a pause begun the Monday: a day overdue, frozen',
      { promisedDays: 2 },
      [received('2026-03-04'), accepted('2026-03-04'), ...special('2026-03-09')],
      '2026-03-11',
      {
        state: 'paused',
        promised: { date: '2026-03-06', remainingDays: -1 },
        pausedDays: 2,
        mark: 'red',
      },
    ],
    [
      '补正 before acceptance moves the estimate; an open one freezes it (state not_started)',
      { promisedDays: 5 },
      [received('2026-03-02'), ['case.correction_requested', '2026-03-03']],
      '2026-03-06',
      // 03-03 counted, 03-04..06 paused: 4 left after today.
      { state: 'not_started', promised: { date: '2026-03-12', remainingDays: 4 }, pausedDays: 3 },
    ],
    [
      '补正 before acceptance does not count once the case is accepted: counting starts afresh',
      { promisedDays: 5 },
      [
        received('2026-03-02'),
        ['case.correction_requested', '2026-03-02'],
        ['case.correction_supplied', '2026-03-05'],
        accepted('2026-03-05'),
      ],
      '2026-03-05',
      { state: 'running', startDay: '2026-03-05', promised: { date: '2026-03-12', remainingDays: 5 } },
    ],
  ])('%s', (_label, limits, rows, today, expected) => {
    expect(clock(limits, rows, today)).toMatchObject({ pausedDays: 0, provisional: false, ...expected });
  });
});

describe('caseClock: mail transit', () => {
  // Originals mailed on the intake day, accepted on the electronic copies the next day, signed for on the Thursday.
  const mailed: Row[] = [
    received('2026-03-02'),
    dispatched('2026-03-02'),
    signedFor('2026-03-03', 'electronic'),
    accepted('2026-03-03'),
    signedFor('2026-03-05', 'originals'),
  ];

  it.each<[string, boolean, Row[], string, Partial<CaseClock>]>([
    [
      'excluded: only the transit after the start day counts (03-04, 03-05)',
      true,
      mailed,
      '2026-03-05',
      { state: 'running', promised: { date: '2026-03-12', remainingDays: 5 }, pausedDays: 2 },
    ],
    [
      'not excluded: mail does not pause',
      false,
      mailed,
      '2026-03-05',
      { state: 'running', promised: { date: '2026-03-10', remainingDays: 3 }, pausedDays: 0 },
    ],
    [
      'excluded and still in transit: paused, the electronic signing for does not end it',
      true,
      mailed.slice(0, 4),
      '2026-03-05',
      { state: 'paused', promised: { date: '2026-03-12', remainingDays: 5 }, pausedDays: 2 },
    ],
    [
      'two parcels: in transit until the last is signed for',
      true,
      [
        received('2026-03-02'),
        accepted('2026-03-02'),
        dispatched('2026-03-02'),
        dispatched('2026-03-03'),
        signedFor('2026-03-04', 'originals'),
        signedFor('2026-03-06', 'originals'),
      ],
      '2026-03-06',
      { state: 'running', promised: { date: '2026-03-13', remainingDays: 5 }, pausedDays: 4 },
    ],
    [
      'overlapping a special procedure: the days count once',
      true,
      [
        received('2026-03-02'),
        accepted('2026-03-02'),
        dispatched('2026-03-02'),
        ...special('2026-03-04', '2026-03-06'),
        signedFor('2026-03-05', 'originals'),
      ],
      '2026-03-06',
      // Mail (03-02, 03-05] and special (03-04, 03-06] join into (03-02, 03-06].
      { state: 'running', promised: { date: '2026-03-13', remainingDays: 5 }, pausedDays: 4 },
    ],
  ])('%s', (_label, clockExcludesMail, rows, today, expected) => {
    expect(clock({ promisedDays: 5 }, rows, today, { clockExcludesMail })).toMatchObject({
      provisional: false,
      ...expected,
    });
  });
});

describe('caseClock: stopping', () => {
  const base: Row[] = [received('2026-03-02'), accepted('2026-03-02')];

  it.each<[string, Partial<Matter['limits']>, Row[], Partial<CaseClock>]>([
    [
      'concluded on the deadline day: on time, no mark',
      { promisedDays: 5 },
      [...base, ['case.concluded_approved', '2026-03-09']],
      { promised: { date: '2026-03-09', remainingDays: 0, onTime: true } },
    ],
    [
      'refused a day late on the promise, well within the statutory limit',
      { promisedDays: 5, statutoryDays: 20 },
      [...base, ['case.concluded_refused', '2026-03-10']],
      {
        promised: { date: '2026-03-09', remainingDays: -1, onTime: false },
        statutory: { date: '2026-03-30', remainingDays: 14, onTime: true },
      },
    ],
    [
      'concluded on the Saturday after a Friday deadline: late, though no working day more was used',
      { promisedDays: 4 },
      [...base, ['case.concluded_approved_deferred', '2026-03-07']],
      { promised: { date: '2026-03-06', remainingDays: 0, onTime: false } },
    ],
    [
      'not accepted before acceptance stops the estimate',
      { promisedDays: 5 },
      [received('2026-03-02'), ['case.not_accepted', '2026-03-04']],
      { startDay: '2026-03-02', promised: { date: '2026-03-09', remainingDays: 3, onTime: true } },
    ],
    [
      'events after the stop do not move it',
      { promisedDays: 5 },
      [...base, ['case.concluded_approved', '2026-03-09'], ...special('2026-03-10', '2026-03-20')],
      { promised: { date: '2026-03-09', remainingDays: 0, onTime: true } },
    ],
    [
      'concluded while the excluded mail is in transit (the projection ends on the stop day)',
      { promisedDays: 5 },
      [...base, dispatched('2026-03-04'), ['case.concluded_approved', '2026-03-11']],
      // 03-03, 03-04 counted; 03-05..03-11 in transit: 3 left.
      { promised: { date: '2026-03-16', remainingDays: 3, onTime: true }, pausedDays: 5 },
    ],
  ])('%s', (_label, limits, rows, expected) => {
    // Read long after: a stopped clock does not move with today.
    const result = clock(limits, rows, '2026-06-30', { clockExcludesMail: true });
    expect(result).toMatchObject({ state: 'stopped', mark: 'none', provisional: false, ...expected });
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

describe('caseClock: inputs', () => {
  it('needs the intake or the acceptance', () => {
    expect(() => clock({ promisedDays: 5 }, [['case.note_added', '2026-03-02']], '2026-03-02')).toThrow(RangeError);
  });

  it('ignores a pause end without its start', () => {
    expect(
      clock(
        { promisedDays: 5 },
        [received('2026-03-02'), accepted('2026-03-02'), ['case.special_procedure_ended', '2026-03-04']],
        '2026-03-04',
      ),
    ).toMatchObject({
      state: 'running',
      promised: { date: '2026-03-09', remainingDays: 3 },
      pausedDays: 0,
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
