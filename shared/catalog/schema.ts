// The matter catalog, declared once: the device validates catalogs it imports,
// the backend stores them, the exchange server publishes them per region.
import { z } from 'zod';
import { isKnownRegion } from '../regions.ts';

export const localizedText = z.object({
  'zh-CN': z.string().min(1),
  'zh-TW': z.string().min(1),
  en: z.string().min(1),
});
export type LocalizedText = z.infer<typeof localizedText>;

/** GB/T 2260 county-level administrative division code, e.g. 421127. */
export const regionCodeSchema = z.string().regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 region code');

export const MATERIAL_REQUIREMENTS = ['required', 'optional', 'conditional'] as const;
/**
 * How the window may record receipt of a material; a clerk may record several
 * (验原件收复印件 = original_checked + copy_kept).
 * original_checked: original inspected and handed back; copy_kept: paper copy kept;
 * original_kept: the paper itself kept; electronic: electronic file or e-certificate.
 */
export const MATERIAL_FORMS = ['original_checked', 'copy_kept', 'original_kept', 'electronic'] as const;

export const materialSchema = z
  .object({
    id: z.string().min(1),
    names: localizedText,
    requirement: z.enum(MATERIAL_REQUIREMENTS),
    condition: localizedText.optional(),
    acceptedForms: z.array(z.enum(MATERIAL_FORMS)).min(1),
    copies: z.number().int().positive().optional(),
    /** 容缺: intake may go ahead and the material follow later. */
    deferrable: z.boolean(),
    /** Verified in a national system instead; the clerk records a verification reference. */
    waivableByOnlineVerification: z.boolean(),
    originalMustBeMailed: z.boolean(),
    /** A form the system prints for the applicant to sign. */
    systemGenerated: z.boolean().optional(),
  })
  .refine((m) => (m.requirement === 'conditional') === (m.condition !== undefined), {
    message: 'a condition is given exactly when the requirement is conditional',
    path: ['condition'],
  });
export type Material = z.infer<typeof materialSchema>;

export const FORM_FIELD_TYPES = ['text', 'textarea', 'number', 'date', 'select'] as const;

export const formFieldSchema = z
  .object({
    id: z.string().min(1),
    label: localizedText,
    type: z.enum(FORM_FIELD_TYPES),
    required: z.boolean(),
    options: z.array(z.object({ value: z.string().min(1), label: localizedText })).optional(),
    maxLength: z.number().int().positive().optional(),
  })
  .refine((f) => (f.type === 'select') === (f.options !== undefined && f.options.length > 0), {
    message: 'options are given exactly for select fields',
    path: ['options'],
  });
export type FormField = z.infer<typeof formFieldSchema>;

/** 全程网办, 异地代收代办, 多地联办, 窗口即办, 自助. */
export const HANDLING_MODES = ['online', 'proxy_intake', 'joint', 'on_the_spot', 'self_service'] as const;
export type HandlingMode = (typeof HANDLING_MODES)[number];
export const RESULT_DELIVERIES = ['mail', 'electronic', 'pickup_at_intake'] as const;
export type ResultDelivery = (typeof RESULT_DELIVERIES)[number];

/**
 * Where the handling place follows the applicant, the place the clerk chooses
 * at intake: 参保地 place of insurance, 转入地 receiving place, 劳动合同履行地或
 * 用人单位所在地 where the labour contract is performed or the employer is,
 * 常住地 place of habitual residence.
 */
export const HANDLING_REGION_SOURCES = [
  'insured_place',
  'transfer_in_place',
  'labour_contract_or_employer_place',
  'residence_place',
] as const;
export type HandlingRegionSource = (typeof HANDLING_REGION_SOURCES)[number];

export const matterSchema = z.object({
  id: z.string().regex(/^[A-Z0-9]+(?:-[A-Z0-9]+)*$/, 'upper-case letters and digits joined by hyphens'),
  names: localizedText,
  /** The region's 事项编码 (GB/T 39554.1); stored as given, never parsed. */
  nationalItemCode: z.string().min(1).max(64).optional(),
  /** The region that handles every case; where handlingRegionFrom is given, the publishing region only. */
  handlingRegion: regionCodeSchema.refine(isKnownRegion, 'not a county-level division of GB/T 2260'),
  handlingPlaceRule: localizedText,
  /** Absent: every case goes to handlingRegion. Given: the clerk chooses the applicant's region. */
  handlingRegionFrom: z.enum(HANDLING_REGION_SOURCES).optional(),
  modes: z.array(z.enum(HANDLING_MODES)).min(1),
  /** False for consultation: it goes to the ledger, not into a case. */
  createsCase: z.boolean(),
  /**
   * Working days. `immediate` means the window can complete it on the spot;
   * a promised limit beside it applies when it cannot (e.g. batch-made cards).
   */
  limits: z.object({
    statutoryDays: z.number().int().positive().optional(),
    promisedDays: z.number().int().positive().optional(),
    immediate: z.boolean(),
  }),
  /** Mail transit days are not counted against the promised limit. */
  clockExcludesMail: z.boolean(),
  requiresOriginalsMail: z.boolean(),
  resultDelivery: z.array(z.enum(RESULT_DELIVERIES)).min(1),
  materials: z.array(materialSchema),
  formFields: z.array(formFieldSchema),
  agentAllowed: z.boolean(),
});
export type Matter = z.infer<typeof matterSchema>;

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const id of ids) (seen.has(id) ? repeated : seen).add(id);
  return [...repeated];
}

export const catalogSchema = z
  .object({
    schemaVersion: z.literal(1),
    version: z.string().min(1),
    issuer: regionCodeSchema,
    publishedAt: z.iso.datetime({ offset: true }),
    matters: z.array(matterSchema),
  })
  .superRefine((catalog, ctx) => {
    for (const id of duplicates(catalog.matters.map((m) => m.id))) {
      ctx.addIssue({ code: 'custom', message: `duplicate matter id ${id}`, path: ['matters'] });
    }
    catalog.matters.forEach((matter, index) => {
      // A consultation makes no case, so there is nothing to route.
      if (matter.handlingRegionFrom && !matter.createsCase) {
        ctx.addIssue({
          code: 'custom',
          message: `${matter.id} creates no case, so its handling region cannot follow the applicant`,
          path: ['matters', index, 'handlingRegionFrom'],
        });
      }
      for (const id of duplicates(matter.materials.map((m) => m.id))) {
        ctx.addIssue({
          code: 'custom',
          message: `duplicate material id ${id} in ${matter.id}`,
          path: ['matters', index, 'materials'],
        });
      }
      for (const id of duplicates(matter.formFields.map((f) => f.id))) {
        ctx.addIssue({
          code: 'custom',
          message: `duplicate form field id ${id} in ${matter.id}`,
          path: ['matters', index, 'formFields'],
        });
      }
    });
  });
export type Catalog = z.infer<typeof catalogSchema>;
