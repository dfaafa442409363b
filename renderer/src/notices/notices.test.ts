import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { SEED_CATALOG } from '../../../shared/catalog/seed.ts';
import type { Remedy } from '../../../shared/case/events.ts';
import { RESOURCES } from '../../../shared/i18n/index.ts';
import { LANGUAGES, type Language } from '../../../shared/languages.ts';
import {
  availableNotices,
  clockWording,
  latest,
  limitWording,
  noticeAuthority,
  periodText,
  remedySentence,
} from './notices.ts';

const entry = (type: string, details: Record<string, unknown> = {}) => ({
  eventId: type,
  type,
  occurredAt: '2026-11-23T02:00:00.000Z',
  actor: null,
  role: 'handling_officer' as const,
  syncedAt: null,
  details,
});

const i18n = i18next.createInstance();
await i18n.init({
  resources: Object.fromEntries(LANGUAGES.map((lng) => [lng, { translation: RESOURCES[lng] }])),
  lng: 'zh-CN',
  interpolation: { escapeValue: false },
});

describe('notices of a case', () => {
  it('has a notice once its event is on the timeline, and never the receipt', () => {
    expect(availableNotices({ timeline: [entry('case.received'), entry('case.materials_checked')] })).toEqual([]);
    const timeline = [
      entry('case.received'),
      entry('case.correction_requested'),
      entry('case.correction_supplied'),
      entry('case.accepted'),
      entry('case.concluded_approved'),
      entry('case.result_collected'),
    ];
    expect(availableNotices({ timeline })).toEqual(['acceptance_notice', 'correction_notice', 'collection_slip']);
    expect(availableNotices({ timeline: [entry('case.received'), entry('case.not_accepted')] })).toEqual([
      'refusal_notice',
    ]);
  });

  it('quotes the last of several events', () => {
    const timeline = [
      entry('case.correction_requested', { deadline: '2026-12-01' }),
      entry('case.correction_requested', { deadline: '2026-12-20' }),
    ];
    expect(latest<{ deadline: string }>({ timeline }, 'case.correction_requested')?.payload.deadline).toBe(
      '2026-12-20',
    );
    expect(latest({ timeline }, 'case.accepted')).toBeNull();
  });

  const licensing: Remedy[] = [
    { kind: 'administrative_reconsideration', body: '黄梅县人民政府', period: { value: 60, unit: 'days' } },
    { kind: 'administrative_litigation', body: '黄梅县人民法院', period: { value: 6, unit: 'months' } },
  ];
  const labour: Remedy[] = [{ kind: 'civil_litigation', body: '黄梅县人民法院' }];
  const mediation: Remedy[] = [{ kind: 'labour_arbitration', body: '黄梅县劳动人事争议仲裁委员会' }];
  // As recorded before periods had units: printed as it was decided, in days.
  const recordedInDays: Remedy[] = [
    { kind: 'administrative_reconsideration', body: '黄梅县人民政府', withinDays: 60 },
    { kind: 'administrative_litigation', body: '黄梅县人民法院', withinDays: 180 },
  ];

  it.each<[string, Language, Remedy[], string]>([
    [
      'administrative licensing',
      'zh-CN',
      licensing,
      '如不服本决定，可自收到本通知书之日起60日内向黄梅县人民政府申请行政复议，或者自收到本通知书之日起六个月内依法向黄梅县人民法院提起行政诉讼。',
    ],
    [
      'administrative licensing',
      'zh-TW',
      licensing,
      '如不服本決定，可自收到本通知書之日起60日內向黄梅县人民政府申請行政復議，或者自收到本通知書之日起六個月內依法向黄梅县人民法院提起行政訴訟。',
    ],
    [
      'administrative licensing',
      'en',
      licensing,
      'If you disagree with this decision, you may apply to 黄梅县人民政府 for administrative reconsideration within 60 days of receiving this notice, or bring an administrative lawsuit before 黄梅县人民法院 within six months of receiving this notice.',
    ],
    ['labour arbitration not accepted', 'zh-CN', labour, '如不服本决定，可依法向黄梅县人民法院提起诉讼。'],
    ['labour arbitration not accepted', 'zh-TW', labour, '如不服本決定，可依法向黄梅县人民法院提起訴訟。'],
    [
      'labour arbitration not accepted',
      'en',
      labour,
      'If you disagree with this decision, you may bring a lawsuit before 黄梅县人民法院.',
    ],
    ['mediation not taken up', 'zh-CN', mediation, '如不服本决定，可依法向黄梅县劳动人事争议仲裁委员会申请仲裁。'],
    ['mediation not taken up', 'zh-TW', mediation, '如不服本決定，可依法向黄梅县劳动人事争议仲裁委员会申請仲裁。'],
    [
      'mediation not taken up',
      'en',
      mediation,
      'If you disagree with this decision, you may apply to 黄梅县劳动人事争议仲裁委员会 for arbitration.',
    ],
    [
      'recorded in days',
      'zh-CN',
      recordedInDays,
      '如不服本决定，可自收到本通知书之日起60日内向黄梅县人民政府申请行政复议，或者自收到本通知书之日起180日内依法向黄梅县人民法院提起行政诉讼。',
    ],
    [
      'recorded in days',
      'en',
      recordedInDays,
      'If you disagree with this decision, you may apply to 黄梅县人民政府 for administrative reconsideration within 60 days of receiving this notice, or bring an administrative lawsuit before 黄梅县人民法院 within 180 days of receiving this notice.',
    ],
  ])('states the remedies of %s (%s)', (_matter, language, remedies, sentence) => {
    const t = i18n.getFixedT(language, undefined, 'notices');
    expect(remedySentence(t, remedies)).toBe(sentence);
    expect(remedySentence(t, remedies.slice(1))).not.toContain(language === 'en' ? ', or' : '或者');
  });

  it.each([
    [1, '一个月', '一個月', 'one month'],
    [2, '两个月', '兩個月', 'two months'],
    [6, '六个月', '六個月', 'six months'],
    [12, '十二个月', '十二個月', 'twelve months'],
  ])('words a period of %i months in each language', (months, zhCN, zhTW, en) => {
    const period = { value: months, unit: 'months' } as const;
    expect(periodText(i18n.getFixedT('zh-CN', undefined, 'notices'), period)).toBe(zhCN);
    expect(periodText(i18n.getFixedT('zh-TW', undefined, 'notices'), period)).toBe(zhTW);
    expect(periodText(i18n.getFixedT('en', undefined, 'notices'), period)).toBe(en);
  });
});

