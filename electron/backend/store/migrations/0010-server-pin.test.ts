import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './index.ts';
import { migration0010 } from './0010-server-pin.ts';

describe('migration 0010 (server pin)', () => {
  it('gives remotes a pinned key and a failure reason; a remote enrolled before has no pin', () => {
    const db = new DatabaseSync(':memory:');
    for (const m of MIGRATIONS.filter((m) => m.version < 10)) m.up(db);
    db.prepare(
      `INSERT INTO remotes (remote_id, region_code, url, server_device_id, created_at)
       VALUES ('r1', '421127', 'https://example.test', 'd1', 'now')`,
    ).run();
    migration0010.up(db);

    expect(
      db.prepare('SELECT server_key_fingerprint, server_public_key, last_error_reason FROM remotes').get(),
    ).toEqual({
      server_key_fingerprint: null,
      server_public_key: null,
      last_error_reason: null,
    });
    db.prepare(
      "UPDATE remotes SET server_key_fingerprint = 'ab', server_public_key = 'cd', last_error_reason = 'x'",
    ).run();
    expect(db.prepare('SELECT server_key_fingerprint AS f FROM remotes').get()).toEqual({ f: 'ab' });
  });
});
