import type { Migration } from './types.ts';

// Intake on one device: the device and its users, sessions, audit entries,
// cases as projections of their events, blind-index search rows, encrypted
// blobs, the outbox per remote, drafts, case-number counters and the catalog.
// Personal data lives only in *_enc columns (AES-256-GCM) and as HMAC tokens.
export const migration0002: Migration = {
  version: 2,
  name: 'intake',
  up(db) {
    db.exec(`
      CREATE TABLE device (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        device_id TEXT NOT NULL,
        name TEXT NOT NULL,
        region_code TEXT NOT NULL CHECK (length(region_code) = 6),
        hall TEXT NOT NULL,
        window_no TEXT NOT NULL CHECK (length(window_no) = 2),
        idle_lock_minutes INTEGER NOT NULL DEFAULT 10,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE users (
        user_id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        roles TEXT NOT NULL, -- JSON array of role names
        active INTEGER NOT NULL DEFAULT 1,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (user_id),
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        locked INTEGER NOT NULL DEFAULT 0,
        ended_at TEXT
      ) STRICT;

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        user_id TEXT,
        action TEXT NOT NULL,
        target TEXT,
        detail TEXT NOT NULL DEFAULT '{}' -- JSON without personal data
      ) STRICT;

      CREATE TABLE remotes (
        remote_id TEXT PRIMARY KEY,
        region_code TEXT NOT NULL UNIQUE,
        url TEXT, -- configured with the sync issue; the outbox fills before that
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE cases (
        case_id TEXT PRIMARY KEY,
        case_no TEXT NOT NULL UNIQUE,
        submission_id TEXT NOT NULL UNIQUE,
        matter_id TEXT NOT NULL,
        catalog_version TEXT NOT NULL,
        intake_region TEXT NOT NULL,
        handling_region TEXT NOT NULL,
        remote_id TEXT NOT NULL REFERENCES remotes (remote_id),
        status INTEGER NOT NULL,
        sub_state TEXT NOT NULL,
        sync_state TEXT NOT NULL,
        applicant_masked_name TEXT NOT NULL,
        applicant_masked_id TEXT NOT NULL,
        applicant_id_kind TEXT NOT NULL,
        priority INTEGER NOT NULL,
        clerk_user_id TEXT NOT NULL REFERENCES users (user_id),
        received_at TEXT NOT NULL,
        received_day TEXT NOT NULL,
        promised_deadline TEXT,
        statutory_deadline TEXT,
        deadline_provisional INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        detail_enc TEXT NOT NULL, -- the intake payloads, encrypted
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX cases_by_day ON cases (received_day, received_at);
      CREATE INDEX cases_by_status ON cases (status, received_at);
      CREATE INDEX cases_by_matter ON cases (matter_id, received_at);
      CREATE INDEX cases_by_sync ON cases (sync_state, received_at);

      CREATE TABLE case_events (
        event_id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (case_id),
        case_seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        payload_enc TEXT NOT NULL,
        actor_user_id TEXT NOT NULL,
        actor_role TEXT NOT NULL,
        device_id TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        server_seq INTEGER,
        received_at TEXT,
        UNIQUE (case_id, case_seq)
      ) STRICT;

      -- Blind index (DESIGN §5): HMAC tokens of normalised values; for names, of each prefix.
      CREATE TABLE case_search (
        kind TEXT NOT NULL,
        token TEXT NOT NULL,
        case_id TEXT NOT NULL REFERENCES cases (case_id),
        PRIMARY KEY (kind, token, case_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        thumbnail_sha256 TEXT,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE case_blobs (
        case_id TEXT NOT NULL REFERENCES cases (case_id),
        sha256 TEXT NOT NULL REFERENCES blobs (sha256),
        material_id TEXT,
        PRIMARY KEY (case_id, sha256)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE outbox_events (
        remote_id TEXT NOT NULL REFERENCES remotes (remote_id),
        event_id TEXT NOT NULL REFERENCES case_events (event_id),
        case_id TEXT NOT NULL,
        enqueued_at TEXT NOT NULL,
        PRIMARY KEY (remote_id, event_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE outbox_blobs (
        remote_id TEXT NOT NULL REFERENCES remotes (remote_id),
        sha256 TEXT NOT NULL REFERENCES blobs (sha256),
        enqueued_at TEXT NOT NULL,
        PRIMARY KEY (remote_id, sha256)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE drafts (
        draft_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (user_id),
        state_enc TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE case_no_counters (
        day TEXT NOT NULL,
        window_no TEXT NOT NULL,
        last_seq INTEGER NOT NULL,
        PRIMARY KEY (day, window_no)
      ) STRICT, WITHOUT ROWID;

      -- The catalog and calendars in force: shipped ones until a server publishes its own.
      CREATE TABLE catalogs (
        issuer TEXT PRIMARY KEY,
        version TEXT NOT NULL,
        body TEXT NOT NULL,
        installed_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE calendar_years (
        year INTEGER PRIMARY KEY,
        body TEXT NOT NULL,
        installed_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
