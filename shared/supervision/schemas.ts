// The supervisor's and the auditor's views, declared once for the RPC
// contract: the daily ledger (台账), consultations (咨询), warnings, statistics,
// exports, the end-of-day close (日结) and the audit log.
import { z } from 'zod';
import { roleSchema } from '../auth/permissions.ts';
import { caseStatusSchema, subStateSchema } from '../case/status.ts';
import { queueStatsSchema, queueTimesSchema } from './queue-times.ts';
import { rectificationStatsSchema } from './rectification.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const regionCode = z.string().regex(/^\d{6}$/);
const id = z.string().min(1).max(64);
const mark = z.enum(['none', 'yellow', 'red']);
const deadlineUnitSchema = z.enum(['working_days', 'calendar_days']);

export const consultationInput = z.object({
  // null: a question about no single matter of the catalog.
  matterId: z.string().max(64).nullable(),
  note: z.string().trim().min(1).max(500),
  minutes: z.number().int().min(1).max(480),
});
export const consultationSchema = z.object({
  consultationId: z.string(),
  at: z.string(),
  userId: z.string(),
  clerk: z.string(),
  matterId: z.string().nullable(),
  note: z.string(),
  minutes: z.number().int(),
});
export type Consultation = z.infer<typeof consultationSchema>;

/** Filters a ledger and its export share. */
export const ledgerFilter = z.object({
  day: isoDate,
  clerkUserId: id.optional(),
  matterId: z.string().max(64).optional(),
  status: caseStatusSchema.optional(),
  // The partner region: where an intake case is handled, or where an inbox case was taken in.
  regionCode: regionCode.optional(),
});
export type LedgerFilter = z.infer<typeof ledgerFilter>;

/** What was done to a case that day, in the order it was recorded here. */
export const ledgerActivitySchema = z.object({
  type: z.string(),
  at: z.string(),
  actor: z.string().nullable(),
  role: roleSchema,
});

export const ledgerRowSchema = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  matterId: z.string(),
  status: caseStatusSchema,
  subState: subStateSchema,
  origin: z.enum(['intake', 'inbox']),
  receivedAt: z.string(),
  clerkUserId: z.string().nullable(),
  clerk: z.string().nullable(),
  partnerRegion: regionCode,
  // Masked unless the ledger was asked for unmasked (permissioned, audited).
  applicantName: z.string(),
  applicantId: z.string(),
  mark,
  // The nearest date the case must meet; provisional where it lies in a year with no loaded calendar.
  deadline: isoDate.nullable(),
  deadlineProvisional: z.boolean(),
  evaluation: z.number().int().nullable(),
  activities: z.array(ledgerActivitySchema),
  // 排队号 and the waiting and serving times (queue-times.ts).
  ...queueTimesSchema.shape,
  // Read from the ID card's chip or typed; null for cases from before readers.
  identitySource: z.enum(['chip', 'typed']).nullable(),
});
export type LedgerRow = z.infer<typeof ledgerRowSchema>;

/** Who and when, printed across an unmasked export. */
export const watermarkSchema = z.object({ user: z.string(), at: z.string() });

export const ledgerSchema = z.object({
  day: isoDate,
  rows: z.array(ledgerRowSchema),
  consultations: z.array(consultationSchema),
  // Everyone who worked a case or a consultation that day, for the clerk filter.
  clerks: z.array(z.object({ userId: z.string(), displayName: z.string() })),
  // Every partner region of the day's cases, for the region filter.
  regions: z.array(regionCode),
  closed: z.boolean(),
  watermark: watermarkSchema.nullable(),
});
export type Ledger = z.infer<typeof ledgerSchema>;

export const WARNING_KINDS = [
  'deadline_red', // overdue
  'deadline_yellow', // ≤ 3 days left (working or calendar, as the matter counts)
  'not_dispatched', // taken in here, not on the partner's server by the next working day
  'originals_not_signed', // originals mailed, not signed for within N days
  'originals_not_dispatched', // originals that travel to the handling place, not mailed within N days of receipt
  'result_not_collected', // result at the window, not collected within N days
  'quarantined', // refused by a server, waiting in quarantine
  'bad_evaluation', // 差评: 1–2 of 5, to follow up
  'commitment_lapsed', // 容缺承诺逾期: a deferred material not brought in by its promised day
  'correction_mark_due', // working day 4 of the five for a correction notice (行政许可法 art. 32)
  'correction_mark_passed', // five working days gone without a correction notice or a decision
  'rectification_open', // 差评整改: a bad rating's rectification item, not yet closed
  'rectification_overdue', // 差评整改逾期: not closed within its working days of the rating
] as const;
export const warningKindSchema = z.enum(WARNING_KINDS);
export type WarningKind = z.infer<typeof warningKindSchema>;

export const warningSchema = z.object({
  // Stable across calls: kind and case (and event for quarantine), so a close can comment on it.
  key: z.string(),
  kind: warningKindSchema,
  caseId: z.string(),
  caseNo: z.string(),
  matterId: z.string(),
  // When the condition began: the deadline, the receipt, the mailing, the arrival, the refusal, the rating.
  since: z.string(),
  // Calendar days since then (for deadlines, days past or left in the deadline's unit).
  days: z.number().int(),
  reason: z.string().nullable(),
  // For deadline warnings: what `days` counts, and whether the date is provisional.
  deadline: z.object({ unit: deadlineUnitSchema, provisional: z.boolean() }).nullable(),
});
export type Warning = z.infer<typeof warningSchema>;

