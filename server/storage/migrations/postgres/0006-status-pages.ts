// The public status page, as the SQLite store's 0006: per case, its number,
// the hash of the short code on its receipt, where the result is collected,
// since when its status stands and the paper's stage, kept as events arrive.
import type { PostgresMigration } from './types.ts';

export const migration0006: PostgresMigration = {
  version: 6,
  name: 'status-pages',
  sql: `
    CREATE TABLE status_pages (
      case_id text PRIMARY KEY REFERENCES cases (case_id),
      case_no text NOT NULL,
      code_hash text,
      collect text NOT NULL,
      status_at text NOT NULL,
      stage text
    );
    CREATE INDEX status_pages_case_no ON status_pages (case_no);
  `,
};
