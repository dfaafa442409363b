// Statistics (统计) over the cases received in a range of local days, at this
// window or arrived for this desk: counts by matter, status, clerk and partner
// region, how fast and how punctually they were concluded, the ratings, and
// the consultations of the same days.
import type { DatabaseSync } from 'node:sqlite';
import { clockOutcome, CONCLUDED_STATUSES, isConclusion } from '../../../shared/case/outcome.ts';
import type { CaseStatusCode } from '../../../shared/case/status.ts';
import { rejected } from '../../../shared/rpc/framing.ts';
import { queueStatistics, queueTimesOf } from '../../../shared/supervision/queue-times.ts';
import { MAX_STATS_DAYS, type Stats } from '../../../shared/supervision/schemas.ts';
import { localDay } from '../../../shared/local-time.ts';
import { cachedStatement } from './statement-cache.ts';
import { daysBetween } from './supervision-cases.ts';

/**
 * A case received in the range, as far as its clock's end is concerned, as an
 * array in ENDING_COLUMNS' order: a year of a hall is hundreds of thousands of
 * rows, and arrays of numbers spare an object and two strings per row.
 */
type Ending = [
  status: CaseStatusCode,
  receivedDay: string,
  /** concluded_at in epoch milliseconds; null when not concluded. */
  concludedMs: number | null,
  /** From received_at to concluded_at, in milliseconds. */
  handlingMs: number | null,
  promisedDeadline: string | null,
  statutoryDeadline: string | null,
  deadlineProvisional: number,
];

// SQLite keeps a time as whole milliseconds: rounded back to them, these are Date.parse's numbers exactly.
const ENDING_COLUMNS = `c.status, c.received_day,
  CAST(round(unixepoch(c.concluded_at, 'subsec') * 1000) AS INTEGER),
  CAST(round((unixepoch(c.concluded_at, 'subsec') - unixepoch(c.received_at, 'subsec')) * 1000) AS INTEGER),
  c.promised_deadline, c.statutory_deadline, c.deadline_provisional`;

const HOUR_MS = 3_600_000;

/**
 * How many were concluded, how fast and how punctually: clockOutcome decides
 * which cases are conclusions and whether each was on time, as the case
 * screen, the lists and the ledger read it. A case not accepted or withdrawn
 * is no conclusion, on time or late. The day of a conclusion is its local
 * day, as received_day is the intake's.
 */
function conclusions(endings: readonly Ending[]) {
  const tally = {
    concluded: 0,
    timed: 0,
    onTheSpot: 0,
    sameDay: 0,
    withDeadline: 0,
    onTime: 0,
    provisional: 0,
    hours: 0,
  };
  for (const [status, receivedDay, concludedMs, handlingMs, promised, statutory, provisional] of endings) {
    const concludedDay = concludedMs === null ? null : localDay(new Date(concludedMs));
    const outcome = clockOutcome({ status, concludedDay, promised, statutory });
    if (!isConclusion(outcome)) continue;
    tally.concluded += 1;
    if (outcome !== 'concluded') {
      tally.withDeadline += 1;
      if (outcome === 'on_time') tally.onTime += 1;
      if (provisional) tally.provisional += 1;
    }
    if (handlingMs === null) continue;
    tally.timed += 1;
    const hours = handlingMs / HOUR_MS;
    tally.hours += hours;
    if (hours <= 1) tally.onTheSpot += 1;
    if (concludedDay === receivedDay) tally.sameDay += 1;
  }
  return tally;
}

/**
 * The counts by matter, status, clerk, partner region and rating: summed from
 * case_day_counts, which triggers keep per received day as case rows are
 * written (migration 0017), in the order the screen shows them — most cases
 * first, then by key. A case taken in at the other place counts under the
 * clerk '' and has no clerk's name.
 */
const GROUPINGS_SQL = `SELECT grouping, key,
    CASE grouping WHEN 'clerk' THEN (SELECT u.display_name FROM users u WHERE u.user_id = key) END AS label,
    sum(n) AS count
  FROM case_day_counts WHERE day BETWEEN ? AND ? GROUP BY grouping, key HAVING sum(n) > 0
  ORDER BY grouping, count DESC, key`;

type Grouping = 'matter' | 'status' | 'clerk' | 'region' | 'rating';

