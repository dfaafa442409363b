import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from './types.ts';

// Three landed migrations were changed after devices could have run them, and
// a device that had run the first version never runs the second. This brings
// such a device to the schema the changed versions give, and changes nothing
// on a device that ran them as they are now:
// - 0003 gained the device's receipt printer;
// - 0004 gained the case row's clock mark and 好差评 rating (both start empty:
//   the backend writes them as events are recorded, and a rating's payload is
//   encrypted, out of a migration's reach);
// - 0005's statistics index came to cover every column the statistics read.
// Columns added here come last in their table; nothing reads them by position.
export const migration0009: Migration = {
  version: 9,
  name: 'catch-up',
  up(db) {
    addColumn(db, 'device', 'receipt_printer', 'TEXT');
    addLaterColumnsOf0004(db);
    const columns = (db.prepare("PRAGMA index_info('cases_by_received_day')").all() as { name: string }[]).map(
      (c) => c.name,
    );
    if (columns.join() !== STATISTICS_COLUMNS.join()) {
      db.exec(`
        DROP INDEX IF EXISTS cases_by_received_day;
        CREATE INDEX cases_by_received_day ON cases (${STATISTICS_COLUMNS.join(', ')});
      `);
    }
  },
};

/** The columns of 0005's statistics index, in its order. */
const STATISTICS_COLUMNS = [
  'received_day',
  'matter_id',
  'status',
  'clerk_user_id',
  'origin',
  'handling_region',
  'intake_region',
  'evaluation',
  'concluded_at',
  'received_at',
  'promised_deadline',
];

/**
 * The case-row columns 0004 gained after it landed. 0005 indexes `evaluation`,
 * so a device still at the first 0004 gains them just before 0005 runs too
 * (see index.ts); on any other device this finds them there and does nothing.
 */
export function addLaterColumnsOf0004(db: DatabaseSync): void {
  addColumn(db, 'cases', 'clock_mark', "TEXT NOT NULL DEFAULT 'none'");
  addColumn(db, 'cases', 'evaluation', 'INTEGER');
}

function addColumn(db: DatabaseSync, table: string, column: string, definition: string): void {
  const present = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).some(
    (c) => c.name === column,
  );
  if (!present) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
}
