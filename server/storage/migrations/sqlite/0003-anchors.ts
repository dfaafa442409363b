// Anchors: the head of each day a device closed, as the device signed it,
// one per device and day, never replaced; and the highest day each device has
// anchored, which a device whose data went back in time cannot undo.
import type { Migration } from '../../migrate.ts';

export const migration0003: Migration = {
  version: 3,
  name: 'anchors',
  up(db) {
    db.exec(`
      CREATE TABLE anchors (
        device_id TEXT NOT NULL REFERENCES devices (device_id),
        day TEXT NOT NULL,
        chain_head TEXT NOT NULL,
        events INTEGER NOT NULL,
        audit_seq INTEGER,
        audit_head TEXT,
        local_device_id TEXT NOT NULL,
        signature TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (device_id, day)
      ) STRICT;

      CREATE TABLE anchor_heights (
        device_id TEXT PRIMARY KEY REFERENCES devices (device_id),
        highest_day TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
