import type { Migration } from './types.ts';

// Deadlines are no longer all working days: labour-dispute periods run in
// calendar days, so a running clock's mark, worked out when a list is read,
// needs the unit its dates were counted in. A matter may also give the
// handling place a limit for deciding on acceptance, read until it decides.
// Cases already here were counted in working days; the backend counts an
// open case's clock again in its matter's unit when it starts.
export const migration0007: Migration = {
  version: 7,
  name: 'deadline-units',
  up(db) {
    db.exec(`
      ALTER TABLE cases ADD COLUMN deadline_unit TEXT NOT NULL DEFAULT 'working_days'
        CHECK (deadline_unit IN ('working_days', 'calendar_days'));
      ALTER TABLE cases ADD COLUMN acceptance_deadline TEXT;
    `);
  },
};
