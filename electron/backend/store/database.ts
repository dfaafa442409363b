// Opens the device database: refuse a future schema before touching the file,
// then WAL, foreign keys, a busy timeout, synchronous=FULL, and migrations.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { MIGRATIONS } from './migrations/index.ts';
import type { Migration } from './migrations/types.ts';
import { migrate, refuseFutureDatabase, type MigrationOutcome } from './migrate.ts';

export interface OpenedDatabase {
  db: DatabaseSync;
  file: string;
  migration: MigrationOutcome;
}

export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): OpenedDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file, { timeout: 5000, enableForeignKeyConstraints: true });
  try {
    refuseFutureDatabase(db, file, migrations);
    db.exec('PRAGMA journal_mode = WAL');
    // A window writes a few hundred rows a day: FULL on every commit costs
    // nothing noticeable and gives the outbox the durability it needs.
    db.exec('PRAGMA synchronous = FULL');
    const migration = migrate(db, file, migrations);
    return { db, file, migration };
  } catch (error) {
    db.close();
    throw error;
  }
}
