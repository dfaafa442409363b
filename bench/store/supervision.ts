// Supervision on a benchmark database: Supervision.ledger for its busiest day
// and Supervision.stats over its last year, each run's result checked against
// counts made with plain SQL, after the event chain of the days measured is
// recomputed from the stored events.
import { statSync } from 'node:fs';
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { CaseClocks } from '../../electron/backend/services/case-clock.ts';
import { checkDay, sealDay } from '../../electron/backend/services/event-chain.ts';
import { Supervision } from '../../electron/backend/services/supervision.ts';
import { localDay } from '../../shared/local-time.ts';
import { uuidv7DayRange } from '../generate/days.ts';
import { fmt } from '../support/progress.ts';
import { describeTiming, measure } from '../support/timing.ts';
import { DEVICE_SPAN_DAYS, warmPageCache, type Meta, type OpenedDatabase, type Target } from './data-dir.ts';
import { say } from './say.ts';

/** The day `days` calendar days after a local YYYY-MM-DD day (negative: before). */
function shiftDay(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return localDay(new Date(y, m - 1, d + days));
}

/**
 * The supervisor's tab: Supervision.ledger for the database's busiest day (the most
 * cases touched) and Supervision.stats over its last 365 days, each result
 * checked against counts made with plain SQL, without the event chain or the
 * statistics' own statements. Also checks the chain links of every day (the
 * device) or of the busiest and the last day (the hall: 5,000,000 links).
 */
