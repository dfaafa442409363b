// A case's clock: its deadlines, remaining working days and warning
// mark, computed from its events. Pure and isomorphic: the desk, the backend
// and the exchange server all read a case's clock the same way.
//
// Counting rules (days are local 'YYYY-MM-DD' days; working days come from
// the loaded calendars, a year without one counting weekends only):
// - Counting starts on the acceptance day (case.accepted), which is itself not
//   counted (as addWorkingDays: 5 days from a Monday end on the next Monday).
//   Before acceptance the state is not_started and the dates are estimated
//   from the intake day (case.received), as the intake receipt gave them.
// - An event acts from the day after it: a working day counts when the clock
//   was running as it began. A pause requested on a Monday and ended on the
//   Wednesday takes the Tuesday and the Wednesday (2 working days); the case
//   counts again from the Thursday. Only paused days after the start day
//   count, and overlapping pauses count once.
// - Pauses: case.correction_requested → case.correction_supplied (补正),
//   case.special_procedure_started → _ended (特别程序), and, where the matter
//   has clockExcludesMail, case.originals_dispatched → case.signed_for with
//   part 'originals' (mail transit; with several parcels, until the last is
//   signed for). Otherwise mail does not pause.
// - A deadline is the day its limit's last working day is counted, so it
//   moves later by the working days paused before it. When the limit is used
//   up and a pause begins before another working day, the case is due on the
//   day the pause ends.
// - While a pause is open the state is paused (not_started before
//   acceptance), the remaining days stay as they were when it began, and the
//   date is the earliest it can still be: as if the pause ended today.
// - The first conclusion (case.concluded_*), case.not_accepted or
//   case.withdrawn (撤件) stops the clock: remaining days as of the stop day,
//   onTime when stopped on or before the date. Later events do not move it. A
//   withdrawn case owes no acceptance decision any more.
// - Marks (running, paused, or not yet accepted, against the estimate): red
//   once the date is past (remaining < 0, or a day off just after the
//   deadline, when remaining is still 0); yellow with 0 to 3 working days
//   left; none otherwise, when stopped, or without day limits. The nearer of
//   the promised and statutory deadlines decides.
// - provisional: some day counted lies in a year with no loaded calendar.
//
// Units (the matter's limits.unit): the rules above are for working days, the
// default. In calendar days (labour disputes) every day counts, paused days
// included as calendar days, and a deadline whose last day is off moves to the
// next working day; remaining days are the calendar days to that date. A limit
// in months runs to the same day of the month (民法典 art. 202) and is then
// counted as those calendar days. A matter whose limits start from receipt
// (limits.startsFrom) runs from the intake day without waiting for acceptance.
// acceptanceDecisionDays gives the handling place a limit, from its receipt of
// the application, for deciding whether to accept (受理 or 不予受理); it is
// read until one of them. The handling place receives the application when it
// signs for it (case.signed_for; where mail transit is excluded, for the paper
// originals); until then the limit is estimated from the intake day. Asking
// for corrections (补正) holds the decision until they are supplied, and the
// limit runs again in full from that day.
// case.deadline_extended adds its count to the statutory limit.
import {
  addCalendarDays,
  addPeriod,
  addWorkingDays,
  calendarDaysBetween,
  monthsAsCalendarDays,
  workingDaysBetween,
  type CalendarYear,
  type LimitUnit,
} from '../catalog/calendar.ts';
import type { Matter } from '../catalog/schema.ts';

export interface ClockEvent {
  type: string;
  /** The local day the event happened, YYYY-MM-DD. */
  day: string;
  payload?: unknown;
}

export interface ClockInput {
  limits: Matter['limits'];
  clockExcludesMail: boolean;
  /** The case's events in the order they happened. */
  events: readonly ClockEvent[];
  today: string;
  calendars: readonly CalendarYear[];
}

export type ClockState = 'not_started' | 'running' | 'paused' | 'stopped';
export type Mark = 'none' | 'yellow' | 'red';

export interface Deadline {
  date: string;
  /** Days (in the clock's unit) left as of today, the stop day, or the start of an open pause; negative when overdue. */
  remainingDays: number;
  /** Only once the clock has stopped. */
  onTime?: boolean;
}

export interface CaseClock {
  state: ClockState;
  /** What remainingDays and pausedDays count: working days, or calendar days (for limits in days or months). */
  unit: 'working_days' | 'calendar_days';
  /** The acceptance day; before acceptance, the intake day the estimate counts from. */
  startDay: string;
  /** Null when the matter has no such limit. */
  promised: Deadline | null;
  statutory: Deadline | null;
  /** The handling place's limit for deciding on acceptance, from receipt; null once decided or without one. */
  acceptanceDecision: Deadline | null;
  /** Days paused after the start day so far, mail transit included where excluded. */
  pausedDays: number;
  /** Added to the statutory limit by case.deadline_extended, in the matter's unit. */
  extendedBy: number;
  mark: Mark;
  /** Some day counted lies in a year with no loaded calendar. */
  provisional: boolean;
}

