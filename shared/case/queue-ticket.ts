// 排队号 and 个人信息处理告知 at intake: the queue ticket the applicant took
// (typed, or scanned by a keyboard-wedge reader that types it), when it was
// taken and when the clerk started the intake, and the applicant's
// acknowledgement of the privacy notice. Checked by checkSubmission, so the
// wizard and the backend refuse the same things with the same reasons.
import { z } from 'zod';
import { PRIVACY_NOTICE_VERSION } from './privacy-notice.ts';

/** 1–3 letters (the queue's series, e.g. A for social insurance), then 1–5 digits: A023, BK0107. */
export const QUEUE_TICKET_PATTERN = /^[A-Z]{1,3}[0-9]{1,5}$/;
export const QUEUE_TICKET_MAX_LENGTH = 8;

/** A ticket as printed or scanned: spaces and dashes the reader adds dropped, letters upper-cased. */
export function normaliseQueueTicket(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

export const queueTicketSchema = z.object({
  number: z.string().trim().max(40),
  // When the ticket was taken, as printed on it; absent when the ticket shows no time.
  takenAt: z.iso.datetime({ offset: true }).optional(),
});

/** A case's ticket as kept: the number, when it was taken (if printed) and when the intake started (if known). */
export const queueTicketRecordSchema = z.object({
  number: z.string(),
  takenAt: z.string().nullable(),
  startedAt: z.string().nullable(),
});
export type QueueTicketRecord = z.infer<typeof queueTicketRecordSchema>;

export const privacyAcknowledgementSchema = z.object({
  // The notice version the applicant was given (privacy-notice.ts).
  version: z.string().trim().min(1).max(20),
  acknowledgedAt: z.iso.datetime({ offset: true }),
});

/** The submission's fields this module checks. */
export const queueAndPrivacyFields = {
  queueTicket: queueTicketSchema.optional(),
  // When the clerk called the applicant or began the intake: waiting time ends, serving time starts.
  startedAt: z.iso.datetime({ offset: true }).optional(),
  privacyNotice: privacyAcknowledgementSchema.optional(),
};

export type QueueAndPrivacy = z.infer<z.ZodObject<typeof queueAndPrivacyFields>>;

export const QUEUE_PRIVACY_REASONS = [
  'queue_ticket_invalid',
  'queue_ticket_taken_after_start',
  'queue_ticket_taken_in_future',
  'intake_started_in_future',
  'privacy_notice_not_acknowledged',
  'privacy_notice_outdated',
] as const;
export type QueuePrivacyReason = (typeof QUEUE_PRIVACY_REASONS)[number];

/** A clock a minute ahead of the backend's (the screen's) is not an error. */
const SKEW_MS = 60_000;

/** The shape of checkSubmission's problems, with this module's reasons. */
interface Problem {
  reason: QueuePrivacyReason;
  field: string;
  params?: Record<string, string>;
}

export function queueAndPrivacyProblems(submission: QueueAndPrivacy, now: Date): Problem[] {
  const problems: Problem[] = [];
  const latest = now.getTime() + SKEW_MS;
  const ticket = submission.queueTicket;
  if (ticket) {
    const number = normaliseQueueTicket(ticket.number);
    if (number.length > QUEUE_TICKET_MAX_LENGTH || !QUEUE_TICKET_PATTERN.test(number)) {
      problems.push({ reason: 'queue_ticket_invalid', field: 'queueTicket.number', params: { code: ticket.number } });
    }
    if (ticket.takenAt && Date.parse(ticket.takenAt) > latest) {
      problems.push({ reason: 'queue_ticket_taken_in_future', field: 'queueTicket.takenAt' });
    } else if (
      ticket.takenAt &&
      submission.startedAt &&
      Date.parse(ticket.takenAt) > Date.parse(submission.startedAt)
    ) {
      problems.push({ reason: 'queue_ticket_taken_after_start', field: 'queueTicket.takenAt' });
    }
  }
  if (submission.startedAt && Date.parse(submission.startedAt) > latest) {
    problems.push({ reason: 'intake_started_in_future', field: 'startedAt' });
  }
  const notice = submission.privacyNotice;
  if (!notice) {
    problems.push({ reason: 'privacy_notice_not_acknowledged', field: 'privacyNotice' });
  } else if (notice.version !== PRIVACY_NOTICE_VERSION) {
    problems.push({
      reason: 'privacy_notice_outdated',
      field: 'privacyNotice',
      params: { code: PRIVACY_NOTICE_VERSION },
    });
  }
  return problems;
}
