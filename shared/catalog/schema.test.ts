import { describe, expect, it } from 'vitest';
import {
  catalogSchema,
  formFieldSchema,
  HANDLING_REGION_SOURCES,
  materialSchema,
  matterSchema,
  type Catalog,
  type Matter,
} from './schema.ts';

const text = { 'zh-CN': '测试', 'zh-TW': '測試', en: 'Test' };

function matter(id: string, overrides: Partial<Matter> = {}): Matter {
  return {
    id,
    names: text,
    handlingRegion: '421127',
    handlingPlaceRule: text,
    modes: ['proxy_intake'],
    createsCase: true,
    limits: { promisedDays: 5, immediate: false },
    clockExcludesMail: true,
    requiresOriginalsMail: false,
    resultDelivery: ['mail'],
    materials: [
      {
        id: 'id_card',
        names: text,
        requirement: 'required',
        acceptedForms: ['original_checked'],
        deferrable: false,
        waivableByOnlineVerification: false,
        originalMustBeMailed: false,
      },
    ],
    formFields: [],
    agentAllowed: false,
    ...overrides,
  };
}

function catalog(matters: Matter[]): Catalog {
  return { schemaVersion: 1, version: '2026.1', issuer: '421127', publishedAt: '2026-01-01T00:00:00Z', matters };
}

function messages(value: unknown): string[] {
  const result = catalogSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('catalogSchema', () => {
  it('accepts a well-formed catalog', () => {
    expect(messages(catalog([matter('KST-X-001'), matter('KST-X-002')]))).toEqual([]);
  });

  it('rejects duplicate matter ids', () => {
    expect(messages(catalog([matter('KST-X-001'), matter('KST-X-001')]))).toEqual(['duplicate matter id KST-X-001']);
  });

  it('rejects duplicate material ids within a matter, but not across matters', () => {
    const twice = matter('KST-X-001');
    twice.materials = [...twice.materials, ...twice.materials];
    expect(messages(catalog([twice, matter('KST-X-002')]))).toEqual(['duplicate material id id_card in KST-X-001']);
  });

  it('rejects duplicate form field ids within a matter', () => {
    const name = { id: 'name', label: text, type: 'text', required: true } as const;
    expect(messages(catalog([matter('KST-X-001', { formFields: [name, name] })]))).toEqual([
      'duplicate form field id name in KST-X-001',
    ]);
  });

  it.each(['42112', '4211270', '42112A', ''])('rejects the region code %j', (code) => {
    expect(matterSchema.safeParse(matter('KST-X-001', { handlingRegion: code })).success).toBe(false);
    expect(catalogSchema.safeParse({ ...catalog([]), issuer: code }).success).toBe(false);
  });

  it('rejects a handling region that is not a county-level division', () => {
    expect(messages(catalog([matter('KST-X-001', { handlingRegion: '421100' })]))).toEqual([
      'not a county-level division of GB/T 2260',
    ]);
  });

  it.each(HANDLING_REGION_SOURCES)('accepts a handling region that follows the applicant: %s', (source) => {
    const parsed = catalogSchema.parse(catalog([matter('KST-X-001', { handlingRegionFrom: source })]));
    expect(parsed.matters[0]!.handlingRegionFrom).toBe(source);
  });

  it('keeps a matter without the rule on its fixed region', () => {
    expect(catalogSchema.parse(catalog([matter('KST-X-001')])).matters[0]!.handlingRegionFrom).toBeUndefined();
  });

  it('rejects an unknown handling-region source and one on a matter that makes no case', () => {
    const bad = { ...matter('KST-X-001'), handlingRegionFrom: 'birth_place' };
    expect(catalogSchema.safeParse(catalog([bad as unknown as Matter])).success).toBe(false);
    expect(
      messages(catalog([matter('KST-X-002', { createsCase: false, handlingRegionFrom: 'insured_place' })])),
    ).toEqual(['KST-X-002 creates no case, so its handling region cannot follow the applicant']);
  });

  it('rejects a schema version other than 1 and a publishedAt that is not ISO', () => {
    expect(catalogSchema.safeParse({ ...catalog([]), schemaVersion: 2 }).success).toBe(false);
    expect(catalogSchema.safeParse({ ...catalog([]), publishedAt: '1 Jan 2026' }).success).toBe(false);
  });

  it('rejects empty modes, result deliveries and accepted forms', () => {
    expect(matterSchema.safeParse(matter('KST-X-001', { modes: [] })).success).toBe(false);
    expect(matterSchema.safeParse(matter('KST-X-001', { resultDelivery: [] })).success).toBe(false);
    const [idCard] = matter('KST-X-001').materials;
    expect(materialSchema.safeParse({ ...idCard, acceptedForms: [] }).success).toBe(false);
  });

  it('rejects a name missing a language', () => {
    expect(matterSchema.safeParse(matter('KST-X-001', { names: { ...text, en: '' } })).success).toBe(false);
  });
});

describe('materialSchema', () => {
  const base = matter('KST-X-001').materials[0]!;

  it('requires a condition exactly for conditional materials', () => {
    expect(materialSchema.safeParse({ ...base, requirement: 'conditional' }).success).toBe(false);
    expect(materialSchema.safeParse({ ...base, requirement: 'conditional', condition: text }).success).toBe(true);
    expect(materialSchema.safeParse({ ...base, condition: text }).success).toBe(false);
  });
});

describe('formFieldSchema', () => {
  it('requires options exactly for select fields', () => {
    const select = { id: 'kind', label: text, type: 'select', required: true };
    expect(formFieldSchema.safeParse(select).success).toBe(false);
    expect(formFieldSchema.safeParse({ ...select, options: [{ value: 'a', label: text }] }).success).toBe(true);
    expect(formFieldSchema.safeParse({ ...select, type: 'text', options: [{ value: 'a', label: text }] }).success).toBe(
      false,
    );
  });
});
