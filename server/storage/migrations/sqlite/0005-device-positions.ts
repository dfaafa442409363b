// Rollback detection: per device, the highest position in its own record of
// events it has reported (the count of events it made), and the last recovery
// from a backup it announced. A device that later reports less holds an older
// copy of its data.
import type { Migration } from '../../migrate.ts';

export const migration0005: Migration = {
  version: 5,
  name: 'device-positions',
  up(db) {
    db.exec(`
      CREATE TABLE device_positions (
        device_id TEXT PRIMARY KEY REFERENCES devices (device_id),
        highest_seq INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        recovered_at TEXT,
        recovered_from TEXT, -- the time of the backup it said it restored
        recovered_seq INTEGER -- where it stood right after the restore
      ) STRICT;
    `);
  },
};
