// The exchange server's first schema: devices and their enrollment codes,
// request nonces, cases, events with their blobs, resumable uploads, catalog.
import type { Migration } from '../../migrate.ts';

export const migration0001: Migration = {
  version: 1,
  name: 'exchange',
  up(db) {
    db.exec(`
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      CREATE TABLE enrollment_codes (
        code_hash TEXT PRIMARY KEY,
        scope TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT,
        used_by TEXT
      ) STRICT;

      CREATE TABLE devices (
        device_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        public_key TEXT NOT NULL,
        scope TEXT NOT NULL,
        enrolled_at TEXT NOT NULL,
        last_seen_at TEXT,
        revoked_at TEXT
      ) STRICT;

      CREATE TABLE nonces (
        device_id TEXT NOT NULL REFERENCES devices (device_id),
        nonce TEXT NOT NULL,
        seen_at INTEGER NOT NULL,
        PRIMARY KEY (device_id, nonce)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX nonces_seen ON nonces (seen_at);

      CREATE TABLE cases (
        case_id TEXT PRIMARY KEY,
        origin_device_id TEXT NOT NULL REFERENCES devices (device_id),
        intake_region TEXT NOT NULL,
        handling_region TEXT NOT NULL,
        matter_id TEXT NOT NULL,
        status INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX cases_origin ON cases (origin_device_id);
      CREATE INDEX cases_handling ON cases (handling_region, matter_id);

      -- AUTOINCREMENT: a server_seq is never reused, even after the newest row is gone.
      CREATE TABLE events (
        server_seq INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE,
        case_id TEXT NOT NULL REFERENCES cases (case_id),
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        actor_user_id TEXT NOT NULL,
        actor_role TEXT NOT NULL,
        device_id TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        blobs TEXT NOT NULL,
        source_device_id TEXT NOT NULL REFERENCES devices (device_id),
        received_at TEXT NOT NULL,
        status_after INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX events_case ON events (case_id, server_seq);

      CREATE TABLE event_blobs (
        sha256 TEXT NOT NULL,
        server_seq INTEGER NOT NULL REFERENCES events (server_seq),
        PRIMARY KEY (sha256, server_seq)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        stored_at TEXT NOT NULL,
        uploaded_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE blob_uploads (
        sha256 TEXT PRIMARY KEY,
        total INTEGER NOT NULL,
        received INTEGER NOT NULL,
        device_id TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE catalog (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        bundle TEXT NOT NULL,
        imported_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
