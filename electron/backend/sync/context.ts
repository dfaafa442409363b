// What every job of the sync engine shares: the device's store and keys, whom
// to tell when cases or the sync status change, and the two ways it runs
// work — in one transaction, and a bounded number at a time.
import type { DatabaseSync } from 'node:sqlite';
import type { DeviceKeys } from '../crypto/keys.ts';
import type { BlobStore } from '../services/blobs.ts';

export interface SyncContext {
  db: DatabaseSync;
  keys: DeviceKeys;
  blobs: BlobStore;
  onCasesChanged(caseIds: string[]): void;
  onStatus(): void;
}

/** Runs `work` in one write transaction: all of it is written, or none. */
export function transaction(db: DatabaseSync, work: () => void): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    work();
    db.exec('COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/** Runs `work` on every item, at most `limit` at a time; after a failure starts no more, and rethrows it once all have stopped. */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length && failures.length === 0) {
        try {
          await work(items[next++]!);
        } catch (error) {
          failures.push(error);
        }
      }
    }),
  );
  if (failures.length > 0) throw failures[0];
}
