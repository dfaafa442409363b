import type { Migration } from './types.ts';

// A year's statistics read every case received in it; a hall's year is some
// 316,000 cases.
// - Their counts by matter, status, clerk, partner region and rating were five
//   sorts of every case: case_day_counts keeps them per received day, kept by
//   triggers on every write of a case row (made here, pulled, corrected), so a
//   year is some 365 × 80 small rows. A case taken in at the other place counts
//   under the clerk ''. A later migration that rebuilds the cases table must
//   make the triggers again.
// - The conclusions read statutory_deadline and deadline_provisional, which
//   the statistics index lacked: it gains them, last, so its order and what
//   already read it stay as they were.
// - The queue times read the ticket's times of the cases that have them: a
//   partial index of those cases alone, with what the times are made of.
// - The cases with a deadline extension were found by reading every case's
//   events: a partial index of the extensions alone (they are rare).
const KEYS = (c: 'NEW' | 'OLD') => ({
  matter: `${c}.matter_id`,
  status: `${c}.status`,
  clerk: `coalesce(${c}.clerk_user_id, '')`,
  region: `CASE ${c}.origin WHEN 'intake' THEN ${c}.handling_region ELSE ${c}.intake_region END`,
});

const count = (c: 'NEW' | 'OLD') => `
    INSERT INTO case_day_counts (day, grouping, key, n) VALUES
      ${Object.entries(KEYS(c))
        .map(([grouping, key]) => `(${c}.received_day, '${grouping}', ${key}, 1)`)
        .join(',\n      ')}
      ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO case_day_counts (day, grouping, key, n)
      SELECT ${c}.received_day, 'rating', ${c}.evaluation, 1 WHERE ${c}.evaluation IS NOT NULL
      ON CONFLICT DO UPDATE SET n = n + 1;`;

const uncount = `
    UPDATE case_day_counts SET n = n - 1 WHERE day = OLD.received_day AND (
      ${Object.entries(KEYS('OLD'))
        .map(([grouping, key]) => `(grouping = '${grouping}' AND key = ${key})`)
        .join('\n      OR ')}
      OR (grouping = 'rating' AND key = OLD.evaluation));`;

const COUNTED = [
  'received_day',
  'matter_id',
  'status',
  'clerk_user_id',
  'origin',
  'handling_region',
  'intake_region',
  'evaluation',
];

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

      CREATE TABLE case_day_counts (
        day TEXT NOT NULL, -- the cases' received_day
        grouping TEXT NOT NULL CHECK (grouping IN ('matter', 'status', 'clerk', 'region', 'rating')),
        key ANY NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (day, grouping, key)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO case_day_counts (day, grouping, key, n)
        ${Object.entries(KEYS('NEW'))
          .map(
            ([grouping, key]) =>
              `SELECT received_day, '${grouping}', ${key.replaceAll('NEW.', '')}, count(*) FROM cases GROUP BY 1, 3`,
          )
          .join('\n        UNION ALL ')}
        UNION ALL SELECT received_day, 'rating', evaluation, count(*) FROM cases WHERE evaluation IS NOT NULL
          GROUP BY 1, 3;
      CREATE TRIGGER case_day_counts_insert AFTER INSERT ON cases BEGIN ${count('NEW')}
      END;
      CREATE TRIGGER case_day_counts_update AFTER UPDATE OF ${COUNTED.join(', ')} ON cases
        WHEN ${COUNTED.map((column) => `OLD.${column} IS NOT NEW.${column}`).join(' OR ')}
      BEGIN ${uncount} ${count('NEW')}
      END;
      CREATE TRIGGER case_day_counts_delete AFTER DELETE ON cases BEGIN ${uncount}
      END;
    `);
  },
};
