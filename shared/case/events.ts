// Case events: the unit of change and of sync, and the case's history. A case is the
// projection of its events. Payload schemas are declared here once; the
// exchange server checks the same ones.
import { z } from 'zod';
import { roleSchema } from '../auth/permissions.ts';
import { ADMINISTRATIVE_REMEDIES, REMEDY_KINDS, remedyPeriodSchema, type RemedyPeriod } from '../catalog/schema.ts';
import { languageSchema } from '../languages.ts';
import { deliverySchema } from './delivery.ts';
import { agentSchema, materialFormSchema, materialOutcomeSchema, personSchema, sha256Schema } from './intake.ts';
import { talentCardSchema } from './talent-card.ts';
import { identitySourceSchema } from './identity-source.ts';
import type { CaseEventType } from './state-machine.ts';

const regionCode = z.string().regex(/^\d{6}$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const text = (max: number) => z.string().trim().min(1).max(max);
const scanRef = z.object({ sha256: sha256Schema, materialId: z.string().nullable(), mediaType: z.string() });

export const caseReceivedPayload = z.object({
  caseNo: z.string(),
  matterId: z.string(),
  catalogVersion: z.string(),
  intakeRegion: regionCode,
  handlingRegion: regionCode,
  intakePlace: z.object({ deviceName: z.string(), hall: z.string(), window: z.string() }),
  applicant: personSchema,
  agent: agentSchema.nullable(),
  priority: z.boolean(),
  // The talent green card the priority rests on; absent on cases without one and those taken in before cards.
  talentCard: talentCardSchema.optional(),
  formData: z.record(z.string(), z.union([z.string(), z.number()])),
  language: languageSchema,
  // Expected dates at intake, in working days from the intake day; the
  // acceptance clock proper starts when the handling place accepts.
  deadlines: z.object({
    promised: isoDate.nullable(),
    statutory: isoDate.nullable(),
    provisional: z.boolean(),
    // What the dates count, and the handling place's limit for deciding on acceptance, for a device
    // whose catalogs lack the matter. Absent in cases taken in before units: working days.
    unit: z.enum(['working_days', 'calendar_days']).optional(),
    acceptanceDecision: isoDate.nullable().optional(),
  }),
  // 送达方式: how the result reaches the applicant; absent in cases taken in before it was asked.
  delivery: deliverySchema.optional(),
  // The hash of the short code printed on the receipt, salted with the case number: with the number, the code
  // opens the case's public status page. The code itself stays on the device and the receipt.
  statusCodeHash: sha256Schema.optional(),
  // Whether the applicant's identity was read from the card's chip or typed; absent in cases from before readers.
  applicantIdentity: identitySourceSchema.optional(),
});
export type CaseReceivedPayload = z.infer<typeof caseReceivedPayload>;

export const materialsCheckedPayload = z.object({
  materials: z.array(materialOutcomeSchema),
  scans: z.array(scanRef),
});
export type MaterialsCheckedPayload = z.infer<typeof materialsCheckedPayload>;

const mailing = z.object({ carrier: text(40), waybillNo: text(40), mailedOn: isoDate });

export const originalsDispatchedPayload = mailing.extend({ materialIds: z.array(z.string()).min(1).max(100) });

export const signedForPayload = z.object({
  /** The electronic materials and scans, or the paper originals that came by mail. */
  part: z.enum(['electronic', 'originals']),
  note: text(500).optional(),
});

// The acceptance number is the handling place's own (受理编号), shown on the acceptance notice.
export const caseAcceptedPayload = z.object({
  acceptanceNo: z.string().trim().min(1).max(64),
});
export type CaseAcceptedPayload = z.infer<typeof caseAcceptedPayload>;

/**
 * 行政复议 / 行政诉讼 / 民事诉讼: where and within how long the applicant may
 * challenge a refusal. Events recorded before periods had units carry
 * `withinDays` alone, and still mean days.
 */
export const remedySchema = z
  .object({
    kind: z.enum(REMEDY_KINDS),
    body: text(100),
    withinDays: z.number().int().min(1).max(365).optional(),
    period: remedyPeriodSchema.optional(),
  })
  .refine((r) => r.withinDays === undefined || r.period === undefined, {
    message: 'a period, or days, not both',
    path: ['period'],
  })
  .refine((r) => r.period !== undefined || r.withinDays !== undefined || !ADMINISTRATIVE_REMEDIES.includes(r.kind), {
    message: 'an administrative remedy has a period',
    path: ['period'],
  });
export type Remedy = z.infer<typeof remedySchema>;

/** The period a remedy states, whichever way it was recorded; null where the law sets none. */
export function remedyPeriod(remedy: Pick<Remedy, 'withinDays' | 'period'>): RemedyPeriod | null {
  if (remedy.period) return remedy.period;
  return remedy.withinDays === undefined ? null : { value: remedy.withinDays, unit: 'days' };
}
export const notAcceptedPayload = z.object({
  reasons: z.array(text(500)).min(1).max(10),
  remedies: z.array(remedySchema).min(1).max(2),
});
export type NotAcceptedPayload = z.infer<typeof notAcceptedPayload>;

export const correctionItemSchema = z.object({
  /** A material of the case's checklist; null for something outside it (a form field, say). */
  materialId: z.string().nullable(),
  problem: z.enum(['missing', 'incorrect']),
  note: text(500),
});
export const correctionRequestedPayload = z.object({
  items: z.array(correctionItemSchema).min(1).max(50),
  note: text(1000).optional(),
  /** The day the applicant must supply them by. */
  deadline: isoDate,
});
export type CorrectionRequestedPayload = z.infer<typeof correctionRequestedPayload>;

export const correctionSuppliedPayload = z.object({
  materials: z.array(materialOutcomeSchema).max(100),
  scans: z.array(scanRef).max(200),
  note: text(1000).optional(),
});
export type CorrectionSuppliedPayload = z.infer<typeof correctionSuppliedPayload>;

export const specialProcedureStartedPayload = z.object({
  kind: z.enum(['hearing', 'inspection', 'expert_review', 'other']),
  reason: text(500),
});
export const specialProcedureEndedPayload = z.object({ note: text(500).optional() });

/** 延期: how far the statutory limit moves, in the matter's unit, why, and on what authority. */
export const deadlineExtendedPayload = z.object({
  count: z.number().int().min(1).max(365),
  reason: text(500),
  /** e.g. 劳动争议调解仲裁法第四十三条, and who approved it. */
  legalBasis: text(200),
});
export type DeadlineExtendedPayload = z.infer<typeof deadlineExtendedPayload>;

/** 撤件: the applicant withdraws; who asked, why, and at which place it was recorded. */
export const withdrawnPayload = z.object({
  reason: text(500),
  requestedBy: z.enum(['applicant', 'agent']),
  side: z.enum(['intake', 'handling']),
});
export type WithdrawnPayload = z.infer<typeof withdrawnPayload>;

const resultDocuments = z.array(scanRef.extend({ title: text(100) })).max(20);
export const concludedPayload = z.object({
  resultDocuments,
  note: text(1000).optional(),
});
export const concludedDeferredPayload = concludedPayload.extend({
  /** The 容缺 materials the applicant still owes. */
  deferredMaterialIds: z.array(z.string()).min(1).max(50),
});
export const concludedRefusedPayload = concludedPayload.extend({
  reasons: z.array(text(500)).min(1).max(10),
  remedies: z.array(remedySchema).min(1).max(2),
});

export const resultMailedPayload = mailing.extend({ to: z.enum(['applicant', 'intake_window']) });
export const resultDeliveredElectronicallyPayload = z.object({
  /** Where it went: the applicant's e-licence wallet, an e-mail address… as the handling place records it. */
  channel: text(100),
});
export const resultArrivedPayload = z.object({ waybillNo: text(40).optional() });
export const resultCollectedPayload = z.object({
  /** Who took it: the applicant, or someone with the applicant's authority. */
  collector: personSchema,
  byApplicant: z.boolean(),
  /** The collector's signature, drawn on screen or on a signature pad. */
  signature: z.object({ sha256: sha256Schema, source: z.enum(['screen', 'pad']) }),
});
export type ResultCollectedPayload = z.infer<typeof resultCollectedPayload>;

/**
 * 容缺补交: a material deferred at intake, brought in later at the intake window. It closes the
 * 容缺受理承诺书 for that material; the scan, if taken, travels with it.
 */
export const deferredMaterialReceivedPayload = z.object({
  materialId: z.string().min(1).max(64),
  forms: z.array(materialFormSchema).min(1).max(4),
  scans: z.array(scanRef).max(20),
  note: text(500).optional(),
});
export type DeferredMaterialReceivedPayload = z.infer<typeof deferredMaterialReceivedPayload>;

export const noteAddedPayload = z.object({ text: text(2000) });
export const evaluatedPayload = z.object({
  /** 非常满意 5 … 非常不满意 1. */
  rating: z.number().int().min(1).max(5),
  comment: text(500).optional(),
});

export const EVENT_PAYLOADS = {
  'case.received': caseReceivedPayload,
  'case.materials_checked': materialsCheckedPayload,
  'case.originals_dispatched': originalsDispatchedPayload,
  'case.signed_for': signedForPayload,
  'case.accepted': caseAcceptedPayload,
  'case.not_accepted': notAcceptedPayload,
  'case.correction_requested': correctionRequestedPayload,
  'case.correction_supplied': correctionSuppliedPayload,
  'case.special_procedure_started': specialProcedureStartedPayload,
  'case.special_procedure_ended': specialProcedureEndedPayload,
  'case.deadline_extended': deadlineExtendedPayload,
  'case.withdrawn': withdrawnPayload,
  'case.concluded_approved': concludedPayload,
  'case.concluded_approved_deferred': concludedDeferredPayload,
  'case.concluded_refused': concludedRefusedPayload,
  'case.result_mailed': resultMailedPayload,
  'case.result_delivered_electronically': resultDeliveredElectronicallyPayload,
  'case.result_arrived': resultArrivedPayload,
  'case.result_collected': resultCollectedPayload,
  'case.note_added': noteAddedPayload,
  'case.evaluated': evaluatedPayload,
  'case.deferred_material_received': deferredMaterialReceivedPayload,
} as const satisfies Record<CaseEventType, z.ZodType>;
export type EventType = keyof typeof EVENT_PAYLOADS;

export const caseEventSchema = z.object({
  eventId: z.uuid(),
  caseId: z.uuid(),
  type: z.enum(Object.keys(EVENT_PAYLOADS) as [EventType, ...EventType[]]),
  payload: z.unknown(),
  actor: z.object({ userId: z.string(), role: roleSchema }),
  deviceId: z.string(),
  occurredAt: z.string(),
});
export type CaseEvent = z.infer<typeof caseEventSchema>;

/**
 * Stable JSON: keys sorted, so a content hash is the same on every machine.
 * Built in one string, without an array per object: the server hashes every
 * event it is pushed.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      // A hole stays empty, as Array.prototype.map and join leave it.
      if (i in value) out += canonicalJson(value[i]);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // The default sort orders by UTF-16 code units, as comparing with < does.
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${out}}`;
}

export interface BlobRef {
  sha256: string;
  mediaType: string;
  materialId: string | null;
}

/** The files an event brings to its case: scans, result documents, a collector's signature. */
export function blobRefsOf(type: string, payload: unknown): BlobRef[] {
  const p = payload as Partial<{
    scans: BlobRef[];
    resultDocuments: BlobRef[];
    signature: { sha256: string };
  }>;
  switch (type) {
    case 'case.materials_checked':
    case 'case.correction_supplied':
    case 'case.deferred_material_received':
      return (p.scans ?? []).map(({ sha256, mediaType, materialId }) => ({ sha256, mediaType, materialId }));
    case 'case.concluded_approved':
    case 'case.concluded_approved_deferred':
    case 'case.concluded_refused':
      return (p.resultDocuments ?? []).map(({ sha256, mediaType, materialId }) => ({ sha256, mediaType, materialId }));
    case 'case.result_collected':
      return p.signature ? [{ sha256: p.signature.sha256, mediaType: 'image/png', materialId: null }] : [];
    default:
      return [];
  }
}
