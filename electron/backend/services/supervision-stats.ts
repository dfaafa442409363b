// Statistics (统计) over the cases received in a range of local days, at this
// window or arrived for this desk: counts by matter, status, clerk and partner
// region, how fast and how punctually they were concluded, the ratings, and
// the consultations of the same days.
import type { DatabaseSync } from 'node:sqlite';
import { rejected } from '../../../shared/rpc/framing.ts';
import { MAX_STATS_DAYS, type Stats } from '../../../shared/supervision/schemas.ts';
import { daysBetween } from './supervision-cases.ts';

interface Totals {
  total: number;
  concluded: number;
  on_the_spot: number | null;
  same_day: number | null;
  with_deadline: number | null;
  on_time: number | null;
  provisional: number | null;
  hours: number | null;
  rated: number;
  bad: number | null;
}

/** Cases received in [from, to] (local days). */
export function caseStatistics(db: DatabaseSync, from: string, to: string): Stats {
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
      `SELECT count(*) AS total,
         count(c.concluded_at) AS concluded,
         sum((julianday(c.concluded_at) - julianday(c.received_at)) * 24 <= 1) AS on_the_spot,
         sum(date(c.concluded_at, 'localtime') = c.received_day) AS same_day,
         sum(c.concluded_at IS NOT NULL AND c.promised_deadline IS NOT NULL) AS with_deadline,
         sum(date(c.concluded_at, 'localtime') <= c.promised_deadline) AS on_time,
         sum(c.concluded_at IS NOT NULL AND c.promised_deadline IS NOT NULL AND c.deadline_provisional) AS provisional,
         avg((julianday(c.concluded_at) - julianday(c.received_at)) * 24) AS hours,
         count(c.evaluation) AS rated,
         sum(c.evaluation <= 2) AS bad
       FROM cases c WHERE c.received_day BETWEEN ? AND ?`,
    )
    .get(...range) as unknown as Totals;
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
    concluded: totals.concluded,
    onTheSpot: rate(totals.on_the_spot, totals.concluded),
    sameDay: rate(totals.same_day, totals.concluded),
    onTime: rate(totals.on_time, totals.with_deadline ?? 0),
    onTimeProvisional: totals.provisional ?? 0,
    averageHandlingHours: totals.hours,
    evaluations: { ratings, total: totals.rated, bad: rate(totals.bad, totals.rated) },
    consultations,
  };
}
