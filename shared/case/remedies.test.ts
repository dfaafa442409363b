import { describe, expect, it } from 'vitest';
import { DEFAULT_REFUSAL_REMEDIES, matterRefusalRemedies, type MatterRemedy } from '../catalog/schema.ts';
import { SEED_CATALOG } from '../catalog/seed.ts';
import { notAcceptedPayload, remedySchema, type Remedy } from './events.ts';
import { checkRemedies, type RemedyCheck } from './remedies.ts';

const LICENSING = matterRefusalRemedies(SEED_CATALOG.matters.find((m) => m.id === 'KST-SI-004')!);
const LABOUR = matterRefusalRemedies(SEED_CATALOG.matters.find((m) => m.id === 'KST-LAB-002')!);

const reconsideration = (period: Partial<Remedy> = { period: { value: 60, unit: 'days' } }): Remedy => ({
  kind: 'administrative_reconsideration',
  body: '黄梅县人民政府',
  ...period,
});
const litigation = (period: Partial<Remedy> = { period: { value: 6, unit: 'months' } }): Remedy => ({
  kind: 'administrative_litigation',
  body: '黄梅县人民法院',
  ...period,
});
const civil = (period: Partial<Remedy> = {}): Remedy => ({
  kind: 'civil_litigation',
  body: '黄梅县人民法院',
  ...period,
});

describe('the remedies the law gives, as the seed catalog declares them', () => {
  it.each([
    // Administrative licensing: 行政复议法 (60 days) and 行政诉讼法 art. 46 (six months).
    ['KST-SI-004', DEFAULT_REFUSAL_REMEDIES],
    ['KST-EMP-003', DEFAULT_REFUSAL_REMEDIES],
    ['KST-TAL-001', DEFAULT_REFUSAL_REMEDIES],
    ['KST-HKM-001', DEFAULT_REFUSAL_REMEDIES],
    // 劳动争议调解仲裁法: mediation not taken up leads to arbitration (arts. 5, 14); arbitration not
    // accepted, to a suit at the people's court (art. 29); no 行政复议, and no period set.
    ['KST-LAB-001', [{ kind: 'labour_arbitration' }]],
    ['KST-LAB-002', [{ kind: 'civil_litigation' }]],
  ] as [string, readonly MatterRemedy[]][])('%s', (id, expected) => {
    expect(matterRefusalRemedies(SEED_CATALOG.matters.find((m) => m.id === id)!)).toEqual(expected);
  });

  it('defaults to 60 days of reconsideration and six months of litigation, never 180 days', () => {
    expect(DEFAULT_REFUSAL_REMEDIES).toEqual([
      { kind: 'administrative_reconsideration', period: { value: 60, unit: 'days' } },
      { kind: 'administrative_litigation', period: { value: 6, unit: 'months' } },
    ]);
    expect(matterRefusalRemedies({})).toBe(DEFAULT_REFUSAL_REMEDIES);
  });
});

