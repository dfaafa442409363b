// Anchors in PostgreSQL, the tables of the SQLite store's 0003: the head of
// each day a device closed, never replaced, and each device's highest day.
import type { PostgresMigration } from './types.ts';

export const migration0003: PostgresMigration = {
  version: 3,
  name: 'anchors',
  sql: `
    CREATE TABLE anchors (
      device_id text NOT NULL REFERENCES devices (device_id),
      day text NOT NULL,
      chain_head text NOT NULL,
      events integer NOT NULL,
      audit_seq integer,
      audit_head text,
      local_device_id text NOT NULL,
      signature text NOT NULL,
      received_at text NOT NULL,
      PRIMARY KEY (device_id, day)
    );

    CREATE TABLE anchor_heights (
      device_id text PRIMARY KEY REFERENCES devices (device_id),
      highest_day text NOT NULL,
      updated_at text NOT NULL
    );
  `,
};
