import type { Migration } from './types.ts';

// The acceptance workspace: cases that arrive from the region's exchange
// server (an acceptance desk's inbox) live in `cases` beside those taken in
// here, so `cases` is rebuilt with the intake-only columns nullable (their
// clerk and intake draft are at the other place) and the case's origin and
// clock. Scans of pulled cases wait in blob_fetches until downloaded; who has
// read a case's notes is kept per user.
export const migration0004: Migration = {
  version: 4,
  name: 'acceptance',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      CREATE TABLE cases_new (
        case_id TEXT PRIMARY KEY,
        case_no TEXT NOT NULL UNIQUE,
        submission_id TEXT UNIQUE, -- the intake draft; NULL for a case that arrived from a server
        matter_id TEXT NOT NULL,
        catalog_version TEXT NOT NULL,
        intake_region TEXT NOT NULL,
        handling_region TEXT NOT NULL,
        remote_id TEXT NOT NULL REFERENCES remotes (remote_id),
        origin TEXT NOT NULL DEFAULT 'intake' CHECK (origin IN ('intake', 'inbox')),
        status INTEGER NOT NULL,
        sub_state TEXT NOT NULL,
        sync_state TEXT NOT NULL,
        applicant_masked_name TEXT NOT NULL,
        applicant_masked_id TEXT NOT NULL,
        applicant_id_kind TEXT NOT NULL,
        priority INTEGER NOT NULL,
        clerk_user_id TEXT REFERENCES users (user_id), -- NULL: taken in at the other place
        received_at TEXT NOT NULL,
        received_day TEXT NOT NULL,
        promised_deadline TEXT,
        statutory_deadline TEXT,
        deadline_provisional INTEGER NOT NULL,
        clock_state TEXT NOT NULL DEFAULT 'not_started',
        clock_mark TEXT NOT NULL DEFAULT 'none', -- as of the last event; a paused clock's mark stays put
        accepted_day TEXT,
        evaluation INTEGER, -- 好差评 1–5, once given; 1–2 is a bad rating the supervisor follows up
        content_hash TEXT NOT NULL,
        detail_enc TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO cases_new (case_id, case_no, submission_id, matter_id, catalog_version, intake_region,
        handling_region, remote_id, origin, status, sub_state, sync_state, applicant_masked_name, applicant_masked_id,
        applicant_id_kind, priority, clerk_user_id, received_at, received_day, promised_deadline, statutory_deadline,
        deadline_provisional, content_hash, detail_enc, updated_at)
      SELECT case_id, case_no, submission_id, matter_id, catalog_version, intake_region, handling_region, remote_id,
        'intake', status, sub_state, sync_state, applicant_masked_name, applicant_masked_id, applicant_id_kind,
        priority, clerk_user_id, received_at, received_day, promised_deadline, statutory_deadline,
        deadline_provisional, content_hash, detail_enc, updated_at
      FROM cases;
      DROP TABLE cases;
      ALTER TABLE cases_new RENAME TO cases;
      CREATE INDEX cases_by_day ON cases (received_day, received_at);
      CREATE INDEX cases_by_status ON cases (status, received_at);
      CREATE INDEX cases_by_matter ON cases (matter_id, received_at);
      CREATE INDEX cases_by_sync ON cases (sync_state, received_at);
      CREATE INDEX cases_by_origin ON cases (origin, status, received_at);

      -- A scan a pulled case names, linked to the case (case_blobs) once it is here and verified.
      CREATE TABLE blob_fetches (
        remote_id TEXT NOT NULL REFERENCES remotes (remote_id),
        sha256 TEXT NOT NULL,
        case_id TEXT NOT NULL REFERENCES cases (case_id),
        material_id TEXT,
        media_type TEXT NOT NULL,
        enqueued_at TEXT NOT NULL,
        PRIMARY KEY (remote_id, sha256, case_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE case_note_reads (
        user_id TEXT NOT NULL REFERENCES users (user_id),
        case_id TEXT NOT NULL REFERENCES cases (case_id),
        read_seq INTEGER NOT NULL, -- the case_seq of the last note this user has seen
        PRIMARY KEY (user_id, case_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
