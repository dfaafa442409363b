import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { migration0001 } from './0001-settings.ts';
import { migration0002 } from './0002-intake.ts';
import { migration0003 } from './0003-sync.ts';

describe('migration 0003 (sync)', () => {
  it('adds the device key, the remote enrollment and cursor, and the quarantine', () => {
    const db = new DatabaseSync(':memory:');
    for (const m of [migration0001, migration0002]) m.up(db);
    db.exec(`INSERT INTO remotes (remote_id, region_code, url, created_at) VALUES ('r', '421127', NULL, 'now')`);
    migration0003.up(db);
    const remote = db.prepare('SELECT * FROM remotes').get() as Record<string, unknown>;
    // A remote that existed before keeps its row and starts pulling from the beginning.
    expect(remote).toMatchObject({ remote_id: 'r', region_code: '421127', pull_cursor: 0, server_device_id: null });
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (t) => t.name,
    );
    expect(tables).toEqual(expect.arrayContaining(['device_key', 'quarantine']));
    expect(() => db.exec("INSERT INTO device_key VALUES (2, 'pub', 'enc', 'now')")).toThrow(/CHECK/);
  });
});
