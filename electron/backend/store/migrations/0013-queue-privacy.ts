import type { Migration } from './types.ts';

// 排队号 and 个人信息处理告知, kept with the case taken in at this window: the
// ticket, when it was taken and when the clerk started the intake (waiting and
// serving times), and the privacy notice the applicant acknowledged — its
// version, when, and the retention period and contact it stated, as printed.
// A case taken in before, or arriving from elsewhere, has none of them.
export const migration0013: Migration = {
  version: 13,
  name: 'queue-privacy',
  up(db) {
    db.exec(`
      ALTER TABLE cases ADD COLUMN queue_ticket TEXT;
      ALTER TABLE cases ADD COLUMN ticket_taken_at TEXT;
      ALTER TABLE cases ADD COLUMN intake_started_at TEXT;
      ALTER TABLE cases ADD COLUMN privacy_notice_version TEXT;
      ALTER TABLE cases ADD COLUMN privacy_acknowledged_at TEXT;
      ALTER TABLE cases ADD COLUMN privacy_retention_years INTEGER;
      ALTER TABLE cases ADD COLUMN privacy_contact TEXT;
    `);
  },
};
