import type { DatabaseSync } from 'node:sqlite';
import { CHAINED_COLUMNS, CHAIN_ORIGIN, chainLink, type ChainedEvent } from '../../services/event-chain.ts';
import { auditLink, type AuditRow } from '../../services/audit.ts';
import type { Migration } from './types.ts';

// The supervisor's workspace: every case event joins a hash chain under the
// local day it was recorded (the ledger reads days from it, the end-of-day
// close signs them); the audit log is hash-chained too; consultations (咨询)
// without a case; the day closes; and the moment a case was concluded, for
// the statistics. Existing events and audit entries are chained in the order
// they were written, events under the day they occurred.
export const migration0005: Migration = {
  version: 5,
  name: 'supervision',
  up(db) {
    db.exec(`
      CREATE TABLE event_chain (
        seq INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL UNIQUE, -- no foreign key: a removed event must leave its link to be found
        day TEXT NOT NULL, -- the local day it was recorded on this device
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX event_chain_by_day ON event_chain (day, seq);

      ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';
      CREATE INDEX audit_log_by_at ON audit_log (at);

      CREATE TABLE consultations (
        consultation_id TEXT PRIMARY KEY,
        day TEXT NOT NULL,
        at TEXT NOT NULL,
        user_id TEXT NOT NULL REFERENCES users (user_id),
        matter_id TEXT,
        note_enc TEXT NOT NULL, -- what was asked may name someone: encrypted like every personal field
        minutes INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX consultations_by_day ON consultations (day, at);

      CREATE TABLE day_closes (
        day TEXT PRIMARY KEY,
        closed_at TEXT NOT NULL,
        user_id TEXT NOT NULL REFERENCES users (user_id),
        first_seq INTEGER,
        last_seq INTEGER,
        events INTEGER NOT NULL,
        chain_hash TEXT NOT NULL,
        summary TEXT NOT NULL, -- JSON: the day's counts
        comments_enc TEXT NOT NULL, -- JSON: the supervisor's word on each open warning (may name people)
        signature TEXT NOT NULL -- Ed25519 by the device key over all of the above
      ) STRICT;

      ALTER TABLE cases ADD COLUMN concluded_at TEXT;
      ALTER TABLE cases ADD COLUMN evaluation_followed_up TEXT; -- the day close that said how a bad rating was followed up
      -- Statistics read every case received in a range: this index holds every column they read, so a year's
      -- statistics never touch the case rows (each carries its encrypted detail). Measured by bench:store.
      CREATE INDEX cases_by_received_day ON cases (received_day, matter_id, status, clerk_user_id, origin,
        handling_region, intake_region, evaluation, concluded_at, received_at, promised_deadline);
    `);
    chainExistingEvents(db);
    chainExistingAudit(db);
    db.exec(`
      UPDATE cases SET concluded_at = (
        SELECT min(e.occurred_at) FROM case_events e
        WHERE e.case_id = cases.case_id AND e.type IN
          ('case.concluded_approved', 'case.concluded_approved_deferred', 'case.concluded_refused'));
    `);
  },
};

function localDayOf(iso: string): string {
  const at = new Date(iso);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

function chainExistingEvents(db: DatabaseSync): void {
  const insert = db.prepare('INSERT INTO event_chain (event_id, day, hash) VALUES (?, ?, ?)');
  let previous = CHAIN_ORIGIN;
  for (const event of db.prepare(`SELECT ${CHAINED_COLUMNS} FROM case_events ORDER BY rowid`).iterate()) {
    const e = event as unknown as ChainedEvent;
    previous = chainLink(previous, e);
    insert.run(e.event_id, localDayOf(e.occurred_at), previous);
  }
}

function chainExistingAudit(db: DatabaseSync): void {
  const update = db.prepare('UPDATE audit_log SET hash = ? WHERE seq = ?');
  let previous = CHAIN_ORIGIN;
  const rows = db
    .prepare('SELECT seq, at, user_id, action, target, detail FROM audit_log ORDER BY seq')
    .all() as unknown as AuditRow[];
  for (const row of rows) {
    previous = auditLink(previous, row);
    update.run(previous, row.seq);
  }
}
