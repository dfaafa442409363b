// The status pages in the SQLite store (migration 0006): written inside the
// append's transaction, read by case number for the public page.
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { StatusPageRecord, StatusPageUpdate } from './contract.ts';
import { STATUS_PAGES_OF_NUMBER, statusPageWrite, toStatusPage, type StatusPageRow } from './status-page-rows.ts';

/** SQLite numbers its parameters ?1, ?2…; the shared statements write $1, $2… as PostgreSQL does. */
const numbered = (sql: string): string => sql.replace(/\$(\d+)/g, '?$1');

/** Runs inside the store's append transaction. */
export function write(db: DatabaseSync, caseId: string, update: StatusPageUpdate): void {
  const statement = statusPageWrite(caseId, update);
  if (statement) db.prepare(numbered(statement.sql)).run(...(statement.params as SQLInputValue[]));
}

export function read(db: DatabaseSync, caseNo: string): StatusPageRecord[] {
  const rows = db.prepare(numbered(STATUS_PAGES_OF_NUMBER)).all(caseNo) as unknown as StatusPageRow[];
  return rows.map(toStatusPage);
}
