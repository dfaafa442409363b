// The status pages in PostgreSQL (migration 0006): written inside the
// append's transaction after its cases, in the order the events were judged;
// read by case number for the public page.
import type { Pool, PoolClient } from 'pg';
import type { StatusPageRecord, StatusPageUpdate } from './contract.ts';
import { STATUS_PAGES_OF_NUMBER, statusPageWrite, toStatusPage, type StatusPageRow } from './status-page-rows.ts';

export async function write(
  client: PoolClient,
  updates: readonly { caseId: string; update: StatusPageUpdate }[],
): Promise<void> {
  for (const { caseId, update } of updates) {
    const statement = statusPageWrite(caseId, update);
    if (statement) await client.query(statement.sql, statement.params);
  }
}

export async function read(pool: Pool, caseNo: string): Promise<StatusPageRecord[]> {
  const { rows } = await pool.query<StatusPageRow>(STATUS_PAGES_OF_NUMBER, [caseNo]);
  return rows.map(toStatusPage);
}
