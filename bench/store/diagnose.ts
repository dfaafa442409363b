// Where a missed target's time goes: the same connection, proxied so that
// every statement the real code prepares and runs is recorded with its time,
// and each statement's query plan.
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { summarise } from '../support/timing.ts';
import { bindChainKeys, boundChainKeys } from '../../electron/backend/services/chain-keys.ts';

interface TracedStatement {
  sql: string;
  params: SQLInputValue[];
  ms: number;
}

/** The same connection, recording every statement the real code prepares and runs, with its time. */
function traced(db: DatabaseSync, log: TracedStatement[]): DatabaseSync {
  const wrap = (sql: string, stmt: StatementSync): StatementSync =>
    new Proxy(stmt, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== 'function') return value;
        if (prop !== 'get' && prop !== 'all' && prop !== 'run') return value.bind(target);
        return (...params: SQLInputValue[]) => {
          const t = performance.now();
          const result = (value as (...p: SQLInputValue[]) => unknown).apply(target, params);
          log.push({ sql, params, ms: performance.now() - t });
          return result;
        };
      },
    });
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop === 'prepare') return (sql: string) => wrap(sql, target.prepare(sql));
      if (prop === 'exec') {
        return (sql: string) => {
          const t = performance.now();
          target.exec(sql);
          log.push({ sql, params: [], ms: performance.now() - t });
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export function queryPlan(db: DatabaseSync, sql: string, params: SQLInputValue[]): string[] {
  if (!/^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)/i.test(sql)) return [];
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as {
    id: number;
    parent: number;
    detail: string;
  }[];
  const depth = new Map<number, number>([[0, -1]]);
  return rows.map((r) => {
    const d = (depth.get(r.parent) ?? -1) + 1;
    depth.set(r.id, d);
    return `${'  '.repeat(d)}${r.detail}`;
  });
}

export interface StatementReport {
  sql: string;
  calls: number;
  p50_ms: number;
  p95_ms: number;
  plan: string[];
}

/** Which statements an operation spends its time in, with their query plans. */
export function diagnose(
  db: DatabaseSync,
  runs: number,
  work: (tracedDb: DatabaseSync, i: number) => void,
): StatementReport[] {
  const log: TracedStatement[] = [];
  const tdb = traced(db, log);
  // A submit writes chain links keyed per connection: the traced wrapper writes for the same connection.
  const chainKeys = boundChainKeys(db);
  if (chainKeys) bindChainKeys(tdb, chainKeys);
  for (let i = 0; i < runs; i++) work(tdb, i);
  const bySql = new Map<string, TracedStatement[]>();
  for (const entry of log) bySql.set(entry.sql, [...(bySql.get(entry.sql) ?? []), entry]);
  return [...bySql]
    .map(([sql, entries]) => {
      const t = summarise(entries.map((e) => e.ms));
      return {
        sql: sql.replace(/\s+/g, ' ').trim(),
        calls: entries.length,
        p50_ms: t.p50,
        p95_ms: t.p95,
        plan: queryPlan(db, sql, entries[0]!.params),
      };
    })
    .sort((a, b) => b.p95_ms * b.calls - a.p95_ms * a.calls);
}
