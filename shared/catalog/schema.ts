// The matter catalog, declared once: the device validates catalogs it imports,
// the backend stores them, the exchange server publishes them per region.
import { z } from 'zod';
import { LIMIT_UNITS } from './calendar.ts';
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
    /**
     * The waiver holds only while a select field of the matter has one of these
     * values (a title certificate, for junior and intermediate titles).
     */
    waivableWhen: z.object({ field: z.string().min(1), values: z.array(z.string().min(1)).min(1) }).optional(),
    originalMustBeMailed: z.boolean(),
    /** A form the system prints for the applicant to sign. */
    systemGenerated: z.boolean().optional(),
  })
  .refine((m) => (m.requirement === 'conditional') === (m.condition !== undefined), {
    message: 'a condition is given exactly when the requirement is conditional',
    path: ['condition'],
  })
  .refine((m) => m.waivableWhen === undefined || m.waivableByOnlineVerification, {
    message: 'waivableWhen is given only for a material waivable by online verification',
    path: ['waivableWhen'],
  });
export type Material = z.infer<typeof materialSchema>;

export const FORM_FIELD_TYPES = ['text', 'textarea', 'number', 'date', 'select'] as const;

/**
 * A form field whose value is masked in every answer and shown in full only
 * through an audited reveal, and how it is masked: a bank account (金融账户,
 * sensitive personal information under 个人信息保护法 art. 28), a document or
 * certificate number that points to one person as an ID number does, a phone.
 */
export const SENSITIVE_KINDS = ['bank_account', 'document_number', 'phone'] as const;
export type SensitiveKind = (typeof SENSITIVE_KINDS)[number];

export const formFieldSchema = z
  .object({
    id: z.string().min(1),
    label: localizedText,
    type: z.enum(FORM_FIELD_TYPES),
    required: z.boolean(),
    options: z.array(z.object({ value: z.string().min(1), label: localizedText })).optional(),
    maxLength: z.number().int().positive().optional(),
    /** Absent: shown as typed. */
    sensitive: z.enum(SENSITIVE_KINDS).optional(),
  })
  .refine((f) => (f.type === 'select') === (f.options !== undefined && f.options.length > 0), {
    message: 'options are given exactly for select fields',
    path: ['options'],
  })
  .refine((f) => f.sensitive === undefined || f.type === 'text' || f.type === 'number', {
    message: 'only a text or number field holds a value to mask',
    path: ['sensitive'],
  });
export type FormField = z.infer<typeof formFieldSchema>;

export const LIMIT_STARTS = ['acceptance', 'receipt'] as const;

export const limitsSchema = z
  .object({
    /** Counted in `unit` despite the name, kept so catalogs published before units still read. */
    statutoryDays: z.number().int().positive().optional(),
    promisedDays: z.number().int().positive().optional(),
    immediate: z.boolean(),
    /**
     * Absent: working days, as administrative licensing counts them (行政许可法 art. 82).
     * Labour disputes count calendar days (劳动争议调解仲裁法 arts. 14, 29, 43).
     */
    unit: z.enum(LIMIT_UNITS, { error: `a limit's unit is one of ${LIMIT_UNITS.join(', ')}` }).optional(),
    /** The event the limits run from. Absent: acceptance (受理); a mediation request runs from receipt. */
    startsFrom: z.enum(LIMIT_STARTS).optional(),
    /** The handling place decides on acceptance within this many units of receipt (e.g. 5 days, art. 29). */
    acceptanceDecisionDays: z.number().int().positive().optional(),
    /** The statutory limit may be extended by at most `count` units, `times` times (art. 43: 15 days, once). */
    extension: z.object({ count: z.number().int().positive(), times: z.number().int().min(1).max(3) }).optional(),
  })
  .refine((l) => l.extension === undefined || l.statutoryDays !== undefined, {
    message: 'an extension extends a statutory limit',
    path: ['extension'],
  });
export type Limits = z.infer<typeof limitsSchema>;

/** How many more times the statutory limit may be extended, after `used` extensions (0 where the law allows none). */
export function extensionsLeft(limits: Limits, used: number): number {
  return Math.max(0, (limits.extension?.times ?? 0) - used);
}

