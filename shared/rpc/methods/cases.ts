// Reading cases: the list, one case in full, and one personal or sensitive form field revealed.
import { z } from 'zod';
import { roleSchema } from '../../auth/permissions.ts';
import { DELIVERY_METHODS } from '../../case/delivery.ts';
import { sha256Schema } from '../../case/intake.ts';
import { privacyRecordSchema } from '../../case/privacy-notice.ts';
import { queueTicketRecordSchema } from '../../case/queue-ticket.ts';
import { identitySourceSchema } from '../../case/identity-source.ts';
import { caseStatusSchema, subStateSchema, syncStateSchema } from '../../case/status.ts';
import { identityKindSchema } from '../../identity/validate.ts';
import { languageSchema } from '../../languages.ts';
import { caseCommitmentSchema } from './commitments.ts';
import { id, isoDate, regionCode, type MethodSpec } from './common.ts';

export const caseRowSchema = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  matterId: z.string(),
  status: caseStatusSchema,
  subState: subStateSchema,
  syncState: syncStateSchema,
  applicantName: z.string(), // masked
  applicantId: z.string(), // masked
  applicantIdKind: identityKindSchema,
  priority: z.boolean(),
  receivedAt: z.string(),
  // null: taken in at the other place.
  clerk: z.string().nullable(),
  handlingRegion: regionCode,
  intakeRegion: regionCode,
  // intake: taken in at this window; inbox: arrived for this acceptance desk.
  origin: z.enum(['intake', 'inbox']),
  promisedDeadline: isoDate.nullable(),
  statutoryDeadline: isoDate.nullable(),
  deadlineProvisional: z.boolean(),
  clockState: z.enum(['not_started', 'running', 'paused', 'stopped']),
  // yellow: 3 working days or fewer left; red: overdue.
  mark: z.enum(['none', 'yellow', 'red']),
  // 好差评, once given: 1–2 is a bad rating for the supervisor to follow up.
  evaluation: z.number().int().min(1).max(5).nullable(),
  // Notes from others this user has not opened yet.
  unreadNotes: z.number().int(),
  // No exchange server is configured for the handling region yet: the case waits on this device.
  noRoute: z.boolean(),
  // The five-day correction mark of a case still waiting at receipt: due from working day 4, then passed.
  correctionMark: z.enum(['due', 'passed']).nullable(),
});
export type CaseRow = z.infer<typeof caseRowSchema>;

export const caseListInput = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  status: caseStatusSchema.optional(),
  matterId: z.string().optional(),
  syncState: syncStateSchema.optional(),
  origin: z.enum(['intake', 'inbox']).optional(),
  // A case number, an exact ID number, or the start of a name.
  query: z.string().trim().max(60).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export const timelineEntrySchema = z.object({
  eventId: z.string(),
  type: z.string(),
  occurredAt: z.string(),
  // null: someone at the partner region, whose staff list this device does not hold.
  actor: z.string().nullable(),
  role: roleSchema,
  syncedAt: z.string().nullable(),
  // The event's payload, personal data in it masked (a collector's name and ID).
  details: z.record(z.string(), z.unknown()),
});

const maskedPerson = z.object({
  name: z.string(),
  idKind: identityKindSchema,
  idNumber: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  // ISO 3166-1 alpha-3; not masked: it identifies no one.
  nationality: z.string().nullable(),
});

/** A deadline of the case clock: remainingDays counts in the clock's unit. */
const clockDeadline = z.object({ date: isoDate, remainingDays: z.number().int(), onTime: z.boolean().optional() });