/** Warning lamps (预警) light yellow this many working days before the deadline, as halls' e-supervision systems do. */
const YELLOW_WITHIN = 3;

const STOPS = new Set([
  'case.concluded_approved',
  'case.concluded_approved_deferred',
  'case.concluded_refused',
  'case.not_accepted',
  'case.withdrawn',
]);

type PauseKind = 'correction' | 'special_procedure' | 'mail';
const PAUSE_KINDS: readonly PauseKind[] = ['correction', 'special_procedure', 'mail'];

/** Paused days (from, to]: the days after `from`, up to and including `to`. */
interface Span {
  from: string;
  to: string;
}

function pauseEdge(event: ClockEvent, excludesMail: boolean): { kind: PauseKind; opens: boolean } | undefined {
  switch (event.type) {
    case 'case.correction_requested':
      return { kind: 'correction', opens: true };
    case 'case.correction_supplied':
      return { kind: 'correction', opens: false };
    case 'case.special_procedure_started':
      return { kind: 'special_procedure', opens: true };
    case 'case.special_procedure_ended':
      return { kind: 'special_procedure', opens: false };
    case 'case.originals_dispatched':
      return excludesMail ? { kind: 'mail', opens: true } : undefined;
    case 'case.signed_for':
      return excludesMail && isOriginals(event.payload) ? { kind: 'mail', opens: false } : undefined;
    default:
      return undefined;
  }
}

function isOriginals(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && (payload as { part?: unknown }).part === 'originals';
}

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

/**
 * Clips spans to (start, end], sorts them and joins those that touch. A span
 * left empty (a pause begun on the reading day) is kept: it pauses no day, but
 * a limit already used up runs on to it.
 */
function mergeSpans(spans: readonly Span[], start: string, end: string): Span[] {
  const clipped = spans
    .map((s) => ({ from: later(s.from, start), to: earlier(s.to, end) }))
    .filter((s) => s.from <= s.to)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: Span[] = [];
  for (const span of clipped) {
    const last = merged.at(-1);
    if (last && span.from <= last.to) last.to = later(last.to, span.to);
    else merged.push({ ...span });
  }
  return merged;
}

function markOf(deadline: { date: string; remainingDays: number }, reading: string): Mark {
  if (deadline.date < reading) return 'red';
  return deadline.remainingDays <= YELLOW_WITHIN ? 'yellow' : 'none';
}

const DECISIONS_ON_ACCEPTANCE = new Set(['case.accepted', 'case.not_accepted']);

function extensionCount(payload: unknown): number {
  const count = (payload as { count?: unknown } | undefined)?.count;
  return typeof count === 'number' && Number.isInteger(count) && count > 0 ? count : 0;
}

const SEVERITY: readonly Mark[] = ['none', 'yellow', 'red'];

