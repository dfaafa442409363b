import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../store/migrations/index.ts';
import { caseStatistics } from './supervision-stats.ts';

interface Row {
  id: string;
  day: string;
  status?: number;
  queue?: [ticket: string, takenAt: string, startedAt: string];
}

/** The device's schema, in memory, with case rows and events as the statistics read them. */
function database(rows: Row[], events: [caseId: string, type: string][]): DatabaseSync {
  const db = new DatabaseSync(':memory:');
  for (const m of MIGRATIONS) m.up(db);
  db.exec('PRAGMA foreign_keys = OFF');
  const insert = db.prepare(
    `INSERT INTO cases (case_id, case_no, matter_id, catalog_version, intake_region, handling_region, remote_id,
       status, sub_state, sync_state, applicant_masked_name, applicant_masked_id, applicant_id_kind, priority,
       received_at, received_day, deadline_provisional, content_hash, detail_enc, updated_at,
       queue_ticket, ticket_taken_at, intake_started_at)
     VALUES (?, ?, 'KST-SI-004', 'v1', '360430', '421127', 'r1', ?, 's', 'synced', '张*', '3604********1234',
       'resident_id', 0, ?, ?, 0, 'h', 'x', 'now', ?, ?, ?)`,
  );
  for (const r of rows) {
    const [ticket, taken, started] = r.queue ?? [null, null, null];
    insert.run(r.id, `no-${r.id}`, r.status ?? 3, `${r.day}T02:00:00.000Z`, r.day, ticket, taken, started);
  }
  const event = db.prepare(
    `INSERT INTO case_events (event_id, case_id, case_seq, type, payload_enc, actor_user_id, actor_role, device_id,
       occurred_at, content_hash) VALUES (?, ?, ?, ?, 'x', 'u1', 'handling_officer', 'd', 'now', 'h')`,
  );
  events.forEach(([caseId, type], i) => event.run(`e${i}`, caseId, i + 1, type));
  return db;
}

describe('caseStatistics', () => {
  it('counts a case with deadline extensions once, and only when received in the range', () => {
    const db = database(
      [
        { id: 'twice', day: '2026-03-02' },
        { id: 'once', day: '2026-03-03' },
        { id: 'none', day: '2026-03-03' },
        { id: 'before', day: '2026-02-27' },
      ],
      [
        ['twice', 'case.deadline_extended'],
        ['twice', 'case.deadline_extended'],
        ['once', 'case.deadline_extended'],
        ['none', 'case.accepted'],
        ['before', 'case.deadline_extended'],
      ],
    );
    const stats = caseStatistics(db, '2026-03-01', '2026-03-31');
    expect(stats.total).toBe(3);
    expect(stats.extended).toBe(2);
    expect(caseStatistics(db, '2026-02-01', '2026-03-31').extended).toBe(3);
  });

  it('times the queue of the cases with a ticket, and counts each grouping in order', () => {
    const db = database(
      [
        {
          id: 'a',
          day: '2026-03-02',
          status: 1,
          queue: ['A001', '2026-03-02T01:00:00.000Z', '2026-03-02T01:20:00.000Z'],
        },
        {
          id: 'b',
          day: '2026-03-02',
          status: 2,
          queue: ['A002', '2026-03-02T01:10:00.000Z', '2026-03-02T01:50:00.000Z'],
        },
        { id: 'c', day: '2026-03-03', status: 2 },
      ],
      [],
    );
    const stats = caseStatistics(db, '2026-03-01', '2026-03-31');
    // 20 and 40 minutes waiting; serving until received at 02:00, 40 and 10 minutes.
    expect(stats.queue).toEqual({
      waiting: { count: 2, averageMinutes: 30, p90Minutes: 40 },
      serving: { count: 2, averageMinutes: 25, p90Minutes: 40 },
    });
    expect(stats.byStatus).toEqual([
      { key: '2', label: null, count: 2 },
      { key: '1', label: null, count: 1 },
    ]);
    expect(stats.withdrawn).toBe(2);
  });

  it('reads the case rows through indexes alone, and the counts from the per-day summary', () => {
    const db = database([{ id: 'a', day: '2026-03-02' }], []);
    const texts: string[] = [];
    const traced = new Proxy(db, {
      get(target, prop) {
        if (prop === 'prepare') {
          return (sql: string) => {
            texts.push(sql);
            return target.prepare(sql);
          };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    caseStatistics(traced, '2026-03-01', '2026-03-31');
    const groupings = texts.find((sql) => /FROM case_day_counts/.test(sql))!;
    expect(
      (db.prepare(`EXPLAIN QUERY PLAN ${groupings}`).all('2026-03-01', '2026-03-31') as { detail: string }[]).map(
        (step) => step.detail,
      ),
    ).toContain('SEARCH case_day_counts USING PRIMARY KEY (day>? AND day<?)');
    const plans = texts
      .filter((sql) => /\bcases c\b/.test(sql))
      .map((sql) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('2026-03-01', '2026-03-31') as { detail: string }[]).map(
          (step) => step.detail,
        ),
      );
    expect(plans).toHaveLength(3);
    for (const plan of plans) {
      const reads = plan.filter((step) => /^(SCAN|SEARCH) (c|e)\b/.test(step));
      expect(reads.length, plan.join('\n')).toBeGreaterThan(0);
      for (const step of reads) {
        // The case rows by their statistics or queue index, the extensions by theirs, a case by its id.
        expect(step, plan.join('\n')).toMatch(
          /USING COVERING INDEX (cases_by_received_day|cases_queue_times|case_extensions)|USING INDEX sqlite_autoindex_cases_1 \(case_id=\?\)/,
        );
      }
    }
  });
});
