import type { Migration } from './types.ts';

// 差评整改: one rectification item per bad rating, keyed by the case and the
// case.evaluated event that gave it, so a rating written twice (made here and
// pulled back, or pulled from two servers) opens one item. The row is a
// projection of the event, kept wherever the event is. What was found and
// done and the note of the contact are free text that may name people: they
// are encrypted like payloads. A bad rating given before this version and not
// yet followed up at a day close opens its item here; the rating itself is
// on the case row, the event's id in plain text.
export const migration0016: Migration = {
  version: 16,
  name: 'rectifications',
  up(db) {
    db.exec(`
      CREATE TABLE rectifications (
        case_id TEXT NOT NULL REFERENCES cases (case_id),
        event_id TEXT NOT NULL, -- the case.evaluated that opened it
        rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 2),
        rated_at TEXT NOT NULL, -- when the rating was given (the event's occurred_at)
        state TEXT NOT NULL DEFAULT 'open'
          CHECK (state IN ('open', 'assigned', 'answered', 'contacted', 'closed')),
        assignee_user_id TEXT REFERENCES users (user_id),
        assigned_at TEXT,
        answer_enc TEXT, -- {findings, actions}, encrypted
        answered_at TEXT,
        contacted_at TEXT,
        contact_method TEXT CHECK (contact_method IN ('phone', 'in_person', 'sms')),
        applicant_response TEXT CHECK (applicant_response IN ('satisfied', 'not_satisfied')),
        contact_note_enc TEXT,
        closed_at TEXT,
        closed_by TEXT REFERENCES users (user_id),
        PRIMARY KEY (case_id, event_id)
      ) STRICT;
      CREATE INDEX rectifications_open ON rectifications (rated_at) WHERE state <> 'closed';
      CREATE INDEX rectifications_rated ON rectifications (rated_at);
      INSERT OR IGNORE INTO rectifications (case_id, event_id, rating, rated_at)
        SELECT c.case_id, e.event_id, c.evaluation, e.occurred_at
        FROM cases c JOIN case_events e ON e.case_id = c.case_id AND e.type = 'case.evaluated'
        WHERE c.evaluation BETWEEN 1 AND 2 AND c.evaluation_followed_up IS NULL;
    `);
  },
};
