// The talent green card as the intake records it: a number of the printed
// shape and an issuing region of the list, or the intake is refused naming
// the field; priority without a card is refused too.
import { describe, expect, it } from 'vitest';
import { SEED_CATALOG } from '../catalog/seed.ts';
import { checkSubmission, type IntakeSubmission } from './intake.ts';
import { PRIVACY_NOTICE_VERSION } from './privacy-notice.ts';
import { maskTalentCardNumber, normaliseTalentCardNumber, talentCardProblems } from './talent-card.ts';

const matter = SEED_CATALOG.matters.find((m) => m.id === 'KST-SI-002')!;
const submission = (extra: Partial<IntakeSubmission>): IntakeSubmission => ({
  submissionId: '0190a1b2-0000-7000-8000-000000000001',
  matterId: matter.id,
  applicant: { name: '张三', idKind: 'resident_id', idNumber: '11010219781027232X' },
  agent: null,
  priority: false,
  materials: [{ materialId: 'identity', outcome: 'received', forms: ['original_checked'] }],
  scans: [],
  formData: { insured_region: '湖北省黄冈市黄梅县', insurance_type: 'all' },
  language: 'zh-CN',
  handlingRegion: '421127',
  privacyNotice: { version: PRIVACY_NOTICE_VERSION, acknowledgedAt: '2026-12-07T01:00:00.000Z' },
  ...extra,
});
const reasons = (extra: Partial<IntakeSubmission>) => checkSubmission(matter, submission(extra)).map((p) => p.reason);

describe('the talent green card', () => {
  it('takes a number of 6 to 20 letters and digits, spaces and hyphens aside, in any case', () => {
    expect(normaliseTalentCardNumber(' hg-2024 0001 ')).toBe('HG20240001');
    expect(talentCardProblems({ number: 'hg-2024 0001', issuingRegion: '421127' })).toEqual([]);
  });

  it.each([
    ['too short', '12345'],
    ['too long', 'A'.repeat(21)],
    ['other signs', 'HG/2024/0001'],
    ['Chinese', '黄冈0001'],
  ])('refuses a number %s', (_, number) => {
    expect(talentCardProblems({ number, issuingRegion: '421127' })).toEqual([
      { reason: 'talent_card_number_invalid', field: 'talentCard.number' },
    ]);
  });

  it.each(['', '999999', '4211', '421100'])('refuses an issuing region %j not in the county list', (code) => {
    expect(talentCardProblems({ number: 'HG20240001', issuingRegion: code })).toEqual([
      { reason: 'talent_card_issuer_unknown', field: 'talentCard.issuingRegion' },
    ]);
  });

  it('lets an intake be a priority one only with a card, and checks the card', () => {
    expect(reasons({})).toEqual([]);
    expect(reasons({ priority: true })).toEqual(['talent_card_missing']);
    expect(reasons({ priority: true, talentCard: { number: 'HG20240001', issuingRegion: '421127' } })).toEqual([]);
    expect(reasons({ priority: true, talentCard: { number: 'HG', issuingRegion: '000000' } })).toEqual([
      'talent_card_number_invalid',
      'talent_card_issuer_unknown',
    ]);
  });

  it('is shown masked: the first two and last two characters', () => {
    expect(maskTalentCardNumber('HG20240001')).toBe('HG******01');
  });
});