export function measureSupervision(
  t: Target,
  meta: Meta,
  opened: OpenedDatabase,
  runs: { ledger: number; stats: number; allDays: boolean },
) {
  const { db, settings, keys, catalog } = opened;
  const make = (d: DatabaseSync) => new Supervision(d, keys, catalog, new CaseClocks(d, keys, catalog));
  const supervision = make(db);
  const one = (sql: string, ...params: SQLInputValue[]) => (db.prepare(sql).get(...params) as { n: number }).n;
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`wrong result (${t.label} database): ${what}`);
  };

  // What a day's ledger must hold, counted without the chain: the events whose time (their UUIDv7 id,
  // made by the generator from the event's own time) falls in that local day, their cases, its consultations.
  const expectedOn = (day: string) => {
    const ids = uuidv7DayRange(day);
    return {
      cases: one('SELECT count(DISTINCT case_id) AS n FROM case_events WHERE event_id >= ? AND event_id < ?', ...ids),
      events: one('SELECT count(*) AS n FROM case_events WHERE event_id >= ? AND event_id < ?', ...ids),
      consultations: one('SELECT count(*) AS n FROM consultations WHERE day = ?', day),
    };
  };
  // The busy day: of the 10 days with the most events recorded, the one with the most cases touched.
  const candidates = (
    db.prepare('SELECT day FROM event_chain GROUP BY day ORDER BY count(*) DESC, day DESC LIMIT 10').all() as {
      day: string;
    }[]
  ).map((r) => ({ day: r.day, ...expectedOn(r.day) }));
  const { day, ...expectedDay } = candidates.reduce((a, b) => (b.cases > a.cases ? b : a));
  if (runs.allDays) {
    // And by the events' stored times too (a full scan: only on the device).
    const onDay = "date(occurred_at, 'localtime') = ?";
    check(
      one(`SELECT count(DISTINCT case_id) AS n FROM case_events WHERE ${onDay}`, day) === expectedDay.cases &&
        one(`SELECT count(*) AS n FROM case_events WHERE ${onDay}`, day) === expectedDay.events,
      `event ids and times of ${day} disagree`,
    );
  }

  // The links recompute from the stored events (what the end-of-day close checks).
  const t0 = performance.now();
  const days = runs.allDays
    ? (db.prepare('SELECT DISTINCT day FROM event_chain ORDER BY day').all() as { day: string }[]).map((r) => r.day)
    : [day, meta.lastDay];
  let checkedLinks = 0;
  for (const d of days) {
    const sealed = sealDay(db, d);
    const problems = checkDay(db, d, sealed);
    check(problems.length === 0, `the event chain of ${d}: ${JSON.stringify(problems.slice(0, 3))}`);
    checkedLinks += sealed.events;
  }
  const links = one('SELECT count(*) AS n FROM event_chain');
  check(links === one('SELECT count(*) AS n FROM case_events'), 'one chain link per event');
  say(
    `${t.label}: the chain links of ${days.length} day(s) (${fmt(checkedLinks)} of ${fmt(links)}) check out ` +
      `(${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );

  const ledgerDay = (s = supervision) => {
    const ledger = s.ledger({ day }, null);
    const activities = ledger.rows.reduce((sum, r) => sum + r.activities.length, 0);
    check(
      ledger.rows.length === expectedDay.cases,
      `ledger of ${day}: ${ledger.rows.length} cases, not ${expectedDay.cases}`,
    );
    check(activities === expectedDay.events, `ledger of ${day}: ${activities} events, not ${expectedDay.events}`);
    check(ledger.consultations.length === expectedDay.consultations, `ledger of ${day}: consultations`);
  };

  // A year: the 365 days ending on the data's last day.
  const range = { from: shiftDay(meta.lastDay, -(DEVICE_SPAN_DAYS - 1)), to: meta.lastDay };
  const inRange = (sql: string) => one(`${sql} WHERE received_day BETWEEN ? AND ?`, range.from, range.to);
  const expectedYear = {
    total: inRange('SELECT count(*) AS n FROM cases'),
    concluded: inRange('SELECT count(concluded_at) AS n FROM cases'),
    rated: inRange('SELECT count(evaluation) AS n FROM cases'),
    consultations: one('SELECT count(*) AS n FROM consultations WHERE day BETWEEN ? AND ?', range.from, range.to),
  };
  const statsYear = (s = supervision) => {
    const stats = s.stats(range.from, range.to);
    const sum = (groups: { count: number }[]) => groups.reduce((a, g) => a + g.count, 0);
    check(stats.total === expectedYear.total, `stats: total ${stats.total}, not ${expectedYear.total}`);
    for (const by of ['byMatter', 'byStatus', 'byClerk', 'byRegion'] as const) {
      check(sum(stats[by]) === expectedYear.total, `stats: ${by} adds up to ${sum(stats[by])}`);
    }
    check(stats.concluded === expectedYear.concluded, 'stats: concluded');
    check(stats.evaluations.total === expectedYear.rated, 'stats: evaluations');
    check(stats.evaluations.ratings.reduce((a, b) => a + b, 0) === expectedYear.rated, 'stats: ratings');
    check(stats.consultations.count === expectedYear.consultations, 'stats: consultations');
  };

  const warmSeconds = warmPageCache(t.file);
  const results = {
    ledger_day: measure(runs.ledger, () => ledgerDay()),
    stats_year: measure(runs.stats, () => statsYear()),
  };
  say(`${t.label}: ledger_day (${day}, ${fmt(expectedDay.cases)} cases): ${describeTiming(results.ledger_day)}`);
  say(
    `${t.label}: stats_year (${range.from} – ${range.to}, ${fmt(expectedYear.total)} cases): ${describeTiming(results.stats_year)}`,
  );
  const work: Record<keyof typeof results, (tdb: DatabaseSync) => void> = {
    ledger_day: (tdb) => ledgerDay(make(tdb)),
    stats_year: (tdb) => statsYear(make(tdb)),
  };
  const report = {
    cases: one('SELECT count(*) AS n FROM cases'),
    events: links,
    consultations: one('SELECT count(*) AS n FROM consultations'),
    windows: meta.windows,
    days: meta.days,
    first_day: meta.firstDay,
    last_day: meta.lastDay,
    seed: meta.seed,
    db_bytes: statSync(t.file).size,
    generate_seconds: meta.generateSeconds,
    chain_days_checked: days.length,
    page_cache_warmed_in_s: warmSeconds,
    ledger_day: { day, ...expectedDay, runs: runs.ledger, timing_ms: results.ledger_day },
    stats_year: {
      ...range,
      cases: expectedYear.total,
      concluded: expectedYear.concluded,
      rated: expectedYear.rated,
      consultations: expectedYear.consultations,
      runs: runs.stats,
      timing_ms: results.stats_year,
    },
    settings,
  };
  return { db, results, work, report };
}
