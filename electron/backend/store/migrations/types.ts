import type { DatabaseSync } from 'node:sqlite';

/** One schema step. Each migration file has a test beside it. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /**
   * Rebuilds a table that others reference (SQLite cannot alter a column's
   * constraints): the runner turns foreign keys off around the transaction and
   * checks every reference before it commits, as SQLite's documentation says.
   */
  readonly rebuildsTables?: boolean;
  up(db: DatabaseSync): void;
}
