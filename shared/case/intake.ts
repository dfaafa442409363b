// What a clerk submits at the intake window, and the rules it must meet. The
// UI runs checkSubmission to block a submit and name what is missing; the
// backend runs the same function again before it writes anything.
import { z } from 'zod';
import { MATERIAL_FORMS, type Material, type Matter } from '../catalog/schema.ts';
import { isNationalityCode } from '../identity/nationality.ts';
import { identityKindSchema, validateIdentityDocument } from '../identity/validate.ts';
import { localDay } from '../local-time.ts';
import { isKnownRegion } from '../regions.ts';
import { queueAndPrivacyFields, queueAndPrivacyProblems, type QueuePrivacyReason } from './queue-ticket.ts';
import { checkDelivery, deliverySchema, type DeliveryProblemReason } from './delivery.ts';
import { talentCardProblems, talentCardSchema, type TalentCardProblem } from './talent-card.ts';
import { identitySourceProblems, identitySourceSchema, type IdentitySourceProblem } from './identity-source.ts';

export const materialFormSchema = z.enum(MATERIAL_FORMS);
type MaterialForm = z.infer<typeof materialFormSchema>;

export const personSchema = z.object({
  name: z.string().trim().min(1).max(100),
  idKind: identityKindSchema,
  idNumber: z.string().trim().min(1).max(40),
  phone: z.string().trim().max(30).optional(),
  address: z.string().trim().max(200).optional(),
  // 国籍, ISO 3166-1 alpha-3: checkSubmission asks for it with a passport; older cases have none.
  nationality: z.string().trim().max(20).optional(),
});
export type Person = z.infer<typeof personSchema>;

export const agentSchema = personSchema.extend({
  // 委托书: how the power of attorney was received; an agent cannot act without one.
  powerOfAttorney: materialFormSchema.nullable(),
});

export const materialOutcomeSchema = z.discriminatedUnion('outcome', [
  z.object({
    materialId: z.string(),
    outcome: z.literal('received'),
    // 验原件收复印件 is two forms: original checked, copy kept.
    forms: z.array(materialFormSchema).min(1).max(4),
    pages: z.number().int().min(0).max(9999).optional(),
  }),
  // 免提交: verified online (e.g. in the national professional-title system).
  z.object({
    materialId: z.string(),
    outcome: z.literal('waived'),
    verificationRef: z.string().trim().min(1).max(100),
  }),
  // 容缺: may follow later, where the matter allows it, by the day the applicant promises in the
  // 容缺受理承诺书. Cases taken in before the promise was written down carry no day.
  z.object({
    materialId: z.string(),
    outcome: z.literal('deferred'),
    dueDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  }),
  z.object({ materialId: z.string(), outcome: z.literal('not_provided') }),
]);
export type MaterialOutcome = z.infer<typeof materialOutcomeSchema>;

export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

export const intakeSubmissionSchema = z.object({
  // Made by the UI when the draft starts: a second submit of the same draft is caught.
  submissionId: z.uuid(),
  matterId: z.string().min(1).max(40),
  applicant: personSchema,
  agent: agentSchema.nullable(),
  // Talent green-card holders are served first: priority rests on the card recorded beside it.
  priority: z.boolean(),
  talentCard: talentCardSchema.nullable().optional(),
  materials: z.array(materialOutcomeSchema).max(100),
  scans: z.array(z.object({ sha256: sha256Schema, materialId: z.string().nullable() })).max(200),
  formData: z.record(z.string(), z.union([z.string().max(2000), z.number()])),
  language: z.enum(['zh-CN', 'zh-TW', 'en']),
  // The applicant's region the clerk chose, for a matter whose handling place follows the applicant
  // (catalog handlingRegionFrom); checked against the region list by checkSubmission, to name what is expected.
  handlingRegion: z.string().trim().max(20).optional(),
  // 排队号, the intake's start and the privacy notice acknowledged (queue-ticket.ts).
  ...queueAndPrivacyFields,
  // How the result reaches the applicant; absent in drafts and intakes from before the choice existed.
  delivery: deliverySchema.optional(),
  // Read from the ID card's chip or typed; absent in drafts and intakes from before readers.
  identitySource: identitySourceSchema.optional(),
});
export type IntakeSubmission = z.infer<typeof intakeSubmissionSchema>;

