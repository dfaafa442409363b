// Rollback detection, as the SQLite store's 0005: per device, the highest
// position in its own record of events it has reported, and the last recovery
// from a backup it announced.
import type { PostgresMigration } from './types.ts';

export const migration0005: PostgresMigration = {
  version: 5,
  name: 'device-positions',
  sql: `
    CREATE TABLE device_positions (
      device_id text PRIMARY KEY REFERENCES devices (device_id),
      highest_seq bigint NOT NULL,
      updated_at text NOT NULL,
      recovered_at text,
      recovered_from text,
      recovered_seq bigint
    );
  `,
};
