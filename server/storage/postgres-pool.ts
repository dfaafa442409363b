// The PostgreSQL connection pool and its two ways in: one statement (its own
// transaction), or several in one explicit transaction on one connection.
import pg, { type Pool, type PoolClient } from 'pg';

/** First keys of the two-key advisory locks; 'TB' in the high bytes keeps them apart from other applications'. */
export const LOCK = { migrate: 0x5442_0001, eventId: 0x5442_0002, caseId: 0x5442_0003 } as const;

// bigint columns (server_seq, sizes, counts) as numbers: they stay far below 2^53.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function openPool(connectionString: string): Pool {
  const pool = new pg.Pool({ connectionString, types, application_name: 'tongban-server' });
  // A pooled connection that drops while idle is replaced on its next use; the
  // query that meets a dead database reports it. Without a listener it would end the process.
  pool.on('error', () => {});
  return pool;
}

/** The first row a statement returns, if any. */
export async function firstRow<T>(pool: Pool, text: string, params: unknown[] = []): Promise<T | undefined> {
  return (await pool.query(text, params)).rows[0] as T | undefined;
}

/** Runs `work` between BEGIN and COMMIT on one connection; anything it throws rolls it all back. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((failed: Error) => {
      broken = failed; // the connection is unusable: the pool must not hand it out again
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
