// The last day each extension the matter still allows would give, so the
// officer sees the new date before sending an extension (延期).
import { caseClock, type ClockEvent } from '../../../shared/case/clock.ts';
import type { CalendarYear } from '../../../shared/catalog/calendar.ts';
import type { Matter } from '../../../shared/catalog/schema.ts';

/**
 * The statutory deadline after an extension of each count the matter allows
 * (1 to its ceiling), recorded today: the clock run again with that event
 * added, so pauses and units count exactly as they will once it is recorded.
 */
export function extensionDates(
  matter: Matter,
  events: readonly ClockEvent[],
  today: string,
  calendars: readonly CalendarYear[],
): { count: number; date: string }[] {
  const allowed = matter.limits.extension;
  if (!allowed || matter.limits.statutoryDays === undefined) return [];
  return Array.from({ length: allowed.count }, (_, index) => {
    const count = index + 1;
    const clock = caseClock({
      limits: matter.limits,
      clockExcludesMail: matter.clockExcludesMail,
      events: [...events, { type: 'case.deadline_extended', day: today, payload: { count } }],
      today,
      calendars,
    });
    return { count, date: clock.statutory!.date };
  });
}
