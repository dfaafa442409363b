import type { Migration } from './types.ts';

// Sync with the exchange servers: the device's signing key, each remote's
// enrollment and pull cursor, and the quarantine of events a server refused;
// and the receipt printer of the device.
export const migration0003: Migration = {
  version: 3,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE device_key (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        public_key TEXT NOT NULL, -- Ed25519, SPKI DER base64
        private_key_enc TEXT NOT NULL, -- PKCS#8 DER, encrypted with the device key
        created_at TEXT NOT NULL
      ) STRICT;

      -- The printer receipts go to in the desktop app; the system default when NULL.
      ALTER TABLE device ADD COLUMN receipt_printer TEXT;

      ALTER TABLE remotes ADD COLUMN name TEXT;
      ALTER TABLE remotes ADD COLUMN server_device_id TEXT; -- our id on that server, from enrollment
      ALTER TABLE remotes ADD COLUMN scope TEXT; -- JSON, from enrollment
      ALTER TABLE remotes ADD COLUMN pull_cursor INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE remotes ADD COLUMN last_attempt_at TEXT;
      ALTER TABLE remotes ADD COLUMN last_success_at TEXT;
      ALTER TABLE remotes ADD COLUMN last_error TEXT;

      CREATE TABLE quarantine (
        event_id TEXT PRIMARY KEY REFERENCES case_events (event_id),
        remote_id TEXT NOT NULL REFERENCES remotes (remote_id),
        case_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        detail TEXT,
        winner_event_id TEXT,
        winner_type TEXT,
        quarantined_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX quarantine_by_case ON quarantine (case_id);
      CREATE INDEX outbox_events_by_remote ON outbox_events (remote_id, enqueued_at);
    `);
  },
};
