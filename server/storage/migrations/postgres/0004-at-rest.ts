// Data at rest and its retention: the highest cursor each device pulled with
// (every event up to it reached the device: what "acknowledged" means to the
// retention job), when a case's payloads were last purged, and the hash and
// size of each blob purged. Payloads and blobs are sealed by the server itself
// (server/at-rest/), each record naming its key id, so no key column is needed.
import type { PostgresMigration } from './types.ts';

export const migration0004: PostgresMigration = {
  version: 4,
  name: 'at-rest',
  sql: `
    CREATE TABLE device_pulls (
      device_id text PRIMARY KEY REFERENCES devices (device_id),
      cursor bigint NOT NULL,
      pulled_at text NOT NULL
    );

    ALTER TABLE cases ADD COLUMN purged_at text;
    CREATE INDEX cases_status ON cases (status);

    CREATE TABLE purged_blobs (
      sha256 text PRIMARY KEY,
      size bigint NOT NULL,
      purged_at text NOT NULL
    );
  `,
};