describe('the authority that issues a case’s notices', () => {
  const register = SEED_CATALOG.authorities!;
  const matter = (id: string) => SEED_CATALOG.matters.find((m) => m.id === id)!;

  it.each([
    ['KST-SI-004', 'social_insurance', '黄梅县人力资源和社会保障局'],
    ['KST-TAL-001', 'talent', '黄梅县人力资源和社会保障局'],
    ['KST-LAB-002', 'labour_arbitration', '黄梅县劳动人事争议仲裁委员会'],
  ])('%s: the register’s authority of its region and category', (id, category, seal) => {
    expect(noticeAuthority(register, '421127', matter(id))).toMatchObject({
      category,
      authority: { region: '421127', category, sealName: seal },
    });
  });

  it('is unknown in a region the register lacks, or for a matter not in the catalogs', () => {
    expect(noticeAuthority(register, '360430', matter('KST-SI-004'))).toEqual({
      authority: null,
      category: 'social_insurance',
    });
    expect(noticeAuthority(register, '421127', undefined)).toEqual({ authority: null, category: null });
  });

  it('says why a notice without one does not print, in each language', () => {
    const params = { region: '421127', category: 'labour_arbitration' };
    expect(i18n.getFixedT('zh-CN')('notices.authorityUnknown', params)).toContain('“劳动人事争议仲裁”类');
    expect(i18n.getFixedT('zh-TW')('notices.authorityUnknown', params)).toContain('「勞動人事爭議仲裁」類');
    expect(i18n.getFixedT('en')('notices.authorityUnknown', params)).toContain(
      '“Labour and personnel dispute arbitration” matters in 421127',
    );
  });
});

describe('the acceptance notice words its periods in the matter’s unit', () => {
  const working = /工作日|working days/;
  it.each(SEED_CATALOG.matters.filter((m) => m.limits.statutoryDays ?? m.limits.promisedDays).map((m) => [m.id, m]))(
    '%s',
    (_id, matter) => {
      const context = limitWording(matter);
      for (const lng of LANGUAGES) {
        const t = i18n.getFixedT(lng, undefined, 'notices');
        const clock = t('acceptance.clock', { context: clockWording(matter) });
        const texts = [clock, t('values.deadline', { date: '2026-08-17', days: 45, context })];
        // A mediation request's period runs from its receipt: the notice may not say from acceptance.
        if (matter.limits.startsFrom === 'receipt') expect(clock, lng).not.toMatch(/受理之日|acceptance/);
        // Labour disputes count calendar days: not one of their notices may speak of working days.
        if ((matter.limits.unit ?? 'working_days') === 'working_days') expect(texts.join(' '), lng).toMatch(working);
        else expect(texts.join(' '), lng).not.toMatch(working);
      }
    },
  );

  it('says 45 日, not 45 个工作日, for an arbitration award', () => {
    const arbitration = SEED_CATALOG.matters.find((m) => m.id === 'KST-LAB-002')!;
    const t = i18n.getFixedT('zh-CN', undefined, 'notices');
    expect(t('values.deadline', { date: '2026-08-17', days: 45, context: limitWording(arbitration) })).toBe(
      '2026-08-17（45 日）',
    );
  });
});