/** A reason a submission cannot go through, with what the message needs. */
export interface SubmissionProblem {
  reason:
    | 'matter_creates_no_case'
    | 'applicant_id_invalid'
    | 'agent_id_invalid'
    | 'phone_invalid'
    | 'nationality_missing'
    | 'nationality_unknown'
    | 'agent_not_allowed'
    | 'agent_needs_power_of_attorney'
    | 'material_missing'
    | 'material_form_not_accepted'
    | 'material_not_waivable'
    | 'material_waiver_not_allowed'
    | 'material_not_deferrable'
    | 'deferred_due_date_missing'
    | 'deferred_due_date_past'
    | 'material_unknown'
    | 'form_field_missing'
    | 'handling_region_missing'
    | 'handling_region_unknown'
    | 'handling_region_fixed'
    | QueuePrivacyReason
    | DeliveryProblemReason
    | 'talent_card_missing'
    | TalentCardProblem
    | IdentitySourceProblem;
  field: string;
  params?: Record<string, string>;
}

/** The agent's power of attorney is a material of the matter; its catalog entry says how it may be received. */
const POWER_OF_ATTORNEY = 'power_of_attorney';

/** How the power of attorney may be received: as the catalog says, else the original, kept by the window. */
export function powerOfAttorneyForms(matter: Matter): readonly MaterialForm[] {
  return matter.materials.find((m) => m.id === POWER_OF_ATTORNEY)?.acceptedForms ?? ['original_kept'];
}

/** Whether online verification may stand in for the material, given the matter's form answers (its waivableWhen). */
export function waiverAllowed(material: Material, formData: IntakeSubmission['formData']): boolean {
  if (!material.waivableByOnlineVerification) return false;
  const when = material.waivableWhen;
  return !when || when.values.includes(String(formData[when.field] ?? ''));
}

/** Where the case goes: the matter's fixed region, or the applicant's region the clerk chose. */
export function handlingRegionOf(matter: Matter, submission: Pick<IntakeSubmission, 'handlingRegion'>): string {
  return matter.handlingRegionFrom ? (submission.handlingRegion ?? '') : matter.handlingRegion;
}

function handlingRegionProblem(matter: Matter, chosen: string | undefined): SubmissionProblem | undefined {
  const field = 'handlingRegion';
  if (!matter.handlingRegionFrom) {
    return chosen === undefined || chosen === matter.handlingRegion
      ? undefined
      : { reason: 'handling_region_fixed', field, params: { code: matter.handlingRegion } };
  }
  const source = matter.handlingRegionFrom;
  if (chosen === undefined || chosen === '') return { reason: 'handling_region_missing', field, params: { source } };
  return isKnownRegion(chosen)
    ? undefined
    : { reason: 'handling_region_unknown', field, params: { source, code: chosen } };
}

/** A 容缺 material's promised day: given, a real calendar day, and not before today. */
export function dueDateProblem(
  dueDate: string | undefined,
  today = new Date(),
): 'deferred_due_date_missing' | 'deferred_due_date_past' | undefined {
  if (!dueDate) return 'deferred_due_date_missing';
  const [year, month, day] = dueDate.split('-').map(Number) as [number, number, number];
  const date = new Date(year, month - 1, day, 12);
  if (Number.isNaN(date.getTime()) || localDay(date) !== dueDate) return 'deferred_due_date_missing';
  return dueDate < localDay(today) ? 'deferred_due_date_past' : undefined;
}

