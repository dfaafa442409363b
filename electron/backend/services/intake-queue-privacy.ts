// What an intake keeps of its queue ticket and privacy notice (migration
// 0013): the ticket as normalised, its times, and the notice the applicant
// acknowledged with the settings it stated — the settings as they are now,
// so a later change of them does not rewrite what this applicant was told.
import type { DatabaseSync } from 'node:sqlite';
import type { IntakeSubmission } from '../../../shared/case/intake.ts';
import type { PrivacyRecord } from '../../../shared/case/privacy-notice.ts';
import { normaliseQueueTicket, type QueueTicketRecord } from '../../../shared/case/queue-ticket.ts';
import { rejected } from '../../../shared/rpc/framing.ts';
import type { NewCaseRow } from '../store/case-rows.ts';
import { readPrivacySettings } from './privacy-settings.ts';

type Columns = Pick<
  NewCaseRow,
  | 'queueTicket'
  | 'ticketTakenAt'
  | 'intakeStartedAt'
  | 'privacyNoticeVersion'
  | 'privacyAcknowledgedAt'
  | 'privacyRetentionYears'
  | 'privacyContact'
>;

const iso = (value: string | undefined): string | null => (value ? new Date(value).toISOString() : null);

/** The columns, once checkSubmission has passed; refused while the administrator has not set the notice. */
export function queueAndPrivacyColumns(db: DatabaseSync, submission: IntakeSubmission): Columns {
  const settings = readPrivacySettings(db);
  if (!settings) {
    throw rejected('privacy_notice_not_configured', 'The privacy notice has no retention period or contact yet.');
  }
  const notice = submission.privacyNotice!;
  return {
    queueTicket: submission.queueTicket ? normaliseQueueTicket(submission.queueTicket.number) : null,
    ticketTakenAt: iso(submission.queueTicket?.takenAt),
    intakeStartedAt: iso(submission.startedAt),
    privacyNoticeVersion: notice.version,
    privacyAcknowledgedAt: iso(notice.acknowledgedAt),
    privacyRetentionYears: settings.retentionYears,
    privacyContact: settings.contact,
  };
}

/** A case's ticket and acknowledged notice, as cases.get shows them; null for a case that has none. */
export function queueAndPrivacyOf(
  db: DatabaseSync,
  caseId: string,
): { queueTicket: QueueTicketRecord | null; privacyNotice: PrivacyRecord | null } {
  const row = db
    .prepare(
      `SELECT queue_ticket, ticket_taken_at, intake_started_at, privacy_notice_version, privacy_acknowledged_at,
         privacy_retention_years, privacy_contact FROM cases WHERE case_id = ?`,
    )
    .get(caseId) as Record<string, string | number | null> | undefined;
  const text = (value: string | number | null | undefined): string | null => (value == null ? null : String(value));
  return {
    queueTicket: row?.queue_ticket
      ? {
          number: String(row.queue_ticket),
          takenAt: text(row.ticket_taken_at),
          startedAt: text(row.intake_started_at),
        }
      : null,
    privacyNotice:
      row?.privacy_notice_version && row.privacy_acknowledged_at
        ? {
            version: String(row.privacy_notice_version),
            acknowledgedAt: String(row.privacy_acknowledged_at),
            retentionYears: Number(row.privacy_retention_years),
            contact: String(row.privacy_contact),
          }
        : null,
  };
}