export const warningThresholdsSchema = z.object({
  originalsDays: z.number().int().min(1).max(60),
  collectionDays: z.number().int().min(1).max(90),
  // Defaulted: thresholds saved before this one existed still read.
  dispatchOriginalsDays: z.number().int().min(1).max(30).default(3),
});
export type WarningThresholds = z.infer<typeof warningThresholdsSchema>;
export const DEFAULT_WARNING_THRESHOLDS: WarningThresholds = {
  originalsDays: 5,
  collectionDays: 10,
  dispatchOriginalsDays: 3,
};

export const warningsSchema = z.object({
  today: isoDate,
  thresholds: warningThresholdsSchema,
  counts: z.record(warningKindSchema, z.number().int()),
  items: z.array(warningSchema),
});
export type Warnings = z.infer<typeof warningsSchema>;

const countSchema = z.array(z.object({ key: z.string(), label: z.string().nullable(), count: z.number().int() }));
const rateSchema = z.object({ count: z.number().int(), of: z.number().int(), rate: z.number().nullable() });

// from after to, or more than MAX_STATS_DAYS, is refused by the backend with a translated reason.
export const statsInput = z.object({ from: isoDate, to: isoDate });
export const MAX_STATS_DAYS = 3 * 366;

export const statsSchema = z.object({
  from: isoDate,
  to: isoDate,
  // Cases received in the range, at this window or arrived for this desk.
  total: z.number().int(),
  byMatter: countSchema,
  byStatus: countSchema,
  byClerk: countSchema,
  byRegion: countSchema,
  concluded: z.number().int(),
  // 撤件: withdrawn at the applicant's request; 延期: whose statutory limit was extended.
  withdrawn: z.number().int(),
  extended: z.number().int(),
  // 现场办结: concluded within an hour of receipt, the applicant still there.
  onTheSpot: rateSchema,
  // 即时办结: concluded the day it was received.
  sameDay: rateSchema,
  // 按时办结: concluded by the promised deadline, pauses counted.
  onTime: rateSchema,
  // Of those, how many deadlines were provisional (a year with no loaded calendar).
  onTimeProvisional: z.number().int(),
  // From receipt to conclusion, over the concluded cases.
  averageHandlingHours: z.number().nullable(),
  // 好差评: how many of each rating, 1…5.
  evaluations: z.object({
    ratings: z.array(z.number().int()).length(5),
    total: z.number().int(),
    bad: rateSchema,
  }),
  consultations: z.object({ count: z.number().int(), minutes: z.number().int() }),
  // Waiting and serving times at the window, where both ends are known (queue-times.ts).
  queue: queueStatsSchema,
  // 差评整改: the items opened by bad ratings given in the range, as they stand now.
  rectifications: rectificationStatsSchema,
});
export type Stats = z.infer<typeof statsSchema>;

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export const exportFileSchema = z.object({ fileName: z.string(), mediaType: z.string(), data: z.string() });

export const closeCommentSchema = z.object({ key: z.string().max(200), comment: z.string().trim().min(1).max(500) });

export const daySummarySchema = z.object({
  cases: z.number().int(),
  received: z.number().int(),
  decided: z.number().int(),
  corrections: z.number().int(),
  collected: z.number().int(),
  consultations: z.number().int(),
  events: z.number().int(),
  byMatter: countSchema,
});
export type DaySummary = z.infer<typeof daySummarySchema>;

// removed: the close itself is gone from the database, though the audit log recorded it.
export const CHAIN_PROBLEMS = ['changed', 'missing', 'added', 'signature', 'removed'] as const;
export const chainProblemSchema = z.object({
  kind: z.enum(CHAIN_PROBLEMS),
  eventId: z.string().nullable(),
  caseNo: z.string().nullable(),
});

export const dayCloseSchema = z.object({
  day: isoDate,
  closedAt: z.string(),
  closedBy: z.string(),
  events: z.number().int(),
  chainHash: z.string(),
  summary: daySummarySchema,
  comments: z.array(closeCommentSchema.extend({ kind: warningKindSchema, caseNo: z.string() })),
  // The day's events as they stand today, checked against the hash the close signed.
  intact: z.boolean(),
  problems: z.array(chainProblemSchema),
});
export type DayClose = z.infer<typeof dayCloseSchema>;

export const closePreviewSchema = z.object({
  day: isoDate,
  summary: daySummarySchema,
  // Every warning open now; each needs a comment (what was done or why it waits) before the day is signed.
  warnings: z.array(warningSchema),
  closed: dayCloseSchema.nullable(),
});

export const auditFilter = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  action: z.string().max(60).optional(),
  userId: id.optional(),
});
export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  userId: z.string().nullable(),
  user: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
// The device's staff, for the auditor to pick whose entries to read.
export const auditUserSchema = z.object({ userId: z.string(), username: z.string(), displayName: z.string() });
export const auditChainSchema = z.object({
  entries: z.number().int(),
  intact: z.boolean(),
  // The first entry whose hash does not follow from the one before.
  brokenAt: z.number().int().nullable(),
});