/** Cases received in [from, to] (local days). */
/** All but the rectification items, which the supervision service adds (rectifications.ts). */
export function caseStatistics(db: DatabaseSync, from: string, to: string): Omit<Stats, 'rectifications'> {
  if (from > to || daysBetween(from, to) > MAX_STATS_DAYS) {
    throw rejected('range_invalid', 'The date range is not valid.', { maxDays: MAX_STATS_DAYS });
  }
  const range = [from, to];
  const groups: Record<Grouping, Stats['byMatter']> = { matter: [], status: [], clerk: [], region: [], rating: [] };
  for (const r of cachedStatement(db, GROUPINGS_SQL).all(...range) as {
    grouping: Grouping;
    key: string | number;
    label: string | null;
    count: number;
  }[]) {
    groups[r.grouping].push({ key: String(r.key), label: r.label, count: r.count });
  }
  const countOf = (grouping: Grouping, test: (key: number) => boolean) =>
    groups[grouping].reduce((sum, g) => (test(Number(g.key)) ? sum + g.count : sum), 0);
  const total = groups.matter.reduce((sum, g) => sum + g.count, 0);
  // A deadline extension is rare: the cases that have one (case_extensions), those received in the range.
  // CROSS JOIN keeps that order: otherwise the planner may walk the year's cases and look each one up.
  const { extended } = cachedStatement(
    db,
    `SELECT count(*) AS extended
     FROM (SELECT DISTINCT e.case_id FROM case_events e WHERE e.type = 'case.deadline_extended') x
     CROSS JOIN cases c ON c.case_id = x.case_id WHERE c.received_day BETWEEN ? AND ?`,
  ).get(...range) as { extended: number };
  const endings = cachedStatement(
    db,
    `SELECT ${ENDING_COLUMNS} FROM cases c
     WHERE c.received_day BETWEEN ? AND ? AND (c.concluded_at IS NOT NULL OR c.status IN (${CONCLUDED_STATUSES.join(', ')}))`,
  );
  endings.setReturnArrays(true);
  const ended = conclusions(endings.all(...range) as unknown as Ending[]);
  const rate = (count: number | null, of: number) => ({
    count: count ?? 0,
    of,
    rate: of > 0 ? (count ?? 0) / of : null,
  });
  const ratings = [0, 0, 0, 0, 0];
  for (const g of groups.rating) ratings[Number(g.key) - 1] = g.count;
  const rated = countOf('rating', () => true);
  const consultations = db
    .prepare(
      'SELECT count(*) AS count, coalesce(sum(minutes), 0) AS minutes FROM consultations WHERE day BETWEEN ? AND ?',
    )
    .get(...range) as { count: number; minutes: number };
  return {
    from,
    to,
    total,
    byMatter: groups.matter,
    byStatus: groups.status,
    byClerk: groups.clerk,
    byRegion: groups.region,
    concluded: ended.concluded,
    withdrawn: countOf('status', (status) => status === 2),
    extended,
    // Of the conclusions whose time is known.
    onTheSpot: rate(ended.onTheSpot, ended.timed),
    sameDay: rate(ended.sameDay, ended.timed),
    onTime: rate(ended.onTime, ended.withDeadline),
    onTimeProvisional: ended.provisional,
    averageHandlingHours: ended.timed > 0 ? ended.hours / ended.timed : null,
    evaluations: {
      ratings,
      total: rated,
      bad: rate(
        countOf('rating', (rating) => rating <= 2),
        rated,
      ),
    },
    consultations,
    queue: queueStatistics(
      (
        cachedStatement(
          db,
          `SELECT c.queue_ticket, c.ticket_taken_at, c.intake_started_at, c.received_at FROM cases c
           WHERE c.received_day BETWEEN ? AND ? AND c.intake_started_at IS NOT NULL`,
        ).all(...range) as {
          queue_ticket: string | null;
          ticket_taken_at: string | null;
          intake_started_at: string;
          received_at: string;
        }[]
      ).map((c) =>
        queueTimesOf({
          queueTicket: c.queue_ticket,
          ticketTakenAt: c.ticket_taken_at,
          intakeStartedAt: c.intake_started_at,
          submittedAt: c.received_at,
        }),
      ),
    ),
  };
}
