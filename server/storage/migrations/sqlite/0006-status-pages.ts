// The public status page ("where is my case?"): per case, its number, the hash
// of the short code on its receipt, where the result is collected, since when
// its status stands and the paper's stage, kept as events arrive so that the
// page reads no payload (payloads are sealed). Cases that arrived before this
// step have no row: their receipts carry no code.
import type { Migration } from '../../migrate.ts';

export const migration0006: Migration = {
  version: 6,
  name: 'status-pages',
  up(db) {
    db.exec(`
      CREATE TABLE status_pages (
        case_id TEXT PRIMARY KEY REFERENCES cases (case_id),
        case_no TEXT NOT NULL,
        code_hash TEXT, -- null: the receipt carries no code, and the page does not open
        collect TEXT NOT NULL,
        status_at TEXT NOT NULL,
        stage TEXT
      ) STRICT;
      CREATE INDEX status_pages_case_no ON status_pages (case_no);
    `);
  },
};
