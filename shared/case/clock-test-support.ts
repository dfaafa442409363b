// What the clock's tests share: a case's events as rows of (type, day,
// payload) and the clock read over the seed calendars.
import { SEED_CALENDAR, type CalendarYear } from '../catalog/calendar.ts';
import type { Matter } from '../catalog/schema.ts';
import { caseClock, type CaseClock, type ClockEvent } from './clock.ts';

// Weekdays the tests use: 2025-09-22 Mon, 2025-09-26 Fri, 2025-09-28 Sun (make-up),
// 2025-10-01..08 off, 2025-10-11 Sat (make-up); 2026-02-12 Thu, 2026-02-14 Sat
// (make-up), 2026-02-15..23 off, 2026-02-28 Sat (make-up); March 2026 is an
// ordinary month starting on Sunday 03-01; 2026-12-31 Thu, 2027-01-01 Fri.

export type Row = [type: string, day: string, payload?: unknown];

export function clock(
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

export const received = (day: string): Row => ['case.received', day];
export const accepted = (day: string): Row => ['case.accepted', day];
export const special = (from: string, to?: string): Row[] => [
  ['case.special_procedure_started', from],
  ...(to ? [['case.special_procedure_ended', to] as Row] : []),
];
export const dispatched = (day: string): Row => ['case.originals_dispatched', day];
export const signedFor = (day: string, part: 'electronic' | 'originals'): Row => ['case.signed_for', day, { part }];
