// Working-day calendar for time limits (办理时限 count working days unless a
// matter says otherwise). Each year's days off and make-up
// working days come from the State Council's annual notice; a year without a
// loaded calendar counts weekends only and every result touching it is
// flagged provisional, so no deadline is ever silently guessed.
// Dates are 'YYYY-MM-DD' strings handled as UTC day numbers: no time zones.
import { z } from 'zod';

const MS_PER_DAY = 86_400_000;

/** Day number since 1970-01-01, or undefined when the string is not a real date. */
function dayNumber(date: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over into March; a real date survives the round trip.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    return undefined;
  }
  return ms / MS_PER_DAY;
}

function toDayNumber(date: string): number {
  const n = dayNumber(date);
  if (n === undefined) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return n;
}

function fromDayNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

function yearOf(n: number): number {
  return new Date(n * MS_PER_DAY).getUTCFullYear();
}

function isWeekend(n: number): boolean {
  // Day 0 (1970-01-01) was a Thursday.
  const weekday = (((n + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
}

const isoDate = z.string().refine((s) => dayNumber(s) !== undefined, 'not a valid date (YYYY-MM-DD)');

export const calendarYearSchema = z
  .object({
    year: z.number().int().min(1949).max(9999),
    /** Every day off of the notice's holiday spans, weekdays and weekends alike. */
    holidays: z.array(isoDate),
    /** 调休: weekend days that are working days. */
    workdays: z.array(isoDate),
    /** The notice, e.g. 国办发明电〔2025〕7号. */
    source: z.string().min(1).optional(),
  })
  .superRefine((cal, ctx) => {
    const holidays = new Set(cal.holidays);
    const check = (list: 'holidays' | 'workdays') =>
      cal[list].forEach((date, index) => {
        const n = dayNumber(date);
        if (n === undefined) return;
        const path = [list, index];
        if (yearOf(n) !== cal.year) ctx.addIssue({ code: 'custom', message: `${date} is not in ${cal.year}`, path });
        if (list === 'workdays' && !isWeekend(n)) {
          ctx.addIssue({ code: 'custom', message: `make-up workday ${date} is not a weekend day`, path });
        }
        if (list === 'workdays' && holidays.has(date)) {
          ctx.addIssue({ code: 'custom', message: `${date} is both a holiday and a workday`, path });
        }
      });
    check('holidays');
    check('workdays');
  });
export type CalendarYear = z.infer<typeof calendarYearSchema>;

export const calendarFileSchema = z
  .object({
    kind: z.literal('tongban.calendar'),
    years: z.array(calendarYearSchema),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<number>();
    file.years.forEach((cal, index) => {
      if (seen.has(cal.year)) {
        ctx.addIssue({ code: 'custom', message: `year ${cal.year} appears twice`, path: ['years', index, 'year'] });
      }
      seen.add(cal.year);
    });
  });
export type CalendarFile = z.infer<typeof calendarFileSchema>;

export type ParseCalendarResult = { ok: true; value: CalendarFile } | { ok: false; error: string };

/** Validates an imported calendar file (its parsed JSON) without throwing. */
export function parseCalendarFile(json: unknown): ParseCalendarResult {
  const result = calendarFileSchema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  const error = result.error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
  return { ok: false, error: `invalid calendar file: ${error}` };
}

/** 2025 and 2026 from the State Council notices (reference/holidays.md). */
export const SEED_CALENDAR: readonly CalendarYear[] = [
  {
    year: 2025,
    source: '国办发明电〔2024〕12号',
    holidays: [
      '2025-01-01',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-02',
      '2025-02-03',
      '2025-02-04',
      '2025-04-04',
      '2025-04-05',
      '2025-04-06',
      '2025-05-01',
      '2025-05-02',
      '2025-05-03',
      '2025-05-04',
      '2025-05-05',
      '2025-05-31',
      '2025-06-01',
      '2025-06-02',
      '2025-10-01',
      '2025-10-02',
      '2025-10-03',
      '2025-10-04',
      '2025-10-05',
      '2025-10-06',
      '2025-10-07',
      '2025-10-08',
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    source: '国办发明电〔2025〕7号',
    holidays: [
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
      '2026-04-04',
      '2026-04-05',
      '2026-04-06',
      '2026-05-01',
      '2026-05-02',
      '2026-05-03',
      '2026-05-04',
      '2026-05-05',
      '2026-06-19',
      '2026-06-20',
      '2026-06-21',
      '2026-09-25',
      '2026-09-26',
      '2026-09-27',
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];

interface YearIndex {
  holidays: Set<string>;
  workdays: Set<string>;
}

/** A later entry for the same year replaces an earlier one, so imports can follow the seed. */
function indexByYear(calendars: readonly CalendarYear[]): Map<number, YearIndex> {
  return new Map(
    calendars.map((cal) => [cal.year, { holidays: new Set(cal.holidays), workdays: new Set(cal.workdays) }]),
  );
}

/** Whether day n is a working day, and whether that rests on weekends alone. */
function classify(n: number, index: Map<number, YearIndex>): { working: boolean; provisional: boolean } {
  const year = index.get(yearOf(n));
  if (!year) return { working: !isWeekend(n), provisional: true };
  const date = fromDayNumber(n);
  if (year.workdays.has(date)) return { working: true, provisional: false };
  return { working: !isWeekend(n) && !year.holidays.has(date), provisional: false };
}

export function isWorkingDay(date: string, calendars: readonly CalendarYear[]): boolean {
  return classify(toDayNumber(date), indexByYear(calendars)).working;
}

/**
 * The date `days` working days after `start`, the start day itself not counted
 * (a 5-day limit from an acceptance on Monday ends on the next Monday).
 */
export function addWorkingDays(
  start: string,
  days: number,
  calendars: readonly CalendarYear[],
): { date: string; provisional: boolean } {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer: ${days}`);
  const index = indexByYear(calendars);
  let n = toDayNumber(start);
  let provisional = false;
  for (let counted = 0; counted < days;) {
    n += 1;
    const day = classify(n, index);
    provisional ||= day.provisional;
    if (day.working) counted += 1;
  }
  return { date: fromDayNumber(n), provisional };
}

/**
 * Working days in (from, to]: the inverse of addWorkingDays. Negative when `to`
 * is before `from`, e.g. how many working days a case is overdue.
 */
export function workingDaysBetween(
  from: string,
  to: string,
  calendars: readonly CalendarYear[],
): { days: number; provisional: boolean } {
  const [a, b] = [toDayNumber(from), toDayNumber(to)];
  const [low, high, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  const index = indexByYear(calendars);
  let days = 0;
  let provisional = false;
  for (let n = low + 1; n <= high; n += 1) {
    const day = classify(n, index);
    provisional ||= day.provisional;
    if (day.working) days += 1;
  }
  return { days: sign * days, provisional };
}

/** How a time limit is counted: the catalog says so per matter. */
export const LIMIT_UNITS = ['working_days', 'calendar_days', 'months'] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];

/** The first working day on or after day n: a period whose last day is off ends on the next working day. */
function rollToWorkingDay(n: number, index: Map<number, YearIndex>): { n: number; provisional: boolean } {
  let provisional = false;
  for (;;) {
    const day = classify(n, index);
    provisional ||= day.provisional;
    if (day.working) return { n, provisional };
    n += 1;
  }
}

/**
 * The end of a period of `days` calendar days from `start`, the start day not
 * counted; a last day that is not a working day (weekend or holiday, make-up
 * working days counting as working) moves to the next working day. This is
 * how 劳动争议调解仲裁法 periods run (民法典 arts. 201, 203).
 */
export function addCalendarDays(
  start: string,
  days: number,
  calendars: readonly CalendarYear[],
): { date: string; provisional: boolean } {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer: ${days}`);
  const end = rollToWorkingDay(toDayNumber(start) + days, indexByYear(calendars));
  return { date: fromDayNumber(end.n), provisional: end.provisional };
}

/**
 * The end of a period of `months` from `start`: the same day of the month
 * that many months later, or that month's last day where it has no such day
 * (民法典 art. 202), moved to the next working day where it is off (art. 203).
 */
export function addMonths(
  start: string,
  months: number,
  calendars: readonly CalendarYear[],
): { date: string; provisional: boolean } {
  if (!Number.isInteger(months) || months < 0) throw new RangeError(`months must be a non-negative integer: ${months}`);
  return addCalendarDays(start, monthsAsCalendarDays(start, months), calendars);
}

/** Calendar days from `start` to the same day `months` later (or that month's last day), before any move past a day off. */
export function monthsAsCalendarDays(start: string, months: number): number {
  const n = toDayNumber(start);
  const first = new Date(n * MS_PER_DAY);
  const [year, month, day] = [first.getUTCFullYear(), first.getUTCMonth() + months, first.getUTCDate()];
  const lastOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(day, lastOfMonth)) / MS_PER_DAY - n;
}

/** Calendar days in (from, to]; negative when `to` is before `from`. */
export function calendarDaysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** The end of a period in the matter's unit, the start day not counted. */
export function addPeriod(
  start: string,
  count: number,
  unit: LimitUnit,
  calendars: readonly CalendarYear[],
): { date: string; provisional: boolean } {
  switch (unit) {
    case 'working_days':
      return addWorkingDays(start, count, calendars);
    case 'calendar_days':
      return addCalendarDays(start, count, calendars);
    case 'months':
      return addMonths(start, count, calendars);
  }
}
