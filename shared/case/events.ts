// Case events: the unit of change and of sync (DESIGN §5). A case is the
// projection of its events. Payload schemas are declared here once; the
// exchange server checks the same ones.
import { z } from 'zod';
import { roleSchema } from '../auth/permissions.ts';
import { languageSchema } from '../languages.ts';
import { agentSchema, materialOutcomeSchema, personSchema, sha256Schema } from './intake.ts';

const regionCode = z.string().regex(/^\d{6}$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

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
  formData: z.record(z.string(), z.union([z.string(), z.number()])),
  language: languageSchema,
  // Expected dates at intake, in working days from the intake day; the
  // acceptance clock proper starts when the handling place accepts.
  deadlines: z.object({
    promised: isoDate.nullable(),
    statutory: isoDate.nullable(),
    provisional: z.boolean(),
  }),
});
export type CaseReceivedPayload = z.infer<typeof caseReceivedPayload>;

export const materialsCheckedPayload = z.object({
  materials: z.array(materialOutcomeSchema),
  scans: z.array(z.object({ sha256: sha256Schema, materialId: z.string().nullable(), mediaType: z.string() })),
});
export type MaterialsCheckedPayload = z.infer<typeof materialsCheckedPayload>;

// The acceptance number is the handling place's own (受理编号), shown on the acceptance notice.
export const caseAcceptedPayload = z.object({
  acceptanceNo: z.string().trim().min(1).max(64),
});
export type CaseAcceptedPayload = z.infer<typeof caseAcceptedPayload>;

export const EVENT_PAYLOADS = {
  'case.received': caseReceivedPayload,
  'case.materials_checked': materialsCheckedPayload,
  'case.accepted': caseAcceptedPayload,
} as const;
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

/** Stable JSON: keys sorted, so a content hash is the same on every machine. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
