// Scans kept in PostgreSQL (TONGBAN_BLOB_STORE=postgresql), for deployments
// without object storage: a kept blob's sealed bytes in chunks written in one
// transaction, so a blob is there whole or not at all; an upload under way as
// its encrypted part bytes by offset, and its sealed part key. The bytes are
// sealed or encrypted already: PostgreSQL is told not to try compressing them.
import type { PostgresMigration } from './types.ts';

export const migration0007: PostgresMigration = {
  version: 7,
  name: 'blob-chunks',
  sql: `
    CREATE TABLE blob_chunks (
      sha256 text NOT NULL,
      at bigint NOT NULL,
      bytes bytea NOT NULL,
      PRIMARY KEY (sha256, at)
    );
    ALTER TABLE blob_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL;
    CREATE TABLE blob_parts (
      sha256 text NOT NULL,
      at bigint NOT NULL,
      bytes bytea NOT NULL,
      PRIMARY KEY (sha256, at)
    );
    ALTER TABLE blob_parts ALTER COLUMN bytes SET STORAGE EXTERNAL;
    CREATE TABLE blob_part_keys (
      sha256 text PRIMARY KEY,
      sealed bytea NOT NULL
    );
  `,
};
