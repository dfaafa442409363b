import type { Migration } from './types.ts';

// 容缺受理承诺书: a material deferred at intake is owed by the day the
// applicant promised, one row per case and material. The row is a projection
// of the case's events, kept wherever the events are (the intake window and
// the handling place alike): the deferred outcome with its due day opens it,
// case.deferred_material_received closes it. Cases deferred before the promise
// was written down carry no day and have no row (the payloads are encrypted, so
// nothing here could read them anyway). The partial index serves the to-do
// list and the lapsed warning, which read open commitments by due day.
export const migration0014: Migration = {
  version: 14,
  name: 'commitments',
  up(db) {
    db.exec(`
      CREATE TABLE commitments (
        case_id TEXT NOT NULL REFERENCES cases (case_id),
        material_id TEXT NOT NULL,
        due_date TEXT NOT NULL, -- YYYY-MM-DD, the applicant's local day
        promised_at TEXT NOT NULL, -- when the event that deferred it occurred
        received_event_id TEXT, -- case.deferred_material_received, once brought in
        received_at TEXT,
        PRIMARY KEY (case_id, material_id)
      ) STRICT;
      CREATE INDEX commitments_open ON commitments (due_date) WHERE received_at IS NULL;
    `);
  },
};
