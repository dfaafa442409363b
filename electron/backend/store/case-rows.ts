// The device's case row (办件): the one place that writes it, whether the case
// was taken in at this window or arrived from a server, so every writer names
// each column the same way and a new column is added here once.
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { ClockState, Mark } from '../../../shared/case/clock.ts';
import type { CaseStatusCode, SubState, SyncState } from '../../../shared/case/status.ts';
import type { IdentityKind } from '../../../shared/identity/validate.ts';

/** A new row of `cases`, column by column; what a writer leaves out takes its default below. */
export interface NewCaseRow {
  caseId: string;
  caseNo: string;
  /** The intake draft the case was submitted from; none for a case that arrived from a server. */
  submissionId?: string | null;
  matterId: string;
  catalogVersion: string;
  intakeRegion: string;
  handlingRegion: string;
  /** The remote that serves the partner region: its outbox carries the case's events. */
  remoteId: string;
  /** Taken in at this window, or arrived for this desk to accept. */
  origin: 'intake' | 'inbox';
  status: CaseStatusCode;
  subState: SubState;
  syncState: SyncState;
  applicantMaskedName: string;
  applicantMaskedId: string;
  applicantIdKind: IdentityKind;
  priority: boolean;
  /** The clerk who took it in; none for a case taken in at the other place. */
  clerkUserId?: string | null;
  receivedAt: string;
  receivedDay: string;
  promisedDeadline: string | null;
  statutoryDeadline: string | null;
  deadlineProvisional: boolean;
  deadlineUnit: 'working_days' | 'calendar_days';
  acceptanceDeadline: string | null;
  /** The clock's columns: until the clock first runs over the case's events, not started and unmarked. */
  clockState?: ClockState;
  clockMark?: Mark;
  acceptedDay?: string | null;
  /** 好差评 1–5, once the applicant has rated the service. */
  evaluation?: number | null;
  /** The day a close said how a bad rating was followed up. */
  evaluationFollowedUp?: string | null;
  concludedAt?: string | null;
  /** 排队号 and its times, for a case taken in here with a ticket (queue-ticket.ts). */
  queueTicket?: string | null;
  ticketTakenAt?: string | null;
  intakeStartedAt?: string | null;
  /** The privacy notice the applicant acknowledged, as it read (privacy-notice.ts). */
  privacyNoticeVersion?: string | null;
  privacyAcknowledgedAt?: string | null;
  privacyRetentionYears?: number | null;
  privacyContact?: string | null;
  /** Read from the ID card's chip or typed (identity-source.ts); none for cases from before readers. */
  identitySource?: 'chip' | 'typed' | null;
  contentHash: string;
  /** The case document (what was received, the materials), encrypted. */
  detailEnc: string;
  updatedAt: string;
}

/** Every field and its column: a field added to NewCaseRow without a column here does not compile. */
const COLUMNS: { readonly [K in keyof NewCaseRow]-?: string } = {
  caseId: 'case_id',
  caseNo: 'case_no',
  submissionId: 'submission_id',
  matterId: 'matter_id',
  catalogVersion: 'catalog_version',
  intakeRegion: 'intake_region',
  handlingRegion: 'handling_region',
  remoteId: 'remote_id',
  origin: 'origin',
  status: 'status',
  subState: 'sub_state',
  syncState: 'sync_state',
  applicantMaskedName: 'applicant_masked_name',
  applicantMaskedId: 'applicant_masked_id',
  applicantIdKind: 'applicant_id_kind',
  priority: 'priority',
  clerkUserId: 'clerk_user_id',
  receivedAt: 'received_at',
  receivedDay: 'received_day',
  promisedDeadline: 'promised_deadline',
  statutoryDeadline: 'statutory_deadline',
  deadlineProvisional: 'deadline_provisional',
  deadlineUnit: 'deadline_unit',
  acceptanceDeadline: 'acceptance_deadline',
  clockState: 'clock_state',
  clockMark: 'clock_mark',
  acceptedDay: 'accepted_day',
  evaluation: 'evaluation',
  evaluationFollowedUp: 'evaluation_followed_up',
  concludedAt: 'concluded_at',
  queueTicket: 'queue_ticket',
  ticketTakenAt: 'ticket_taken_at',
  intakeStartedAt: 'intake_started_at',
  privacyNoticeVersion: 'privacy_notice_version',
  privacyAcknowledgedAt: 'privacy_acknowledged_at',
  privacyRetentionYears: 'privacy_retention_years',
  privacyContact: 'privacy_contact',
  identitySource: 'identity_source',
  contentHash: 'content_hash',
  detailEnc: 'detail_enc',
  updatedAt: 'updated_at',
};

type OptionalField = { [K in keyof NewCaseRow]-?: undefined extends NewCaseRow[K] ? K : never }[keyof NewCaseRow];

const DEFAULTS: { readonly [K in OptionalField]-?: Exclude<NewCaseRow[K], undefined> } = {
  submissionId: null,
  clerkUserId: null,
  clockState: 'not_started',
  clockMark: 'none',
  acceptedDay: null,
  evaluation: null,
  evaluationFollowedUp: null,
  concludedAt: null,
  queueTicket: null,
  ticketTakenAt: null,
  intakeStartedAt: null,
  privacyNoticeVersion: null,
  privacyAcknowledgedAt: null,
  privacyRetentionYears: null,
  privacyContact: null,
  identitySource: null,
};

const FIELDS = Object.keys(COLUMNS) as (keyof NewCaseRow)[];
const INSERT_SQL = `INSERT INTO cases (${FIELDS.map((field) => COLUMNS[field]).join(', ')})
  VALUES (${FIELDS.map((field) => `:${field}`).join(', ')})`;

function parameters(row: NewCaseRow): Record<string, SQLInputValue> {
  const defaults: Partial<Record<keyof NewCaseRow, SQLInputValue>> = DEFAULTS;
  return Object.fromEntries(
    FIELDS.map((field) => {
      const value = row[field] ?? defaults[field] ?? null;
      return [field, typeof value === 'boolean' ? Number(value) : value];
    }),
  );
}

/** A writer of case rows with its statement prepared once, for writing many. */
export function caseRowWriter(db: DatabaseSync): (row: NewCaseRow) => void {
  const insert = db.prepare(INSERT_SQL);
  return (row) => {
    insert.run(parameters(row));
  };
}

export function insertCaseRow(db: DatabaseSync, row: NewCaseRow): void {
  caseRowWriter(db)(row);
}