describe('checkRemedies: a refusal states exactly the remedies the law gives its matter', () => {
  it.each<[string, Remedy[], readonly MatterRemedy[], RemedyCheck]>([
    [
      'licensing: reconsideration 60 days and litigation six months',
      [reconsideration(), litigation()],
      LICENSING,
      { ok: true },
    ],
    ['licensing, in the other order', [litigation(), reconsideration()], LICENSING, { ok: true }],
    [
      'licensing: litigation within 180 days is not six months',
      [reconsideration(), litigation({ withinDays: 180 })],
      LICENSING,
      { ok: false, problem: 'remedy_period_wrong', kind: 'administrative_litigation' },
    ],
    [
      'licensing: litigation within 180 days given as a period in days',
      [reconsideration(), litigation({ period: { value: 180, unit: 'days' } })],
      LICENSING,
      { ok: false, problem: 'remedy_period_wrong', kind: 'administrative_litigation' },
    ],
    [
      'licensing: reconsideration within two months is not 60 days',
      [reconsideration({ period: { value: 2, unit: 'months' } }), litigation()],
      LICENSING,
      { ok: false, problem: 'remedy_period_wrong', kind: 'administrative_reconsideration' },
    ],
    [
      'licensing: 60 days recorded the old way (withinDays) is 60 days',
      [reconsideration({ withinDays: 60 }), litigation()],
      LICENSING,
      { ok: true },
    ],
    [
      'licensing: litigation left out',
      [reconsideration()],
      LICENSING,
      { ok: false, problem: 'remedy_missing', kind: 'administrative_litigation' },
    ],
    [
      'licensing: a civil suit is not a remedy against an administrative refusal',
      [reconsideration(), civil()],
      LICENSING,
      { ok: false, problem: 'remedy_not_given', kind: 'civil_litigation' },
    ],
    [
      'licensing: the same remedy twice',
      [reconsideration(), reconsideration()],
      LICENSING,
      { ok: false, problem: 'remedy_repeated', kind: 'administrative_reconsideration' },
    ],
    ['labour arbitration not accepted: a suit at the people’s court', [civil()], LABOUR, { ok: true }],
    [
      'labour arbitration not accepted: no 行政复议',
      [reconsideration()],
      LABOUR,
      { ok: false, problem: 'remedy_not_given', kind: 'administrative_reconsideration' },
    ],
    [
      'labour arbitration not accepted: no 行政诉讼',
      [litigation()],
      LABOUR,
      { ok: false, problem: 'remedy_not_given', kind: 'administrative_litigation' },
    ],
    [
      'labour arbitration not accepted: the law sets no period, so none is invented',
      [civil({ period: { value: 15, unit: 'days' } })],
      LABOUR,
      { ok: false, problem: 'remedy_period_wrong', kind: 'civil_litigation' },
    ],
  ])('%s', (_rule, given, law, expected) => {
    expect(checkRemedies(given, law)).toEqual(expected);
  });
});

describe('remedySchema: compatible with the remedies already recorded', () => {
  it.each([
    [
      'an old payload: days alone',
      { kind: 'administrative_litigation', body: '黄梅县人民法院', withinDays: 180 },
      true,
    ],
    [
      'a period in months',
      { kind: 'administrative_litigation', body: '黄梅县人民法院', period: { value: 6, unit: 'months' } },
      true,
    ],
    ['a civil suit without a period', { kind: 'civil_litigation', body: '黄梅县人民法院' }, true],
    [
      'an administrative remedy without a period',
      { kind: 'administrative_reconsideration', body: '黄梅县人民政府' },
      false,
    ],
    [
      'days and a period at once',
      {
        kind: 'administrative_reconsideration',
        body: '黄梅县人民政府',
        withinDays: 60,
        period: { value: 60, unit: 'days' },
      },
      false,
    ],
    [
      'thirteen months',
      { kind: 'administrative_litigation', body: '黄梅县人民法院', period: { value: 13, unit: 'months' } },
      false,
    ],
    [
      'an unknown unit',
      { kind: 'administrative_litigation', body: '黄梅县人民法院', period: { value: 6, unit: 'weeks' } },
      false,
    ],
    ['an unknown kind', { kind: 'petition', body: '黄梅县信访局', withinDays: 30 }, false],
  ])('%s', (_case, remedy, valid) => {
    expect(remedySchema.safeParse(remedy).success).toBe(valid);
  });

  it('parses a refusal recorded before periods had units, unchanged', () => {
    const old = {
      reasons: ['不属于本机关职权范围。'],
      remedies: [
        { kind: 'administrative_reconsideration', body: '黄梅县人民政府', withinDays: 60 },
        { kind: 'administrative_litigation', body: '黄梅县人民法院', withinDays: 180 },
      ],
    };
    expect(notAcceptedPayload.parse(old)).toEqual(old);
  });
});