export function caseClock(input: ClockInput): CaseClock {
  const { limits, calendars } = input;
  let intakeDay: string | undefined;
  let acceptedDay: string | undefined;
  let stopDay: string | undefined;
  const depth: Record<PauseKind, number> = { correction: 0, special_procedure: 0, mail: 0 };
  const openedOn: Partial<Record<PauseKind, string>> = {};
  const spans: Span[] = [];
  let decidedOnAcceptance = false;
  let extendedBy = 0;
  let signedForDay: string | undefined;
  let suppliedDay: string | undefined;
  for (const event of input.events) {
    if (DECISIONS_ON_ACCEPTANCE.has(event.type) || event.type === 'case.withdrawn') decidedOnAcceptance = true;
    if (STOPS.has(event.type)) {
      stopDay = event.day;
      break;
    }
    if (event.type === 'case.received') intakeDay ??= event.day;
    if (event.type === 'case.accepted') acceptedDay ??= event.day;
    if (event.type === 'case.deadline_extended') extendedBy += extensionCount(event.payload);
    if (event.type === 'case.signed_for' && (!input.clockExcludesMail || isOriginals(event.payload))) {
      signedForDay ??= event.day;
    }
    if (event.type === 'case.correction_supplied' && !decidedOnAcceptance) suppliedDay = event.day;
    const edge = pauseEdge(event, input.clockExcludesMail);
    if (!edge) continue;
    // Counted per kind so that a stray end is ignored and several parcels keep the transit open.
    if (edge.opens) {
      if (depth[edge.kind] === 0) openedOn[edge.kind] = event.day;
      depth[edge.kind] += 1;
    } else if (depth[edge.kind] > 0) {
      depth[edge.kind] -= 1;
      if (depth[edge.kind] === 0) spans.push({ from: openedOn[edge.kind]!, to: event.day });
    }
  }
  const fromReceipt = limits.startsFrom === 'receipt';
  const startDay = fromReceipt ? (intakeDay ?? acceptedDay) : (acceptedDay ?? intakeDay);
  if (startDay === undefined) throw new RangeError('a case clock needs case.received or case.accepted');
  const limitUnit: LimitUnit = limits.unit ?? 'working_days';
  const unit = limitUnit === 'working_days' ? 'working_days' : 'calendar_days';

  // The day the clock is read at; an open pause runs up to it.
  const reading = later(stopDay ?? input.today, startDay);
  const open = PAUSE_KINDS.filter((kind) => depth[kind] > 0);
  const paused = mergeSpans(
    [...spans, ...open.map((kind) => ({ from: openedOn[kind]!, to: reading }))],
    startDay,
    reading,
  );

  let provisional = false;
  const between = (from: string, to: string) => {
    if (unit === 'calendar_days') return calendarDaysBetween(from, to);
    const result = workingDaysBetween(from, to, calendars);
    provisional ||= result.provisional;
    return result.days;
  };
  const add = (from: string, days: number) => {
    const result =
      unit === 'calendar_days' ? addCalendarDays(from, days, calendars) : addWorkingDays(from, days, calendars);
    provisional ||= result.provisional;
    return result.date;
  };
  // A limit in months is the calendar days from the start day to the same day that many months on.
  const inDays = (count: number) => (limitUnit === 'months' ? monthsAsCalendarDays(startDay, count) : count);

  const pausedDays = paused.reduce((sum, span) => sum + between(span.from, span.to), 0);
  const counted = between(startDay, reading) - pausedDays;

  const deadline = (count: number | undefined): Deadline | null => {
    if (count === undefined) return null;
    const days = inDays(count);
    // Walk the running stretches between pauses; a limit used up with no working day
    // left before a pause (need 0) runs on to the pause's end: the case is due that day.
    let cursor = startDay;
    let need = days;
    for (const span of paused) {
      const before = between(cursor, span.from);
      if (before > need) break;
      need -= before;
      cursor = span.to;
    }
    const date = add(cursor, need);
    // In calendar days the last day may have moved past a day off: count to the date itself.
    const remainingDays = unit === 'calendar_days' ? calendarDaysBetween(reading, date) : days - counted;
    return stopDay === undefined ? { date, remainingDays } : { date, remainingDays, onTime: stopDay <= date };
  };
  const promised = deadline(limits.promisedDays);
  const statutory = deadline(limits.statutoryDays === undefined ? undefined : limits.statutoryDays + extendedBy);
  const awaitingCorrection = depth.correction > 0;
  const acceptanceDecision =
    limits.acceptanceDecisionDays === undefined || decidedOnAcceptance || awaitingCorrection || intakeDay === undefined
      ? null
      : acceptanceDeadline(
          later(signedForDay ?? intakeDay, suppliedDay ?? intakeDay),
          limits.acceptanceDecisionDays,
          limitUnit,
          stopDay ?? input.today,
          calendars,
        );
  provisional ||= acceptanceDecision?.provisional ?? false;

  const state: ClockState =
    stopDay !== undefined
      ? 'stopped'
      : acceptedDay === undefined && !fromReceipt
        ? 'not_started'
        : open.length > 0
          ? 'paused'
          : 'running';
  // A paused case is read like a running one: its date is today or later unless it was overdue as the pause began.
  const marks =
    state === 'stopped'
      ? []
      : [promised, statutory].flatMap((d) => (d ? [markOf(d, reading)] : [])).concat(acceptanceDecision?.mark ?? []);
  const mark = marks.reduce<Mark>((worst, m) => (SEVERITY.indexOf(m) > SEVERITY.indexOf(worst) ? m : worst), 'none');

  return {
    state,
    unit,
    startDay,
    promised,
    statutory,
    acceptanceDecision: acceptanceDecision && {
      date: acceptanceDecision.date,
      remainingDays: acceptanceDecision.remainingDays,
    },
    pausedDays,
    extendedBy,
    mark,
    provisional,
  };
}

/** The limit for deciding on acceptance, counted from the handling place's receipt without pauses. */
function acceptanceDeadline(
  receivedDay: string,
  count: number,
  unit: LimitUnit,
  reading: string,
  calendars: readonly CalendarYear[],
): { date: string; remainingDays: number; mark: Mark; provisional: boolean } {
  const end = addPeriod(receivedDay, count, unit, calendars);
  const from = later(reading, receivedDay);
  const remainingDays =
    unit === 'working_days' ? workingDaysBetween(from, end.date, calendars).days : calendarDaysBetween(from, end.date);
  const deadline = { date: end.date, remainingDays };
  return { ...deadline, mark: markOf(deadline, from), provisional: end.provisional };
}

/**
 * The mark for a running case's stored deadline, read today: case lists store
 * the dates and light the lamps at read time. Paused and stopped cases keep
 * the mark caseClock gave them (it does not move with the days).
 */
export function deadlineMark(
  date: string,
  today: string,
  calendars: readonly CalendarYear[],
  unit: CaseClock['unit'] = 'working_days',
): Mark {
  const remainingDays =
    unit === 'calendar_days' ? calendarDaysBetween(today, date) : workingDaysBetween(today, date, calendars).days;
  return markOf({ date, remainingDays }, today);
}
