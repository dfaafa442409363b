import { describe, expect, it } from 'vitest';
import { waiverAllowed } from '../case/intake.ts';
import { LANGUAGES } from '../languages.ts';
import { authorityKey, catalogSchema, matterCategory, type LocalizedText } from './schema.ts';
import { SEED_CATALOG } from './seed.ts';

const IDS = [
  'KST-SI-001',
  'KST-SI-002',
  'KST-SI-003',
  'KST-SI-004',
  'KST-SI-005',
  'KST-SI-006',
  'KST-EMP-001',
  'KST-EMP-002',
  'KST-EMP-003',
  'KST-TAL-001',
  'KST-TAL-002',
  'KST-TAL-003',
  'KST-LAB-001',
  'KST-LAB-002',
  'KST-HKM-001',
  'KST-HKM-002',
  'KST-SI-007',
  'KST-MI-001',
  'KST-MI-002',
];

const matters = SEED_CATALOG.matters;
const byId = (id: string) => matters.find((m) => m.id === id)!;

/** Every localized text in the catalog: names, conditions, labels, options. */
function texts(tree: unknown): LocalizedText[] {
  if (typeof tree !== 'object' || tree === null) return [];
  if ('zh-CN' in tree) return [tree as LocalizedText];
  return Object.values(tree).flatMap(texts);
}

