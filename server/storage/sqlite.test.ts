import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { newCase, tempDir } from '../../tests/support/server.ts';
import { storageContractSuite } from '../../tests/storage-contract/suite.ts';
import { MIGRATIONS } from './migrations.ts';
import { SqliteStore } from './sqlite.ts';

storageContractSuite('SQLite', async () => {
  const dir = tempDir();
  const store = SqliteStore.open(join(dir.path, 'server.db'));
  return {
    store,
    async dispose() {
      await store.close();
      dir.remove();
    },
  };
});

describe('SQLite store file', () => {
  it('is WAL with foreign keys, at the latest schema version', async () => {
    const dir = tempDir();
    const file = join(dir.path, 'data', 'server.db');
    const store = SqliteStore.open(file);
    await store.close();
    const db = new DatabaseSync(file);
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: MIGRATIONS.at(-1)!.version });
    db.close();
    // Foreign keys are per connection: the store's own refuses a case from a device it does not know.
    const reopened = SqliteStore.open(file);
    const { received } = newCase();
    await expect(
      reopened.appendEvent({ event: received, sourceDeviceId: 'ghost', receivedAt: 'now', blobs: [] }, () => ({
        ok: true,
        statusAfter: 1,
        newCase: { intakeRegion: '360430', handlingRegion: '421127', matterId: 'KST-SI-004' },
      })),
    ).rejects.toThrow(/FOREIGN KEY/);
    expect(await reopened.event(received.eventId)).toBeNull();
    await reopened.close();
    dir.remove();
  });

  it('numbers its migrations 1, 2, 3… without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('refuses a database from a newer server and leaves it untouched', () => {
    const dir = tempDir();
    const file = join(dir.path, 'server.db');
    const db = new DatabaseSync(file);
    db.exec('PRAGMA user_version = 99');
    db.close();
    expect(() => SqliteStore.open(file)).toThrow(/schema version 99/);
    const after = new DatabaseSync(file);
    expect(after.prepare('PRAGMA user_version').get()).toEqual({ user_version: 99 });
    expect(after.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
    after.close();
    dir.remove();
  });
});
