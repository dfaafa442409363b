import type { Migration } from './types.ts';

// Every case list counts each row's unread notes (业务协同): without an index
// that reads every event of every listed case, payload and all. The partial
// index holds the notes alone, with what the count compares, so the count
// reads nothing else (most cases have no note at all).
export const migration0006: Migration = {
  version: 6,
  name: 'note-index',
  up(db) {
    db.exec(`
      CREATE INDEX case_notes ON case_events (case_id, case_seq, actor_user_id)
        WHERE type = 'case.note_added';
    `);
  },
};
