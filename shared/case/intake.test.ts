import { describe, expect, it } from 'vitest';
import { SEED_CATALOG } from '../catalog/seed.ts';
import { checkSubmission, powerOfAttorneyForms, type IntakeSubmission, type SubmissionProblem } from './intake.ts';
import { PRIVACY_NOTICE_VERSION } from './privacy-notice.ts';

const matter = (id: string) => SEED_CATALOG.matters.find((m) => m.id === id)!;
const TITLES = matter('KST-TAL-001');
const PENSION = matter('KST-SI-004');

const APPLICANT = { name: '张三', idKind: 'resident_id' as const, idNumber: '11010219781027232X' };
const AGENT = { name: '李四', idKind: 'resident_id' as const, idNumber: '420102198503154515' };

/** A title-confirmation intake that meets every rule, every required material received in its accepted forms. */
function submission(overrides: Partial<IntakeSubmission> = {}): IntakeSubmission {
  return {
    submissionId: '0190a8f4-9a2b-7c3d-8e4f-5a6b7c8d9e0f',
    matterId: TITLES.id,
    // Handled where the applicant's current employer is.
    handlingRegion: '421127',
    applicant: { ...APPLICANT },
    agent: null,
    priority: false,
    materials: TITLES.materials
      .filter((m) => m.requirement === 'required')
      .map((m) => ({ materialId: m.id, outcome: 'received', forms: [...m.acceptedForms] })),
    scans: [],
    formData: { title_name: '工程师', title_level: 'intermediate', issuing_province: '江西省' },
    language: 'zh-CN',
    privacyNotice: { version: PRIVACY_NOTICE_VERSION, acknowledgedAt: '2026-12-07T01:00:00.000Z' },
    ...overrides,
  };
}

const waived = (level: string): IntakeSubmission => {
  const valid = submission({ formData: { ...submission().formData, title_level: level } });
  return {
    ...valid,
    materials: valid.materials.map((m) =>
      m.materialId === 'title_certificate'
        ? { materialId: m.materialId, outcome: 'waived', verificationRef: 'ZC-1' }
        : m,
    ),
  };
};

const PASSPORT = { name: 'John Smith', idKind: 'passport' as const, idNumber: 'A12345678' };

describe('checkSubmission', () => {
  it.each<[string, IntakeSubmission, SubmissionProblem[]]>([
    ['a valid intake', submission(), []],
    // Phones: any plan is accepted; a refusal carries the plan's code, whose message says what is expected.
    ['a Hong Kong phone', submission({ applicant: { ...APPLICANT, phone: '+852 9123 4567' } }), []],
    ['a mainland landline', submission({ applicant: { ...APPLICANT, phone: '0791-86123456-8001' } }), []],
    [
      'a phone of no known plan',
      submission({ applicant: { ...APPLICANT, phone: '91234567' } }),
      [{ reason: 'phone_invalid', field: 'applicant.phone', params: { code: 'phone_unknown_plan' } }],
    ],
    // Nationality: required with a passport, from the ISO 3166-1 alpha-3 list.
    ['a passport with its nationality', submission({ applicant: { ...PASSPORT, nationality: 'GBR' } }), []],
    [
      'a passport without one',
      submission({ applicant: { ...PASSPORT } }),
      [{ reason: 'nationality_missing', field: 'applicant.nationality' }],
    ],
    [
      'a nationality in lower case',
      submission({ applicant: { ...PASSPORT, nationality: 'gbr' } }),
      [{ reason: 'nationality_unknown', field: 'applicant.nationality' }],
    ],
    [
      "an agent's unknown nationality",
      submission({ agent: { ...AGENT, ...PASSPORT, nationality: 'UK', powerOfAttorney: 'original_kept' } }),
      [{ reason: 'nationality_unknown', field: 'agent.nationality' }],
    ],
    // The power of attorney in the forms its catalog material accepts: the original kept.
    [
      'a power of attorney kept as the original',
      submission({ agent: { ...AGENT, powerOfAttorney: 'original_kept' } }),
      [],
    ],
    ...(['copy_kept', 'original_checked', 'electronic'] as const).map(
      (form): [string, IntakeSubmission, SubmissionProblem[]] => [
        `a power of attorney received as ${form}`,
        submission({ agent: { ...AGENT, powerOfAttorney: form } }),
        [
          {
            reason: 'material_form_not_accepted',
            field: 'agent.powerOfAttorney',
            params: { materialId: 'power_of_attorney' },
          },
        ],
      ],
    ),
    // The title certificate: waived online for junior and intermediate titles only.
    ['a waived certificate, junior title', waived('junior'), []],
    ['a waived certificate, intermediate title', waived('intermediate'), []],
    ...['deputy_senior', 'senior'].map((level): [string, IntakeSubmission, SubmissionProblem[]] => [
      `a waived certificate, ${level} title`,
      waived(level),
      [
        {
          reason: 'material_waiver_not_allowed',
          field: 'materials.title_certificate',
          params: { materialId: 'title_certificate', fieldId: 'title_level' },
        },
      ],
    ]),
  ])('%s', (_, input, expected) => {
    expect(checkSubmission(TITLES, input, new Date(2026, 0, 5))).toEqual(expected);
  });
});

describe('powerOfAttorneyForms', () => {
  it('follows the catalog, and asks for the original where a matter has no such material', () => {
    expect(powerOfAttorneyForms(PENSION)).toEqual(['original_kept']);
    expect(powerOfAttorneyForms({ ...PENSION, materials: [] })).toEqual(['original_kept']);
    const electronic = PENSION.materials.map((m) =>
      m.id === 'power_of_attorney' ? { ...m, acceptedForms: ['original_kept' as const, 'electronic' as const] } : m,
    );
    expect(powerOfAttorneyForms({ ...PENSION, materials: electronic })).toEqual(['original_kept', 'electronic']);
  });
});
