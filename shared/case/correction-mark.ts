// The five-day correction mark (行政许可法 art. 32): where an application's
// materials are incomplete, the authority must tell the applicant everything
// to correct in one notice within five days of receiving it; if it does not,
// the application counts as accepted from the day it was received. Days are
// working days on the hall's calendars, counted as the case clock counts them:
// the day of receipt itself is not counted. The intake window receives the
// application on the handling place's behalf, so its intake day is the receipt.
// Pure and isomorphic: the case screen, the warnings and the tests read it alike.
import { addWorkingDays, workingDaysBetween, type CalendarYear } from '../catalog/calendar.ts';

/** Working days after receipt within which a correction notice must be issued. */
export const CORRECTION_MARK_DAYS = 5;
/** The working day from which the supervisor is warned that the mark is near. */
export const CORRECTION_MARK_WARN_FROM = 4;

/**
 * counting: days remain. due: on or after the warning day, the mark not yet
 * passed. met: a correction notice, or a decision on acceptance, or a
 * withdrawal came by the mark. passed: the mark went by without one; the
 * application counts as accepted from the day of receipt.
 */
export type CorrectionMarkState = 'counting' | 'due' | 'met' | 'passed';

export interface CorrectionMark {
  receivedDay: string;
  /** The last day a correction notice may be issued. */
  markDay: string;
  /** Working days after receipt as of today, or as of the event that settled it. */
  workingDay: number;
  state: CorrectionMarkState;
  /** Some day counted lies in a year with no loaded calendar. */
  provisional: boolean;
}

/** What answers the mark: a correction notice, a decision on acceptance, the applicant withdrawing. */
const SETTLES = new Set(['case.correction_requested', 'case.accepted', 'case.not_accepted', 'case.withdrawn']);

export function correctionMark(input: {
  events: readonly { type: string; day: string }[];
  today: string;
  calendars: readonly CalendarYear[];
}): CorrectionMark | null {
  const receivedDay = input.events.find((e) => e.type === 'case.received')?.day;
  if (receivedDay === undefined) return null;
  const mark = addWorkingDays(receivedDay, CORRECTION_MARK_DAYS, input.calendars);
  const settled = input.events.find((e) => SETTLES.has(e.type))?.day;
  const reading = settled ?? input.today;
  const counted = workingDaysBetween(receivedDay, reading, input.calendars);
  const base = {
    receivedDay,
    markDay: mark.date,
    workingDay: Math.max(0, counted.days),
    provisional: mark.provisional || counted.provisional,
  };
  if (reading > mark.date) return { ...base, state: 'passed' };
  if (settled !== undefined) return { ...base, state: 'met' };
  return { ...base, state: base.workingDay >= CORRECTION_MARK_WARN_FROM ? 'due' : 'counting' };
}