/** 全程网办, 异地代收代办, 多地联办, 窗口即办, 自助. */
export const HANDLING_MODES = ['online', 'proxy_intake', 'joint', 'on_the_spot', 'self_service'] as const;
export type HandlingMode = (typeof HANDLING_MODES)[number];
export const RESULT_DELIVERIES = ['mail', 'electronic', 'pickup_at_intake'] as const;
export type ResultDelivery = (typeof RESULT_DELIVERIES)[number];

/**
 * What the matter's decisions are about, so the register of authorities can
 * name who issues them (人社局, 仲裁委…) per region.
 */
export const MATTER_CATEGORIES = ['social_insurance', 'employment', 'talent', 'labour_arbitration', 'general'] as const;
export const matterCategorySchema = z.enum(MATTER_CATEGORIES);
export type MatterCategory = z.infer<typeof matterCategorySchema>;

/**
 * How the applicant may challenge a refusal: 行政复议 (行政复议法), 行政诉讼
 * (行政诉讼法), or, for a labour-dispute arbitration application not accepted,
 * a suit at the people's court (劳动争议调解仲裁法 art. 29).
 */
export const REMEDY_KINDS = [
  'administrative_reconsideration',
  'administrative_litigation',
  'civil_litigation',
  // 申请劳动争议仲裁: a mediation request not taken up leaves the way to arbitration (劳动争议调解仲裁法 art. 5).
  'labour_arbitration',
] as const;
export type RemedyKind = (typeof REMEDY_KINDS)[number];
export const ADMINISTRATIVE_REMEDIES: readonly RemedyKind[] = [
  'administrative_reconsideration',
  'administrative_litigation',
];
export const REMEDY_UNITS = ['days', 'months'] as const;

/** A period as the law states it: 60 日 is not 两个月, and 六个月 is not 180 日. */
export const remedyPeriodSchema = z
  .object({ value: z.number().int().min(1), unit: z.enum(REMEDY_UNITS) })
  .refine((p) => p.value <= (p.unit === 'days' ? 365 : 12), {
    message: 'at most 365 days or 12 months',
    path: ['value'],
  });
export type RemedyPeriod = z.infer<typeof remedyPeriodSchema>;

export const matterRemedySchema = z
  .object({
    kind: z.enum(REMEDY_KINDS),
    /** Absent where the law sets none (the civil suit after a labour arbitration refusal). */
    period: remedyPeriodSchema.optional(),
  })
  .refine((r) => r.period !== undefined || !ADMINISTRATIVE_REMEDIES.includes(r.kind), {
    message: 'an administrative remedy has a period',
    path: ['period'],
  });
export type MatterRemedy = z.infer<typeof matterRemedySchema>;

/** A matter's refusal remedies: each kind once, and a civil suit never beside an administrative one. */
export const refusalRemediesSchema = z
  .array(matterRemedySchema)
  .min(1)
  .max(2)
  .refine((list) => new Set(list.map((r) => r.kind)).size === list.length, { message: 'a remedy kind twice' })
  .refine(
    (list) =>
      list.every((r) => ADMINISTRATIVE_REMEDIES.includes(r.kind)) ||
      list.every((r) => !ADMINISTRATIVE_REMEDIES.includes(r.kind)),
    { message: 'a civil suit or arbitration is not offered beside administrative remedies' },
  );

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
   * Time limits, counted in `unit`. `immediate` means the window can complete
   * it on the spot; a promised limit beside it applies when it cannot (e.g.
   * batch-made cards).
   */
  limits: limitsSchema,
  /** Mail transit days are not counted against the promised limit. */
  clockExcludesMail: z.boolean(),
  requiresOriginalsMail: z.boolean(),
  resultDelivery: z.array(z.enum(RESULT_DELIVERIES)).min(1),
  materials: z.array(materialSchema),
  formFields: z.array(formFieldSchema),
  agentAllowed: z.boolean(),
  /** Absent: general. */
  category: matterCategorySchema.optional(),
  /** Absent: the administrative licensing default, DEFAULT_REFUSAL_REMEDIES. */
  refusalRemedies: refusalRemediesSchema.optional(),
  /**
   * 容缺: what follows for this matter when a deferred material is not brought in by its due day, printed
   * first among the consequences on the commitment letter. Absent: the general consequences alone.
   */
  deferralConsequence: localizedText.optional(),
});
export type Matter = z.infer<typeof matterSchema>;

