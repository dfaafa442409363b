import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './index.ts';
import { migration0011 } from './0011-event-signatures.ts';

describe('migration 0011 (event signatures)', () => {
  it('keeps the events there were, unsigned, and adds the keys and the quarantine of pulled events', () => {
    const db = new DatabaseSync(':memory:');
    for (const m of MIGRATIONS.filter((m) => m.version < 11)) m.up(db);
    db.exec('PRAGMA foreign_keys = OFF');
    db.exec(`INSERT INTO case_events (event_id, case_id, case_seq, type, payload_enc, actor_user_id, actor_role,
      device_id, occurred_at, content_hash) VALUES ('e1', 'c1', 1, 'case.received', 'x', 'u1', 'intake_clerk', 'd',
      'now', 'h')`);
    db.exec("INSERT INTO remotes (remote_id, region_code, created_at) VALUES ('r1', '421127', 'now')");
    migration0011.up(db);

    expect(db.prepare('SELECT signature, origin_device_id FROM case_events').get()).toEqual({
      signature: null,
      origin_device_id: null,
    });
    expect(db.prepare('SELECT server_key FROM remotes').get()).toEqual({ server_key: null });
    db.exec(`INSERT INTO party_device_keys VALUES ('r1', 'dev-1', 'key', '{}', 0, 'now')`);
    expect(() => db.exec(`INSERT INTO party_device_keys VALUES ('r1', 'dev-2', 'key', '{}', 2, 'now')`)).toThrow();
    db.exec(`INSERT INTO pulled_quarantine VALUES ('e2', 'r1', 'c1', 'case.accepted', 7, 'forged_signature', 'enc',
      'now')`);
    const plan = (
      db.prepare('EXPLAIN QUERY PLAN SELECT 1 FROM pulled_quarantine WHERE case_id = ?').all('c1') as {
        detail: string;
      }[]
    ).map((step) => step.detail);
    expect(plan.join('\n')).toMatch(/pulled_quarantine_by_case/);
  });
});
