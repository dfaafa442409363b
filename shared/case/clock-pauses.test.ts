// What stops the clock for a while: special procedures, corrections asked for
// before acceptance, and originals in the mail where the matter excludes it.
import { describe, expect, it } from 'vitest';
import type { Matter } from '../catalog/schema.ts';
import type { CaseClock } from './clock.ts';
import { clock, received, accepted, special, dispatched, signedFor, type Row } from './clock-test-support.ts';

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