describe('SEED_CATALOG', () => {
  it('parses through the schema unchanged', () => {
    expect(catalogSchema.parse(SEED_CATALOG)).toEqual(SEED_CATALOG);
  });

  it('is version 2026.1 of Huangmei (421127)', () => {
    expect(SEED_CATALOG).toMatchObject({ schemaVersion: 1, version: '2026.1', issuer: '421127' });
    expect(matters.every((m) => m.handlingRegion === '421127')).toBe(true);
  });

  it('routes by the applicant’s place exactly where the handling place rule names one', () => {
    const routed = Object.fromEntries(matters.map((m) => [m.id, m.handlingRegionFrom ?? null]));
    expect(routed).toEqual({
      'KST-SI-001': null,
      'KST-SI-002': 'insured_place',
      'KST-SI-003': 'insured_place',
      'KST-SI-004': 'transfer_in_place',
      'KST-SI-005': 'transfer_in_place',
      'KST-SI-006': 'insured_place',
      'KST-EMP-001': 'residence_place',
      'KST-EMP-002': 'residence_place',
      'KST-EMP-003': 'insured_place',
      'KST-TAL-001': 'labour_contract_or_employer_place',
      'KST-TAL-002': null,
      'KST-TAL-003': null,
      'KST-LAB-001': 'labour_contract_or_employer_place',
      'KST-LAB-002': 'labour_contract_or_employer_place',
      'KST-HKM-001': 'insured_place',
      'KST-HKM-002': 'residence_place',
      'KST-SI-007': 'insured_place',
      'KST-MI-001': 'transfer_in_place',
      'KST-MI-002': 'insured_place',
    });
    for (const m of matters.filter((x) => x.handlingRegionFrom === 'insured_place')) {
      expect(m.handlingPlaceRule['zh-CN'], m.id).toContain('参保地');
    }
    for (const m of matters.filter((x) => x.handlingRegionFrom === 'transfer_in_place')) {
      expect(m.handlingPlaceRule['zh-CN'], m.id).toContain('转入地');
    }
  });

  it('holds the nineteen seed matters in catalog order', () => {
    expect(matters.map((m) => m.id)).toEqual(IDS);
  });

  it('invents no national item codes', () => {
    expect(matters.filter((m) => m.nationalItemCode !== undefined)).toEqual([]);
  });

  it('gives every text in all three languages, with zh-TW converted rather than copied', () => {
    const all = texts(SEED_CATALOG);
    for (const text of all) {
      for (const language of LANGUAGES) expect(text[language].trim(), JSON.stringify(text)).not.toBe('');
    }
    const names = matters.map((m) => m.names);
    expect(names.filter((n) => n['zh-TW'] !== n['zh-CN'])).toHaveLength(names.length);
    expect(all.filter((t) => t['zh-TW'] !== t['zh-CN']).length / all.length).toBeGreaterThan(0.8);
  });

  it('creates a case for every matter but the consultation', () => {
    expect(matters.filter((m) => !m.createsCase).map((m) => m.id)).toEqual(['KST-SI-001']);
  });

  it('gives every case-creating matter a time limit', () => {
    for (const { id, limits } of matters) {
      expect(limits.immediate || limits.promisedDays !== undefined || limits.statutoryDays !== undefined, id).toBe(
        true,
      );
    }
  });

  it('carries statutory limits on the labour-dispute matters only', () => {
    expect(
      matters.filter((m) => m.limits.statutoryDays !== undefined).map((m) => [m.id, m.limits.statutoryDays]),
    ).toEqual([
      ['KST-LAB-001', 15],
      ['KST-LAB-002', 45],
    ]);
  });

  it('counts labour-dispute periods in calendar days and every other limit in working days', () => {
    expect(
      matters.map((m) => [m.id, m.limits.unit ?? 'working_days']).filter(([, unit]) => unit !== 'working_days'),
    ).toEqual([
      ['KST-LAB-001', 'calendar_days'],
      ['KST-LAB-002', 'calendar_days'],
    ]);
    const arbitration = matters.find((m) => m.id === 'KST-LAB-002')!.limits;
    // 劳动争议调解仲裁法 art. 29 (5 days to decide on acceptance) and art. 43 (45 days, +15 once).
    expect(arbitration).toMatchObject({ acceptanceDecisionDays: 5, extension: { count: 15, times: 1 } });
    expect(matters.find((m) => m.id === 'KST-LAB-001')!.limits.startsFrom).toBe('receipt');
  });

  it('asks for a power of attorney, conditionally, exactly where an agent is allowed', () => {
    for (const matter of matters) {
      const attorney = matter.materials.find((m) => m.id === 'power_of_attorney');
      expect(attorney !== undefined, matter.id).toBe(matter.agentAllowed);
      if (attorney) expect(attorney.requirement, matter.id).toBe('conditional');
    }
  });

  // 授权委托书: the window keeps the signed original; a copy alone does not prove the agent's authority.
  it.each(matters.filter((m) => m.agentAllowed).map((m) => m.id))(
    '%s keeps the power of attorney as an original, never as a copy only',
    (id) => {
      const attorney = byId(id).materials.find((m) => m.id === 'power_of_attorney')!;
      expect(attorney.acceptedForms).toContain('original_kept');
      expect(attorney.acceptedForms).not.toContain('copy_kept');
    },
  );

  // Online verification stands in for a junior or intermediate certificate only; a senior one is presented.
  it.each<[string, boolean]>([
    ['junior', true],
    ['intermediate', true],
    ['deputy_senior', false],
    ['senior', false],
    ['', false],
  ])('lets the title certificate of a %j title be waived: %s', (level, waivable) => {
    const matter = byId('KST-TAL-001');
    const certificate = matter.materials.find((m) => m.id === 'title_certificate')!;
    expect(waiverAllowed(certificate, level ? { title_level: level } : {})).toBe(waivable);
  });

  it('names every title level in the certificate rule', () => {
    const levels = byId('KST-TAL-001')
      .formFields.find((f) => f.id === 'title_level')!
      .options!.map((o) => o.value);
    expect(levels).toEqual(['junior', 'intermediate', 'deputy_senior', 'senior']);
  });

  it('mails originals only for matters that require it', () => {
    for (const matter of matters) {
      const mailed = matter.materials.some((m) => m.originalMustBeMailed);
      expect(mailed, matter.id).toBe(matter.requiresOriginalsMail);
    }
  });

  it('lets the title certificate and review form be waived by online verification', () => {
    const waivable = byId('KST-TAL-001')
      .materials.filter((m) => m.waivableByOnlineVerification)
      .map((m) => m.id);
    expect(waivable).toEqual(expect.arrayContaining(['title_certificate', 'review_form']));
  });

  it('marks the account for payment and the certificate numbers sensitive, and nothing that is the employer’s', () => {
    const marked = SEED_CATALOG.matters.flatMap((m) =>
      m.formFields.filter((f) => f.sensitive).map((f) => `${m.id}.${f.id}:${f.sensitive}`),
    );
    expect(marked.sort()).toEqual([
      'KST-EMP-002.certificate_no:document_number',
      'KST-EMP-003.bank_account_no:bank_account',
      'KST-TAL-002.certificate_no:document_number',
      'KST-TAL-003.certificate_no:document_number',
    ]);
  });

  it('asks for the data the handling place needs', () => {
    const fields = (id: string) => byId(id).formFields.map((f) => f.id);
    expect(fields('KST-SI-004')).toEqual(expect.arrayContaining(['transfer_out_region', 'transfer_in_region']));
    expect(fields('KST-LAB-002')).toContain('respondent_name');
  });

  it('marks a few supplementary materials as deferrable', () => {
    const deferrable = matters.flatMap((m) => m.materials.filter((x) => x.deferrable).map((x) => `${m.id}/${x.id}`));
    expect(deferrable).toEqual(['KST-EMP-002/photo', 'KST-TAL-001/photo', 'KST-LAB-002/evidence']);
  });

  it('says what follows a deferred material not brought in, for exactly the matters that defer one', () => {
    const deferring = matters.filter((m) => m.materials.some((x) => x.deferrable)).map((m) => m.id);
    expect(matters.filter((m) => m.deferralConsequence).map((m) => m.id)).toEqual(deferring);
  });

  it('states the remedies against a refusal: mediation arbitration, arbitration a suit, the others 复议 and 诉讼', () => {
    const civil = matters.filter((m) => m.refusalRemedies?.some((r) => !r.kind.startsWith('administrative_')));
    expect(civil.map((m) => [m.id, m.refusalRemedies])).toEqual([
      ['KST-LAB-001', [{ kind: 'labour_arbitration' }]],
      ['KST-LAB-002', [{ kind: 'civil_litigation' }]],
    ]);
    for (const m of matters.filter((m) => !civil.includes(m))) {
      expect(m.refusalRemedies, m.id).toEqual([
        { kind: 'administrative_reconsideration', period: { value: 60, unit: 'days' } },
        { kind: 'administrative_litigation', period: { value: 6, unit: 'months' } },
      ]);
    }
  });

  it('ships an authority for every region and category of its matters, so a fresh install prints', () => {
    const registered = new Set((SEED_CATALOG.authorities ?? []).map(authorityKey));
    for (const m of matters) {
      expect(registered.has(authorityKey({ region: m.handlingRegion, category: matterCategory(m) })), m.id).toBe(true);
    }
    // The arbitration committee's refusals go to the court alone: it names no reconsideration body.
    const committee = SEED_CATALOG.authorities!.find((a) => a.category === 'labour_arbitration')!;
    expect(committee.reconsiderationBody).toBeNull();
    expect(committee.court['zh-CN']).toBe('黄梅县人民法院');
  });

  // Social insurance across provinces: each with the papers, the limit and the place the national rules set.
  it('registers Hong Kong, Macau and Taiwan residents on their travel permit or residence permit, on the spot', () => {
    const matter = byId('KST-HKM-002');
    expect(matter.limits).toEqual({ immediate: true });
    expect(matter.handlingPlaceRule['zh-CN']).toContain('居住证登记地');
    expect(matter.materials.map((m) => [m.id, m.requirement])).toEqual([
      ['identity', 'required'],
      ['residence_permit', 'conditional'],
      ['labour_contract', 'conditional'],
      ['business_licence', 'conditional'],
      ['enrolment_proof', 'conditional'],
      ['power_of_attorney', 'conditional'],
      ['agent_id', 'conditional'],
    ]);
    expect(matter.materials[0]!.names['zh-CN']).toMatch(/港澳居民来往内地通行证.*台湾居民来往大陆通行证.*居住证/);
  });

  it('links the two pension schemes where the pension is paid, within three steps of 15 working days', () => {
    const matter = byId('KST-SI-007');
    expect(matter.limits).toEqual({ promisedDays: 45, immediate: false });
    expect(matter.handlingPlaceRule['zh-CN']).toContain('满15年');
    expect(matter.materials.filter((m) => m.systemGenerated).map((m) => m.id)).toEqual(['application_form']);
    expect(matter.formFields.map((f) => f.id)).toEqual([
      'direction',
      'employee_contribution_years',
      'resident_insurance_region',
      'employee_insurance_region',
    ]);
  });

  it('transfers medical insurance at the receiving place in 10 + 5 working days, on an identity document alone', () => {
    const matter = byId('KST-MI-001');
    expect(matter.limits).toEqual({ promisedDays: 15, immediate: false });
    expect(matter.materials.filter((m) => m.requirement === 'required').map((m) => m.id)).toEqual([
      'identity',
      'application_form',
    ]);
    expect(matter.formFields.find((f) => f.id === 'scheme_change')!.options).toHaveLength(4);
  });

  it('registers treatment in another province at the place of insurance on the spot, a promise standing in for proof', () => {
    const matter = byId('KST-MI-002');
    expect(matter.limits).toEqual({ immediate: true });
    expect(matter.materials.find((m) => m.id === 'residence_proof')!.names['zh-CN']).toContain('个人承诺书');
    expect(matter.materials.find((m) => m.id === 'referral')!.requirement).toBe('conditional');
    const kinds = matter.formFields.find((f) => f.id === 'registration_kind')!.options!.map((o) => o.value);
    expect(kinds).toEqual(['resettled_retiree', 'long_term_resident', 'posted_worker', 'referral', 'other_temporary']);
  });
});
