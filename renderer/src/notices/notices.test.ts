import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../../../shared/i18n/index.ts';
import { LANGUAGES } from '../../../shared/languages.ts';
import { availableNotices, latest, remedySentence } from './notices.ts';

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

  const remedies = [
    { kind: 'administrative_reconsideration' as const, body: '黄梅县人民政府', withinDays: 60 },
    { kind: 'administrative_litigation' as const, body: '黄梅县人民法院', withinDays: 180 },
  ];

  it.each([
    [
      'zh-CN',
      '如不服本决定，可自收到本通知书之日起 60 日内向黄梅县人民政府申请行政复议，或者自收到本通知书之日起 180 日内依法向黄梅县人民法院提起行政诉讼。',
    ],
    [
      'zh-TW',
      '如不服本決定，可自收到本通知書之日起 60 日內向黄梅县人民政府申請行政覆議，或者自收到本通知書之日起 180 日內依法向黄梅县人民法院提起行政訴訟。',
    ],
    [
      'en',
      'If you disagree with this decision, you may apply to 黄梅县人民政府 for administrative reconsideration within 60 days of receiving this notice, or bring an administrative lawsuit before 黄梅县人民法院 within 180 days of receiving this notice.',
    ],
  ] as const)('builds the remedies sentence from the remedies recorded (%s)', (language, sentence) => {
    const t = i18n.getFixedT(language, undefined, 'notices');
    expect(remedySentence(t, remedies)).toBe(sentence);
    expect(remedySentence(t, remedies.slice(1))).not.toContain(language === 'en' ? ', or' : '或者');
  });
});