export function checkSubmission(matter: Matter, submission: IntakeSubmission, today?: Date): SubmissionProblem[] {
  const problems: SubmissionProblem[] = [];
  if (!matter.createsCase) problems.push({ reason: 'matter_creates_no_case', field: 'matterId' });
  const region = handlingRegionProblem(matter, submission.handlingRegion);
  if (region) problems.push(region);

  if (submission.talentCard) problems.push(...talentCardProblems(submission.talentCard));
  else if (submission.priority) problems.push({ reason: 'talent_card_missing', field: 'talentCard.number' });

  const applicantId = validateIdentityDocument(submission.applicant.idKind, submission.applicant.idNumber, { today });
  if (!applicantId.ok) {
    problems.push({
      reason: 'applicant_id_invalid',
      field: 'applicant.idNumber',
      params: { code: applicantId.error ?? '' },
    });
  }
  for (const [who, person] of [
    ['applicant', submission.applicant],
    ['agent', submission.agent],
  ] as const) {
    const phone = person?.phone ? validateIdentityDocument('mobile', person.phone) : null;
    if (phone && !phone.ok) {
      problems.push({ reason: 'phone_invalid', field: `${who}.phone`, params: { code: phone.error ?? '' } });
    }
    if (person?.idKind === 'passport' && !person.nationality) {
      problems.push({ reason: 'nationality_missing', field: `${who}.nationality` });
    } else if (person?.nationality && !isNationalityCode(person.nationality)) {
      problems.push({ reason: 'nationality_unknown', field: `${who}.nationality` });
    }
  }
  if (submission.agent) {
    if (!matter.agentAllowed) problems.push({ reason: 'agent_not_allowed', field: 'agent' });
    const agentId = validateIdentityDocument(submission.agent.idKind, submission.agent.idNumber, { today });
    if (!agentId.ok) {
      problems.push({ reason: 'agent_id_invalid', field: 'agent.idNumber', params: { code: agentId.error ?? '' } });
    }
    const form = submission.agent.powerOfAttorney;
    if (form === null) {
      problems.push({ reason: 'agent_needs_power_of_attorney', field: 'agent.powerOfAttorney' });
    } else if (!powerOfAttorneyForms(matter).includes(form)) {
      problems.push({
        reason: 'material_form_not_accepted',
        field: 'agent.powerOfAttorney',
        params: { materialId: POWER_OF_ATTORNEY },
      });
    }
  }

  const outcomes = new Map(submission.materials.map((m) => [m.materialId, m]));
  for (const outcome of submission.materials) {
    if (!matter.materials.some((m) => m.id === outcome.materialId)) {
      problems.push({
        reason: 'material_unknown',
        field: `materials.${outcome.materialId}`,
        params: { materialId: outcome.materialId },
      });
    }
  }
  for (const material of matter.materials) {
    const outcome = outcomes.get(material.id);
    const field = `materials.${material.id}`;
    const params = { materialId: material.id };
    if (!outcome || outcome.outcome === 'not_provided') {
      if (material.requirement === 'required') problems.push({ reason: 'material_missing', field, params });
    } else if (outcome.outcome === 'received' && !outcome.forms.every((f) => material.acceptedForms.includes(f))) {
      problems.push({ reason: 'material_form_not_accepted', field, params });
    } else if (outcome.outcome === 'waived' && !material.waivableByOnlineVerification) {
      problems.push({ reason: 'material_not_waivable', field, params });
    } else if (outcome.outcome === 'waived' && !waiverAllowed(material, submission.formData)) {
      problems.push({
        reason: 'material_waiver_not_allowed',
        field,
        params: { ...params, fieldId: material.waivableWhen?.field ?? '' },
      });
    } else if (outcome.outcome === 'deferred' && !material.deferrable) {
      problems.push({ reason: 'material_not_deferrable', field, params });
    } else if (outcome.outcome === 'deferred') {
      const problem = dueDateProblem(outcome.dueDate, today);
      if (problem) problems.push({ reason: problem, field: `${field}.dueDate`, params });
    }
  }

  for (const field of matter.formFields) {
    const value = submission.formData[field.id];
    if (field.required && (value === undefined || String(value).trim() === '')) {
      problems.push({ reason: 'form_field_missing', field: `formData.${field.id}`, params: { fieldId: field.id } });
    }
  }
  problems.push(...queueAndPrivacyProblems(submission, today ?? new Date()));
  problems.push(...checkDelivery(submission.delivery, matter.resultDelivery));
  problems.push(...identitySourceProblems(submission));
  return problems;
}
