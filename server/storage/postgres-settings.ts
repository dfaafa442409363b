// The server-wide records in PostgreSQL: its region, the imported catalog,
// and the counts of what it holds.
import type { Pool } from 'pg';
import type { CatalogBundle, StoreStats } from './contract.ts';
import { firstRow } from './postgres-pool.ts';

export async function region(pool: Pool): Promise<string | null> {
  return (await firstRow<{ value: string }>(pool, "SELECT value FROM settings WHERE key = 'region'"))?.value ?? null;
}

export async function setRegion(pool: Pool, code: string): Promise<void> {
  await pool.query(
    "INSERT INTO settings (key, value) VALUES ('region', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    [code],
  );
}

export async function catalog(pool: Pool): Promise<CatalogBundle | null> {
  const row = await firstRow<{ bundle: string }>(pool, 'SELECT bundle FROM catalog');
  return row ? (JSON.parse(row.bundle) as CatalogBundle) : null;
}

export async function replaceCatalog(pool: Pool, bundle: CatalogBundle, at: string): Promise<void> {
  await pool.query(
    `INSERT INTO catalog (bundle, imported_at) VALUES ($1, $2)
     ON CONFLICT (singleton) DO UPDATE SET bundle = excluded.bundle, imported_at = excluded.imported_at`,
    [JSON.stringify(bundle), at],
  );
}

export async function stats(pool: Pool): Promise<StoreStats> {
  return (await firstRow<StoreStats>(
    pool,
    `SELECT (SELECT count(*) FROM devices) AS devices, (SELECT count(*) FROM events) AS events,
       (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM blobs) AS blobs,
       (SELECT coalesce(sum(size), 0)::bigint FROM blobs) AS bytes`,
  ))!;
}
