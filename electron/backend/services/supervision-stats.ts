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
import { daysBetween } from './supervision-cases.ts';

/** A case received in the range, as far as its clock's end is concerned. */
interface Ending {
  status: CaseStatusCode;
  received_at: string;
  received_day: string;
  concluded_at: string | null;
  concluded_day: string | null;
  promised_deadline: string | null;
  statutory_deadline: string | null;
  deadline_provisional: number;
}

const HOUR_MS = 3_600_000;

/**
 * How many were concluded, how fast and how punctually: clockOutcome decides
 * which cases are conclusions and whether each was on time, as the case
 * screen, the lists and the ledger read it. A case not accepted or withdrawn
 * is no conclusion, on time or late.
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
  for (const c of endings) {
    const outcome = clockOutcome({
      status: c.status,
      concludedDay: c.concluded_day,
      promised: c.promised_deadline,
      statutory: c.statutory_deadline,
    });
    if (!isConclusion(outcome)) continue;
    tally.concluded += 1;
    if (outcome !== 'concluded') {
      tally.withDeadline += 1;
      if (outcome === 'on_time') tally.onTime += 1;
      if (c.deadline_provisional) tally.provisional += 1;
    }
    if (c.concluded_at === null) continue;
    tally.timed += 1;
    const hours = (Date.parse(c.concluded_at) - Date.parse(c.received_at)) / HOUR_MS;
    tally.hours += hours;
    if (hours <= 1) tally.onTheSpot += 1;
    if (c.concluded_day === c.received_day) tally.sameDay += 1;
  }
  return tally;
}

/** Cases received in [from, to] (local days). */
/** All but the rectification items, which the supervision service adds (rectifications.ts). */
export function caseStatistics(db: DatabaseSync, from: string, to: string): Omit<Stats, 'rectifications'> {
  if (from > to || daysBetween(from, to) > MAX_STATS_DAYS) {
    throw rejected('range_invalid', 'The date range is not valid.', { maxDays: MAX_STATS_DAYS });
  }
  const range = [from, to];
  const grouped = (expression: string, label = 'NULL', join = ''): Stats['byMatter'] =>
    (
      db
        .prepare(
          `SELECT ${expression} AS key, ${label} AS label, count(*) AS count FROM cases c ${join}
           WHERE c.received_day BETWEEN ? AND ? GROUP BY 1 ORDER BY count DESC, key`,
        )
        .all(...range) as { key: string | number | null; label: string | null; count: number }[]
    ).map((r) => ({ key: String(r.key ?? ''), label: r.label, count: r.count }));

  const totals = db
    .prepare(
      `SELECT count(*) AS total, count(c.evaluation) AS rated, sum(c.evaluation <= 2) AS bad,
         coalesce(sum(c.status = 2), 0) AS withdrawn,
         coalesce(sum(EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.case_id
           AND e.type = 'case.deadline_extended')), 0) AS extended
       FROM cases c WHERE c.received_day BETWEEN ? AND ?`,
    )
    .get(...range) as { total: number; rated: number; bad: number | null; withdrawn: number; extended: number };
  const ended = conclusions(
    db
      .prepare(
        `SELECT c.status, c.received_at, c.received_day, c.concluded_at, date(c.concluded_at, 'localtime') AS concluded_day,
           c.promised_deadline, c.statutory_deadline, c.deadline_provisional
         FROM cases c WHERE c.received_day BETWEEN ? AND ? AND (c.concluded_at IS NOT NULL OR c.status IN (${CONCLUDED_STATUSES.join(', ')}))`,
      )
      .all(...range) as unknown as Ending[],
  );
  const rate = (count: number | null, of: number) => ({
    count: count ?? 0,
    of,
    rate: of > 0 ? (count ?? 0) / of : null,
  });
  const ratings = [0, 0, 0, 0, 0];
  for (const r of db
    .prepare(
      `SELECT c.evaluation AS rating, count(*) AS n FROM cases c
       WHERE c.received_day BETWEEN ? AND ? AND c.evaluation IS NOT NULL GROUP BY 1`,
    )
    .all(...range) as { rating: number; n: number }[]) {
    ratings[r.rating - 1] = r.n;
  }
  const consultations = db
    .prepare(
      'SELECT count(*) AS count, coalesce(sum(minutes), 0) AS minutes FROM consultations WHERE day BETWEEN ? AND ?',
    )
    .get(...range) as { count: number; minutes: number };
  return {
    from,
    to,
    total: totals.total,
    byMatter: grouped('c.matter_id'),
    byStatus: grouped('c.status'),
    byClerk: grouped('c.clerk_user_id', 'u.display_name', 'LEFT JOIN users u ON u.user_id = c.clerk_user_id'),
    byRegion: grouped(`CASE c.origin WHEN 'intake' THEN c.handling_region ELSE c.intake_region END`),
    concluded: ended.concluded,
    withdrawn: totals.withdrawn,
    extended: totals.extended,
    // Of the conclusions whose time is known.
    onTheSpot: rate(ended.onTheSpot, ended.timed),
    sameDay: rate(ended.sameDay, ended.timed),
    onTime: rate(ended.onTime, ended.withDeadline),
    onTimeProvisional: ended.provisional,
    averageHandlingHours: ended.timed > 0 ? ended.hours / ended.timed : null,
    evaluations: { ratings, total: totals.rated, bad: rate(totals.bad, totals.rated) },
    consultations,
    queue: queueStatistics(
      (
        db
          .prepare(
            `SELECT c.queue_ticket, c.ticket_taken_at, c.intake_started_at, c.received_at FROM cases c
             WHERE c.received_day BETWEEN ? AND ? AND c.intake_started_at IS NOT NULL`,
          )
          .all(...range) as {
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
