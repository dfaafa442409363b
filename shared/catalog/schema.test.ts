import { describe, expect, it } from 'vitest';
import {
  authoritySchema,
  catalogSchema,
  formFieldSchema,
  HANDLING_REGION_SOURCES,
  materialSchema,
  matterCategory,
  matterRefusalRemedies,
  matterSchema,
  type Authority,
  type Catalog,
  type Matter,
} from './schema.ts';
import { SEED_CATALOG } from './seed.ts';

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

describe('waivableWhen', () => {
  const level = {
    id: 'level',
    label: text,
    type: 'select',
    required: true,
    options: ['junior', 'senior'].map((value) => ({ value, label: text })),
  } as const;
  const note = { id: 'note', label: text, type: 'text', required: false } as const;
  const withWaiver = (waivableWhen: { field: string; values: string[] }, waivable = true): Matter => {
    const m = matter('KST-X-001', { formFields: [level, note] });
    m.materials = [{ ...m.materials[0]!, waivableByOnlineVerification: waivable, waivableWhen }];
    return m;
  };

  // A waiver limited to answers of the form: the field must be a select of the matter, the values its options.
  it.each<[string, Matter, string[]]>([
    ['a select field and its options', withWaiver({ field: 'level', values: ['junior'] }), []],
    [
      'a field the matter does not have',
      withWaiver({ field: 'grade', values: ['junior'] }),
      ['waivableWhen of id_card in KST-X-001 names no select field grade'],
    ],
    [
      'a field that is not a select',
      withWaiver({ field: 'note', values: ['junior'] }),
      ['waivableWhen of id_card in KST-X-001 names no select field note'],
    ],
    [
      'a value that is not an option',
      withWaiver({ field: 'level', values: ['junior', 'middle'] }),
      ['waivableWhen of id_card in KST-X-001: middle is not an option of level'],
    ],
    [
      'a material that cannot be waived at all',
      withWaiver({ field: 'level', values: ['junior'] }, false),
      ['waivableWhen is given only for a material waivable by online verification'],
    ],
    ['no values', withWaiver({ field: 'level', values: [] }), ['Too small: expected array to have >=1 items']],
  ])('%s', (_, m, expected) => {
    expect(messages(catalog([m]))).toEqual(expected);
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

  it('marks only a text or number field sensitive, with a known kind', () => {
    const field = { id: 'account', label: text, type: 'text', required: true };
    expect(formFieldSchema.safeParse({ ...field, sensitive: 'bank_account' }).success).toBe(true);
    expect(formFieldSchema.safeParse({ ...field, type: 'number', sensitive: 'document_number' }).success).toBe(true);
    expect(formFieldSchema.safeParse({ ...field, type: 'date', sensitive: 'document_number' }).success).toBe(false);
    expect(formFieldSchema.safeParse({ ...field, sensitive: 'secret' }).success).toBe(false);
    const select = { ...field, type: 'select', options: [{ value: 'a', label: text }] };
    expect(formFieldSchema.safeParse({ ...select, sensitive: 'phone' }).success).toBe(false);
  });
});

describe('a matter’s refusal remedies', () => {
  const days = (value: number) => ({ value, unit: 'days' as const });
  const months = (value: number) => ({ value, unit: 'months' as const });

  it.each([
    ['absent: the administrative default applies', undefined, true],
    [
      'reconsideration 60 days and litigation six months',
      [
        { kind: 'administrative_reconsideration', period: days(60) },
        { kind: 'administrative_litigation', period: months(6) },
      ],
      true,
    ],
    ['a civil suit alone, with no period (labour arbitration)', [{ kind: 'civil_litigation' }], true],
    ['none at all', [], false],
    ['an administrative remedy without a period', [{ kind: 'administrative_litigation' }], false],
    [
      'the same kind twice',
      [
        { kind: 'administrative_reconsideration', period: days(60) },
        { kind: 'administrative_reconsideration', period: days(60) },
      ],
      false,
    ],
    [
      'a civil suit beside administrative remedies',
      [{ kind: 'administrative_reconsideration', period: days(60) }, { kind: 'civil_litigation' }],
      false,
    ],
    [
      'arbitration beside reconsideration',
      [{ kind: 'administrative_reconsideration', period: days(60) }, { kind: 'labour_arbitration' }],
      false,
    ],
    ['more than twelve months', [{ kind: 'administrative_litigation', period: months(13) }], false],
    ['more than 365 days', [{ kind: 'administrative_litigation', period: days(366) }], false],
    [
      'a unit other than days or months',
      [{ kind: 'administrative_litigation', period: { value: 26, unit: 'weeks' } }],
      false,
    ],
  ])('%s', (_rule, refusalRemedies, valid) => {
    expect(matterSchema.safeParse({ ...matter('KST-X-001'), refusalRemedies }).success).toBe(valid);
  });

  it('defaults, where a catalog says nothing, to 60 days of reconsideration and six months of litigation', () => {
    expect(matterRefusalRemedies(matter('KST-X-001'))).toEqual([
      { kind: 'administrative_reconsideration', period: days(60) },
      { kind: 'administrative_litigation', period: months(6) },
    ]);
    expect(matterCategory(matter('KST-X-001'))).toBe('general');
  });
});

describe('the authorities a catalog brings', () => {
  const authority: Authority = {
    region: '421127',
    category: 'labour_arbitration',
    names: text,
    sealName: '测试仲裁委员会',
    reconsiderationBody: null,
    court: text,
  };

  it('are optional, and at most one per region and category', () => {
    expect(messages({ ...catalog([]), authorities: [authority] })).toEqual([]);
    expect(messages({ ...catalog([]), authorities: [authority, { ...authority, category: 'talent' }] })).toEqual([]);
    expect(messages({ ...catalog([]), authorities: [authority, authority] })).toEqual([
      'duplicate authority 421127/labour_arbitration',
    ]);
  });

  it.each([
    ['a seal name', { sealName: ' ' }],
    ['a region code', { region: '4211' }],
    ['a known category', { category: 'tax' }],
    ['the court in every language', { court: { ...text, en: '' } }],
  ])('need %s', (_what, change) => {
    expect(authoritySchema.safeParse({ ...authority, ...change }).success).toBe(false);
  });
});

describe('catalog schema: the unit of a matter’s limits', () => {
  const labour = SEED_CATALOG.matters.find((m) => m.id === 'KST-LAB-002')!;
  const pension = SEED_CATALOG.matters.find((m) => m.id === 'KST-SI-004')!;
  // A catalog as published before units: no matter says what its limits count.
  const withoutUnits = (matters: Matter[]): unknown => ({
    ...SEED_CATALOG,
    matters: matters.map((m) => ({ ...m, limits: { ...m.limits, unit: undefined } })),
  });

  it('reads a working-day matter without a unit as working days', () => {
    const parsed = catalogSchema.safeParse(withoutUnits([pension]));
    expect(parsed.success).toBe(true);
    expect(parsed.data!.matters[0]!.limits.unit).toBeUndefined();
  });

  it('refuses a labour-dispute matter without calendar days, naming the matter and what it must say', () => {
    const parsed = catalogSchema.safeParse(withoutUnits([pension, labour]));
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues).toEqual([
      expect.objectContaining({
        path: ['matters', 1, 'limits', 'unit'],
        message: 'KST-LAB-002 is a labour-dispute matter: its limits must give "unit": "calendar_days"',
      }),
    ]);
    const inWorkingDays = { ...labour, limits: { ...labour.limits, unit: 'working_days' } };
    expect(catalogSchema.safeParse({ ...SEED_CATALOG, matters: [inWorkingDays] }).success).toBe(false);
  });

  it('refuses a unit it does not know, saying which are known', () => {
    const weeks = { ...pension, limits: { ...pension.limits, unit: 'weeks' } };
    const parsed = catalogSchema.safeParse({ ...SEED_CATALOG, matters: [weeks] });
    expect(parsed.error!.issues[0]!.message).toBe("a limit's unit is one of working_days, calendar_days, months");
  });
});
