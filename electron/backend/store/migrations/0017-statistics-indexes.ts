import type { Migration } from './types.ts';

// A year's statistics read every case received in it; a hall's year is some
// 316,000 cases. Three statements still read the case rows (each ~2 KB with
// its encrypted detail) or their events:
// - the conclusions read statutory_deadline and deadline_provisional, which
//   the statistics index lacked: it gains them, last, so its order and what
//   already read it stay as they were;
// - the queue times read the ticket's times of the cases that have them: a
//   partial index of those cases alone, with what the times are made of;
// - the cases with a deadline extension were found by reading every case's
//   events: a partial index of the extensions alone (they are rare).
export const migration0017: Migration = {
  version: 17,
  name: 'statistics-indexes',
  up(db) {
    db.exec(`
      DROP INDEX cases_by_received_day;
      CREATE INDEX cases_by_received_day ON cases (received_day, matter_id, status, clerk_user_id, origin,
        handling_region, intake_region, evaluation, concluded_at, received_at, promised_deadline,
        statutory_deadline, deadline_provisional);
      CREATE INDEX cases_queue_times ON cases (received_day, queue_ticket, ticket_taken_at, intake_started_at,
        received_at) WHERE intake_started_at IS NOT NULL;
      CREATE INDEX case_extensions ON case_events (case_id) WHERE type = 'case.deadline_extended';
    `);
  },
};
