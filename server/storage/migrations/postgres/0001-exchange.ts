// The exchange server's first schema in PostgreSQL, the tables of the SQLite
// store's 0001, and schema_version, where the runner records each step.
import type { PostgresMigration } from './types.ts';

export const migration0001: PostgresMigration = {
  version: 1,
  name: 'exchange',
  sql: `
    CREATE TABLE schema_version (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL);

    CREATE TABLE enrollment_codes (
      code_hash text PRIMARY KEY,
      scope text NOT NULL,
      created_at text NOT NULL,
      expires_at text NOT NULL,
      used_at text,
      used_by text
    );

    CREATE TABLE devices (
      device_id text PRIMARY KEY,
      name text NOT NULL,
      public_key text NOT NULL,
      scope text NOT NULL,
      enrolled_at text NOT NULL,
      last_seen_at text,
      revoked_at text
    );

    CREATE TABLE nonces (
      device_id text NOT NULL REFERENCES devices (device_id),
      nonce text NOT NULL,
      seen_at bigint NOT NULL,
      PRIMARY KEY (device_id, nonce)
    );
    CREATE INDEX nonces_seen ON nonces (seen_at);

    CREATE TABLE cases (
      case_id text PRIMARY KEY,
      origin_device_id text NOT NULL REFERENCES devices (device_id),
      intake_region text NOT NULL,
      handling_region text NOT NULL,
      matter_id text NOT NULL,
      status integer NOT NULL
    );
    CREATE INDEX cases_origin ON cases (origin_device_id);
    CREATE INDEX cases_handling ON cases (handling_region, matter_id);

    -- The last server_seq handed out. Not a sequence: an append takes this row's
    -- lock and keeps it until COMMIT, so the numbers become visible in order.
    CREATE TABLE event_counter (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      last bigint NOT NULL
    );
    INSERT INTO event_counter (last) VALUES (0);

    -- Payloads as text, not jsonb: what was pushed comes back byte for byte.
    CREATE TABLE events (
      server_seq bigint PRIMARY KEY,
      event_id text NOT NULL UNIQUE,
      case_id text NOT NULL REFERENCES cases (case_id),
      type text NOT NULL,
      payload text NOT NULL,
      actor_user_id text NOT NULL,
      actor_role text NOT NULL,
      device_id text NOT NULL,
      occurred_at text NOT NULL,
      content_hash text NOT NULL,
      blobs text NOT NULL,
      source_device_id text NOT NULL REFERENCES devices (device_id),
      received_at text NOT NULL,
      status_after integer NOT NULL
    );
    CREATE INDEX events_case ON events (case_id, server_seq);

    CREATE TABLE event_blobs (
      sha256 text NOT NULL,
      server_seq bigint NOT NULL REFERENCES events (server_seq),
      PRIMARY KEY (sha256, server_seq)
    );

    CREATE TABLE blobs (
      sha256 text PRIMARY KEY,
      size bigint NOT NULL,
      stored_at text NOT NULL,
      uploaded_by text NOT NULL
    );

    CREATE TABLE blob_uploads (
      sha256 text PRIMARY KEY,
      total bigint NOT NULL,
      received bigint NOT NULL,
      device_id text NOT NULL,
      updated_at text NOT NULL
    );

    CREATE TABLE catalog (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      bundle text NOT NULL,
      imported_at text NOT NULL
    );
  `,
};
