// Data at rest and its retention: the highest cursor each device pulled with
// (every event up to it reached the device: what "acknowledged" means to the
// retention job), when a case's payloads were last purged, and the hash and
// size of each blob purged. Payloads and blobs are sealed by the server itself
// (server/at-rest/), each record naming its key id, so no key column is needed.
import type { Migration } from '../../migrate.ts';

export const migration0004: Migration = {
  version: 4,
  name: 'at-rest',
  up(db) {
    db.exec(`
      CREATE TABLE device_pulls (
        device_id TEXT PRIMARY KEY REFERENCES devices (device_id),
        cursor INTEGER NOT NULL,
        pulled_at TEXT NOT NULL
      ) STRICT;

      ALTER TABLE cases ADD COLUMN purged_at TEXT;
      CREATE INDEX cases_status ON cases (status);

      CREATE TABLE purged_blobs (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        purged_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
