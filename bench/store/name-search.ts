// A proposal for the name search, measured when the real one misses its
// target, on the same data: the blind index walked in case-id order, stopping
// at the page, with the count capped.
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { blindToken, normaliseName } from '../../electron/backend/crypto/fields.ts';
import type { DeviceKeys } from '../../electron/backend/crypto/keys.ts';
import type { CaseQueries } from '../../electron/backend/services/cases.ts';
import { caseListInput } from '../../shared/rpc/contract.ts';
import { measure } from '../support/timing.ts';
import { queryPlan } from './diagnose.ts';
import { READER } from './hall.ts';
import { say } from './say.ts';

/**
 * The proposed name search: walk the blind index's primary key (kind, token,
 * case_id) backwards and stop at the page size — case ids are UUIDv7 of the
 * intake instant, so case_id DESC is the list's received_at DESC, case_id DESC —
 * and count at most 1,001 matches ("1,000+"). Also the exact count, for comparison.
 */
export function measureNameSearchProposal(
  db: DatabaseSync,
  keys: DeviceKeys,
  cases: CaseQueries,
  runs: number,
  prefix: (i: number) => string,
): Record<string, unknown> {
  const pageSql = `SELECT c.case_id, c.case_no, c.matter_id, c.status, c.sub_state, c.sync_state,
      c.applicant_masked_name, c.applicant_masked_id, c.applicant_id_kind, c.priority, c.received_at,
      u.display_name AS clerk, c.handling_region, c.promised_deadline, c.deadline_provisional
    FROM case_search s JOIN cases c ON c.case_id = s.case_id JOIN users u ON u.user_id = c.clerk_user_id
    WHERE s.kind = 'name' AND s.token = ? ORDER BY s.case_id DESC LIMIT ? OFFSET ?`;
  const cappedSql = `SELECT count(*) AS n FROM (SELECT 1 FROM case_search WHERE kind = 'name' AND token = ? LIMIT 1001)`;
  const exactSql = `SELECT count(*) AS n FROM case_search WHERE kind = 'name' AND token = ?`;
  const page = db.prepare(pageSql);
  const capped = db.prepare(cappedSql);
  const exact = db.prepare(exactSql);
  const token = (i: number) => blindToken(keys.blindIndex, 'name', normaliseName(prefix(i)));
  const rowsOf = (i: number) =>
    (page.all(token(i), 100, 0) as { case_id: string; priority: number }[]).map((r) => ({
      ...r,
      priority: r.priority === 1,
    }));
  // The same first page as the real list, in the same order.
  for (let i = 0; i < 20; i++) {
    const real = cases.list(caseListInput.parse({ query: prefix(i), limit: 100 }), READER).rows.map((r) => r.caseId);
    const proposed = rowsOf(i).map((r) => r.case_id);
    if (real.join() !== proposed.join()) throw new Error(`the proposed name search differs for "${prefix(i)}"`);
  }
  const withCapped = measure(runs, (i) => {
    rowsOf(i);
    capped.get(token(i));
  });
  const withExact = measure(runs, (i) => {
    rowsOf(i);
    exact.get(token(i));
  });
  say(`proposed name search: p95 ${withCapped.p95} ms with a capped count, ${withExact.p95} ms with an exact count`);
  const plan = (sql: string, params: SQLInputValue[]) => queryPlan(db, sql, params);
  return {
    same_first_page_as_real_list: true,
    with_capped_count_ms: withCapped,
    with_exact_count_ms: withExact,
    statements: {
      page: { sql: pageSql.replace(/\s+/g, ' '), plan: plan(pageSql, [token(0), 100, 0]) },
      capped_count: { sql: cappedSql, plan: plan(cappedSql, [token(0)]) },
      exact_count: { sql: exactSql, plan: plan(exactSql, [token(0)]) },
    },
  };
}
