import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { migration0001 } from './0001-settings.ts';
import { migration0002 } from './0002-intake.ts';
import { migration0003 } from './0003-sync.ts';
import { migration0004 } from './0004-acceptance.ts';
import { migration0005 } from './0005-supervision.ts';
import { migration0006 } from './0006-note-index.ts';

// The unread-notes count of a case list row, as the list asks it.
const UNREAD = `SELECT count(*) AS n FROM case_events n WHERE n.case_id = ? AND n.type = 'case.note_added'
  AND n.actor_user_id != ? AND n.case_seq > ?`;

describe('migration 0006 (note index)', () => {
  it('indexes the notes alone, and the unread count reads only that index', () => {
    const db = new DatabaseSync(':memory:');
    for (const m of [migration0001, migration0002, migration0003, migration0004, migration0005]) m.up(db);
    // The events alone matter here, not their cases.
    db.exec('PRAGMA foreign_keys = OFF');
    const insert = db.prepare(
      `INSERT INTO case_events (event_id, case_id, case_seq, type, payload_enc, actor_user_id, actor_role, device_id,
         occurred_at, content_hash) VALUES (?, 'c1', ?, ?, 'x', ?, 'intake_clerk', 'd', 'now', 'h')`,
    );
    const events = [
      ['case.received', 'me'],
      ['case.note_added', 'officer'],
      ['case.note_added', 'me'],
      ['case.accepted', 'officer'],
      ['case.note_added', 'officer'],
    ] as const;
    events.forEach(([type, actor], i) => insert.run(`e${i + 1}`, i + 1, type, actor));
    migration0006.up(db);

    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${UNREAD}`).all('c1', 'me', 0) as { detail: string }[])
      .map((step) => step.detail)
      .join('\n');
    expect(plan).toMatch(/USING COVERING INDEX case_notes/);
    // Notes by others after the last one read (seq 2): only the one at seq 5.
    expect(db.prepare(UNREAD).get('c1', 'me', 2)).toEqual({ n: 1 });
    expect(db.prepare(UNREAD).get('c1', 'me', 0)).toEqual({ n: 2 });
    // Written after the migration, a note is in the index too.
    insert.run('e6', 6, 'case.note_added', 'officer');
    expect(db.prepare(UNREAD).get('c1', 'me', 2)).toEqual({ n: 2 });
    const indexed = db.prepare(
      "SELECT count(*) AS n FROM case_events INDEXED BY case_notes WHERE type = 'case.note_added'",
    );
    expect(indexed.get()).toEqual({ n: 4 });
  });
});