/** 行政复议 within 60 days (行政复议法), or 行政诉讼 within six months (行政诉讼法 art. 46). */
export const DEFAULT_REFUSAL_REMEDIES: readonly MatterRemedy[] = [
  { kind: 'administrative_reconsideration', period: { value: 60, unit: 'days' } },
  { kind: 'administrative_litigation', period: { value: 6, unit: 'months' } },
];

export function matterCategory(matter: Pick<Matter, 'category'>): MatterCategory {
  return matter.category ?? 'general';
}

export function matterRefusalRemedies(matter: Pick<Matter, 'refusalRemedies'>): readonly MatterRemedy[] {
  return matter.refusalRemedies ?? DEFAULT_REFUSAL_REMEDIES;
}

/**
 * 发证/决定机关: who issues a region's decisions on one category of matter,
 * with the name its seal bears, and where its refusals are challenged — the
 * reconsideration body (复议机关; none for a labour arbitration committee)
 * and the people's court.
 */
export const authoritySchema = z.object({
  region: regionCodeSchema,
  category: matterCategorySchema,
  names: localizedText,
  /** 印章名称, as engraved. */
  sealName: z.string().trim().min(1).max(100),
  reconsiderationBody: localizedText.nullable(),
  court: localizedText,
});
export type Authority = z.infer<typeof authoritySchema>;

export const authorityKey = (a: { region: string; category: string }): string => `${a.region}/${a.category}`;

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
    /** The authorities of the regions it covers, added to the device's register on import. */
    authorities: z.array(authoritySchema).optional(),
  })
  .superRefine((catalog, ctx) => {
    for (const key of duplicates((catalog.authorities ?? []).map(authorityKey))) {
      ctx.addIssue({ code: 'custom', message: `duplicate authority ${key}`, path: ['authorities'] });
    }
    for (const id of duplicates(catalog.matters.map((m) => m.id))) {
      ctx.addIssue({ code: 'custom', message: `duplicate matter id ${id}`, path: ['matters'] });
    }
    catalog.matters.forEach((matter, index) => {
      // 劳动争议调解仲裁法 counts its periods in calendar days: a labour matter published
      // without the unit (a catalog from before units) would be counted in working days.
      if (matter.category === 'labour_arbitration' && matter.limits.unit !== 'calendar_days') {
        ctx.addIssue({
          code: 'custom',
          message: `${matter.id} is a labour-dispute matter: its limits must give "unit": "calendar_days"`,
          path: ['matters', index, 'limits', 'unit'],
        });
      }
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
      matter.materials.forEach((material, materialIndex) => {
        const when = material.waivableWhen;
        if (!when) return;
        const path = ['matters', index, 'materials', materialIndex, 'waivableWhen'];
        const options = matter.formFields.find((f) => f.id === when.field && f.type === 'select')?.options;
        if (!options) {
          const message = `waivableWhen of ${material.id} in ${matter.id} names no select field ${when.field}`;
          ctx.addIssue({ code: 'custom', message, path });
          return;
        }
        for (const value of when.values.filter((v) => !options.some((o) => o.value === v))) {
          const message = `waivableWhen of ${material.id} in ${matter.id}: ${value} is not an option of ${when.field}`;
          ctx.addIssue({ code: 'custom', message, path });
        }
      });
    });
  });
export type Catalog = z.infer<typeof catalogSchema>;

export type ParseCatalogResult = { ok: true; value: Catalog } | { ok: false; error: string };

/** Validates a catalog file (its parsed JSON) without throwing; the error names the first problems and where. */
export function parseCatalogFile(json: unknown): ParseCatalogResult {
  const result = catalogSchema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  const error = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ')
    .slice(0, 500);
  return { ok: false, error };
}