export const caseDetailSchema = z.object({
  row: caseRowSchema,
  catalogVersion: z.string(),
  intakeRegion: regionCode,
  intakePlace: z.object({ deviceName: z.string(), hall: z.string(), window: z.string() }),
  applicant: maskedPerson,
  agent: maskedPerson.extend({ powerOfAttorney: z.string().nullable() }).nullable(),
  // Values of fields the catalog marks sensitive are masked; sensitiveFields names them, for cases.revealField.
  formData: z.record(z.string(), z.union([z.string(), z.number()])),
  sensitiveFields: z.array(z.string()),
  materials: z.array(z.record(z.string(), z.unknown())),
  // held: the file is on this device; a scan of a case from elsewhere is false until it has been fetched.
  scans: z.array(
    z.object({ sha256: sha256Schema, materialId: z.string().nullable(), mediaType: z.string(), held: z.boolean() }),
  ),
  language: languageSchema,
  contentHash: z.string(),
  // The receipt's short code and the status page it opens with the case number (null until the handling
  // region's server is known); null on a case from elsewhere and on one taken in before codes.
  statusPage: z.object({ code: z.string(), url: z.string().nullable() }).nullable(),
  clock: z
    .object({
      state: z.enum(['not_started', 'running', 'paused', 'stopped']),
      unit: z.enum(['working_days', 'calendar_days']),
      startDay: isoDate,
      promised: clockDeadline.nullable(),
      statutory: clockDeadline.nullable(),
      acceptanceDecision: clockDeadline.nullable(),
      pausedDays: z.number().int(),
      extendedBy: z.number().int(),
      mark: z.enum(['none', 'yellow', 'red']),
      provisional: z.boolean(),
    })
    .nullable(),
  timeline: z.array(timelineEntrySchema),
  nextActions: z.array(z.string()),
  // 容缺受理承诺书: the deferred materials with the day promised, here and at the handling place alike.
  commitments: z.array(caseCommitmentSchema),
  // The five-day correction mark (shared/case/correction-mark.ts); null without the intake event.
  correctionMark: z
    .object({
      receivedDay: isoDate,
      markDay: isoDate,
      workingDay: z.number().int(),
      state: z.enum(['counting', 'due', 'met', 'passed']),
      provisional: z.boolean(),
    })
    .nullable(),
  // The statutory deadline each extension still allowed would give if recorded today; empty where none is offered.
  extensionDates: z.array(z.object({ count: z.number().int(), date: isoDate })),
  // 排队号 and the privacy notice acknowledged, for a case taken in at this window with them.
  queueTicket: queueTicketRecordSchema.nullable(),
  privacyNotice: privacyRecordSchema.nullable(),
  // 送达方式 chosen at intake; for a posted result the county (GB/T 2260) shown, street and phone masked.
  // null: taken in before the choice was asked.
  delivery: z
    .object({
      method: z.enum(DELIVERY_METHODS),
      county: z.string().nullable(),
      street: z.string().nullable(),
      phone: z.string().nullable(),
    })
    .nullable(),
  // Read from the ID card's chip or typed, with the card's facts; absent for cases from before readers.
  applicantIdentity: identitySourceSchema.optional(),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const REVEALABLE_FIELDS = [
  'applicant.name',
  'applicant.idNumber',
  'applicant.phone',
  'applicant.address',
  'agent.name',
  'agent.idNumber',
  'agent.phone',
  'delivery.street',
  'delivery.phone',
] as const;

export const caseMethods = {
  'cases.list': {
    permission: 'cases.read',
    input: caseListInput,
    // total counts matches up to a cap; totalCapped says there are more.
    output: z.object({ rows: z.array(caseRowSchema), total: z.number().int(), totalCapped: z.boolean() }),
  },
  'cases.get': { permission: 'cases.read', input: z.object({ caseId: id }), output: caseDetailSchema },
  // The full value of one personal field: permissioned and audited.
  'cases.reveal': {
    permission: 'personal.reveal',
    input: z.object({ caseId: id, field: z.enum(REVEALABLE_FIELDS) }),
    output: z.object({ value: z.string() }),
  },
  // The full value of one form field the catalog marks sensitive (a bank account): permissioned and audited.
  'cases.revealField': {
    permission: 'form.reveal',
    input: z.object({ caseId: id, fieldId: z.string().trim().min(1).max(64) }),
    output: z.object({ value: z.string() }),
  },
} as const satisfies Record<string, MethodSpec>;
