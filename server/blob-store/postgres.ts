// Blobs in the server's PostgreSQL database (TONGBAN_BLOB_STORE=postgresql),
// for deployments without object storage, shared by every instance on the
// database (server migration 0007). A kept blob's sealed bytes go in chunks
// inserted in one transaction: a blob is there whole or not at all, and
// durable once COMMIT returns (synchronous_commit on, the default).
import type { Pool } from 'pg';
import { inTransaction } from '../storage/postgres-pool.ts';
import { BlobStoreError, sealedBytes, type BlobBackend, type SealedBlob } from './contract.ts';

/** A row's share of a sealed blob: well under PostgreSQL's limits, a few per scan. */
const CHUNK_BYTES = 1024 * 1024;

function joined(rows: { at: number; bytes: Buffer }[]): Buffer {
  // Only what runs on from 0 without a gap: a missing piece leaves the rest out, and the hash check refuses it.
  const pieces: Buffer[] = [];
  let next = 0;
  for (const { at, bytes } of rows) {
    if (at !== next) break;
    pieces.push(bytes);
    next += bytes.length;
  }
  return Buffer.concat(pieces);
}

export class PostgresBackend implements BlobBackend {
  readonly kind = 'postgresql';
  readonly location: string;
  private readonly pool: Pool;

  /** `pool` is the server store's: the tables are its schema's. */
  constructor(pool: Pool, location: string) {
    this.pool = pool;
    this.location = location;
  }

  async check(): Promise<void> {
    try {
      await this.pool.query('SELECT 1 FROM blob_chunks LIMIT 1');
    } catch (error) {
      throw new BlobStoreError(
        `Cannot read the blob tables in PostgreSQL (${this.location}): ${(error as Error).message}`,
      );
    }
  }

  async ready(): Promise<void> {
    await this.pool.query('SELECT 1 FROM blob_chunks LIMIT 1');
  }

  async writePart(sha256: string, keep: number, offset: number, bytes: Uint8Array): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query('DELETE FROM blob_parts WHERE sha256 = $1 AND at >= $2', [sha256, keep]);
      await client.query(
        `UPDATE blob_parts SET bytes = substring(bytes FROM 1 FOR ($2 - at)::int)
         WHERE sha256 = $1 AND at < $2 AND at + length(bytes) > $2`,
        [sha256, keep],
      );
      if (bytes.length === 0) return;
      await client.query(
        `INSERT INTO blob_parts (sha256, at, bytes) VALUES ($1, $2, $3)
         ON CONFLICT (sha256, at) DO UPDATE SET bytes = excluded.bytes`,
        [sha256, offset, Buffer.from(bytes)],
      );
    });
  }

  async readPart(sha256: string): Promise<Buffer> {
    const { rows } = await this.pool.query<{ at: number; bytes: Buffer }>(
      'SELECT at, bytes FROM blob_parts WHERE sha256 = $1 ORDER BY at',
      [sha256],
    );
    return joined(rows);
  }

  async partKey(sha256: string): Promise<Buffer | null> {
    const { rows } = await this.pool.query<{ sealed: Buffer }>('SELECT sealed FROM blob_part_keys WHERE sha256 = $1', [
      sha256,
    ]);
    return rows[0]?.sealed ?? null;
  }

  async savePartKey(sha256: string, sealed: Uint8Array): Promise<void> {
    await this.pool.query(
      `INSERT INTO blob_part_keys (sha256, sealed) VALUES ($1, $2)
       ON CONFLICT (sha256) DO UPDATE SET sealed = excluded.sealed`,
      [sha256, Buffer.from(sealed)],
    );
  }

  async dropPart(sha256: string): Promise<void> {
    await this.pool.query({
      name: 'tongban_drop_blob_part',
      text: `WITH pieces AS (DELETE FROM blob_parts WHERE sha256 = $1) DELETE FROM blob_part_keys WHERE sha256 = $1`,
      values: [sha256],
    });
  }

  /** One statement, so one transaction: the chunks of a blob all change together, in one round trip. */
  async put(sha256: string, sealed: Uint8Array): Promise<void> {
    const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    const at: number[] = [];
    const chunks: Buffer[] = [];
    for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
      at.push(start);
      chunks.push(bytes.subarray(start, start + CHUNK_BYTES));
    }
    await this.pool.query({
      name: 'tongban_put_blob_chunks',
      text: `WITH shorter AS (DELETE FROM blob_chunks WHERE sha256 = $1 AND at >= $4)
       INSERT INTO blob_chunks (sha256, at, bytes) SELECT $1, t.at, t.bytes FROM unnest($2::bigint[], $3::bytea[]) AS t(at, bytes)
       ON CONFLICT (sha256, at) DO UPDATE SET bytes = excluded.bytes`,
      values: [sha256, at, chunks, bytes.length],
    });
  }

  /**
   * One statement for the lot: one transaction, one commit (one WAL flush)
   * for every blob in it. Each chunk is a parameter of its own, sent as
   * binary: in a bytea[] the driver would spell every byte out in hex.
   */
  async putMany(blobs: readonly SealedBlob[]): Promise<void> {
    const whole = blobs.map(sealedBytes);
    const values: unknown[] = [blobs.map((b) => b.sha256), whole.map((bytes) => bytes.length)];
    const rows: string[] = [];
    for (const [i, { sha256 }] of blobs.entries()) {
      const bytes = whole[i]!;
      for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
        values.push(sha256, start, bytes.subarray(start, start + CHUNK_BYTES));
        const at = values.length;
        rows.push(`($${at - 2}::text, $${at - 1}::bigint, $${at}::bytea)`);
      }
    }
    await this.pool.query(
      `WITH kept AS (SELECT * FROM unnest($1::text[], $2::bigint[]) AS k(sha256, size)),
         shorter AS (DELETE FROM blob_chunks c USING kept WHERE c.sha256 = kept.sha256 AND c.at >= kept.size),
         parts AS (DELETE FROM blob_parts p USING kept WHERE p.sha256 = kept.sha256),
         part_keys AS (DELETE FROM blob_part_keys p USING kept WHERE p.sha256 = kept.sha256)
       INSERT INTO blob_chunks (sha256, at, bytes) VALUES ${rows.join(', ')}
       ON CONFLICT (sha256, at) DO UPDATE SET bytes = excluded.bytes`,
      values,
    );
  }

  async get(sha256: string): Promise<Buffer | null> {
    const { rows } = await this.pool.query<{ at: number; bytes: Buffer }>(
      'SELECT at, bytes FROM blob_chunks WHERE sha256 = $1 ORDER BY at',
      [sha256],
    );
    return rows.length === 0 ? null : joined(rows);
  }

  async has(sha256: string): Promise<boolean> {
    const { rows } = await this.pool.query('SELECT 1 FROM blob_chunks WHERE sha256 = $1 LIMIT 1', [sha256]);
    return rows.length > 0;
  }

  async remove(sha256: string): Promise<void> {
    await this.pool.query('DELETE FROM blob_chunks WHERE sha256 = $1', [sha256]);
  }

  async list(): Promise<string[]> {
    const { rows } = await this.pool.query<{ sha256: string }>('SELECT DISTINCT sha256 FROM blob_chunks');
    return rows.map((row) => row.sha256);
  }

  /** The pool is the store's, which closes it. */
  async close(): Promise<void> {}
}
