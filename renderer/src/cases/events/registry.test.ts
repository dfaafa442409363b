import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { SEED_CATALOG } from '../../../../shared/catalog/seed.ts';
import { EVENT_PAYLOADS, type EventType } from '../../../../shared/case/events.ts';
import { RESOURCES } from '../../../../shared/i18n/index.ts';
import { LANGUAGES } from '../../../../shared/languages.ts';
import { RECORDABLE_EVENTS, type CaseDetail } from '../../../../shared/rpc/contract.ts';
import { fieldErrors } from './issues.ts';
import { EVENT_FORMS, EVENT_VIEWS, formOf, viewOf } from './registry.ts';
import type { FormValues, PayloadContext, RecordableEventType, TimelineContext } from './types.ts';

const i18n = i18next.createInstance();
await i18n.init({
  resources: Object.fromEntries(LANGUAGES.map((lng) => [lng, { translation: RESOURCES[lng] }])),
  lng: 'zh-CN',
  interpolation: { escapeValue: false },
});
const t = i18n.t.bind(i18n);

const matter = SEED_CATALOG.matters[0]!;
const materialId = matter.materials[0]!.id;
const detail: Pick<CaseDetail, 'applicant'> = {
  applicant: {
    name: '欧*娜',
    idKind: 'resident_id',
    idNumber: '110102********232X',
    phone: null,
    address: null,
    nationality: null,
  },
};
const context: PayloadContext = {
  matter,
  files: [{ sha256: 'a'.repeat(64), mediaType: 'image/png' }],
  signature: { sha256: 'b'.repeat(64), source: 'screen' },
};
const recordable: RecordableEventType[] = [...RECORDABLE_EVENTS];
const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || String(value).trim() === '' || (Array.isArray(value) && !value.length);

/** Nothing chosen beside the fields: no file, no signature. */
const bare: PayloadContext = { matter, files: [], signature: null };

function check(type: RecordableEventType, values: FormValues, with_ = context) {
  const form = formOf(type);
  const result = EVENT_PAYLOADS[type].safeParse(form.toPayload(values, with_));
  return { form, result };
}

describe('the event registry', () => {
  it('has a view for every event type and a form for every type cases.record takes', () => {
    expect(Object.keys(EVENT_VIEWS).sort()).toEqual(Object.keys(EVENT_PAYLOADS).sort());
    expect(Object.keys(EVENT_FORMS).sort()).toEqual([...RECORDABLE_EVENTS].sort());
    for (const type of recordable) expect(formOf(type).type).toBe(type);
  });

  it.each(LANGUAGES)('names every event type in %s', (language) => {
    for (const view of Object.values(EVENT_VIEWS)) {
      expect(i18n.t(view.label, { lng: language }), view.label).not.toBe(view.label);
    }
  });

  it.each(recordable)('%s: empty values pass the schema exactly when the form requires nothing left empty', (type) => {
    const form = formOf(type);
    const values = (form.initialValues?.(detail) ?? {}) as FormValues;
    const { result } = check(type, values, bare);
    const unfilled = form.required.filter((name) => isEmpty(values[name]));
    expect(result.success, `unfilled: ${unfilled.join(', ')}`).toBe(unfilled.length === 0);
    if (result.success) return;
    // What the schema refuses in a field is one the form marks required (a missing signature has no field).
    const named = fieldErrors(form, result.error.issues, bare, t).flatMap(({ name }) =>
      name === undefined ? [] : [name],
    );
    const marked = new Set<unknown>([...form.required, ...(form.alsoRequired ?? [])]);
    for (const name of named) expect(marked, JSON.stringify(name)).toContain(Array.isArray(name) ? name[0] : name);
  });

  const bodies = {
    remedyBody_administrative_reconsideration: '黄梅县人民政府',
    remedyBody_administrative_litigation: '黄梅县人民法院',
  };
  const mailed = { carrier: ' EMS ', waybillNo: '1180000000001', mailedOn: '2026-11-23' };
  const FILLED: { [T in RecordableEventType]: FormValues } = {
    'case.originals_dispatched': { ...mailed, materialIds: [materialId] },
    'case.signed_for': { part: 'originals', note: '  ' },
    'case.accepted': { acceptanceNo: 'HM-RS-2026-000123' },
    'case.not_accepted': { reasons: '材料不齐\n\n不属于本机关职权', ...bodies },
    'case.correction_requested': {
      items: [{ materialId: '__other', problem: 'incorrect', note: '缺少 2019 年度缴费记录' }],
      deadline: '2099-12-31',
    },
    'case.correction_supplied': { materialIds: [materialId] },
    'case.special_procedure_started': { kind: 'hearing', reason: '申请人申请听证' },
    'case.special_procedure_ended': {},
    'case.deadline_extended': { count: 15, reason: '案情复杂', legalBasis: '第四十三条，主任批准' },
    'case.concluded_approved': { documentTitle: '联系函' },
    'case.concluded_approved_deferred': { documentTitle: '联系函', materialIds: [materialId] },
    'case.concluded_refused': { documentTitle: '决定书', reasons: '不符合条件', ...bodies },
    'case.result_mailed': { ...mailed, to: 'intake_window' },
    'case.result_delivered_electronically': { channel: '电子证照' },
    'case.result_arrived': {},
    'case.result_collected': {
      collectorName: '欧阳娜娜',
      collectorIdKind: 'resident_id',
      collectorId: '11010219781027232X',
      byApplicant: true,
    },
    'case.note_added': { text: '申请人来电催办' },
    'case.evaluated': { rating: 5 },
    'case.deferred_material_received': { materialId },
  };

  it.each(recordable)('%s: a filled form makes a payload its schema takes', (type) => {
    const { result } = check(type, FILLED[type]);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('makes the payloads as the forms always did: trimmed, split into lines, files as documents', () => {
    expect(formOf('case.result_mailed').toPayload(FILLED['case.result_mailed'], context)).toMatchObject({
      carrier: 'EMS',
      to: 'intake_window',
    });
    expect(formOf('case.signed_for').toPayload(FILLED['case.signed_for'], context)).toEqual({
      part: 'originals',
      note: undefined,
    });
    expect(formOf('case.not_accepted').toPayload(FILLED['case.not_accepted'], context)).toMatchObject({
      reasons: ['材料不齐', '不属于本机关职权'],
      remedies: [
        { kind: 'administrative_reconsideration', body: '黄梅县人民政府' },
        { kind: 'administrative_litigation', body: '黄梅县人民法院' },
      ],
    });
    expect(formOf('case.correction_requested').toPayload(FILLED['case.correction_requested'], context)).toMatchObject({
      items: [{ materialId: null, problem: 'incorrect' }],
    });
    expect(formOf('case.concluded_approved').toPayload(FILLED['case.concluded_approved'], context)).toEqual({
      resultDocuments: [{ sha256: 'a'.repeat(64), mediaType: 'image/png', materialId: null, title: '联系函' }],
      note: undefined,
    });
  });

  it('says what the schema refuses at the field, naming it', () => {
    const long = { ...FILLED['case.deadline_extended'], reason: '长'.repeat(501), count: 400 };
    const { form, result } = check('case.deadline_extended', long);
    expect(result.success).toBe(false);
    expect(fieldErrors(form, result.error!.issues, context, t)).toEqual([
      { name: 'count', messages: ['延长期限：不能大于 365。'] },
      { name: 'reason', messages: ['原因：最多 500 个字。'] },
    ]);
    const refused = check('case.not_accepted', {
      ...FILLED['case.not_accepted'],
      remedyBody_administrative_litigation: ' ',
    });
    expect(fieldErrors(refused.form, refused.result.error!.issues, context, t)).toEqual([
      { name: 'remedyBody_administrative_litigation', messages: ['请填写“受理行政诉讼的人民法院”。'] },
    ]);
  });

  it('shows what has no field of its own above the buttons, under the name of what it is', () => {
    const many: PayloadContext = { ...context, files: Array.from({ length: 21 }, () => context.files[0]!) };
    const form = formOf('case.concluded_approved');
    const result = EVENT_PAYLOADS['case.concluded_approved'].safeParse(form.toPayload({ documentTitle: '函' }, many));
    expect(fieldErrors(form, result.error!.issues, many, t)).toEqual([{ messages: ['结果文书：最多 20 项。'] }]);
  });

  const timeline: TimelineContext = {
    t,
    matter,
    material: (id) => (id === null ? t('actions.otherItem') : id),
  };

  it.each(Object.keys(EVENT_PAYLOADS) as EventType[])(
    '%s: its timeline entry reads a payload missing fields',
    (type) => {
      expect(() => EVENT_VIEWS[type].timeline({}, timeline)).not.toThrow();
    },
  );

  it('shows what an event said on the timeline', () => {
    expect(
      EVENT_VIEWS['case.correction_requested'].timeline(
        { items: [{ materialId: null, problem: 'missing', note: '缴费记录' }], deadline: '2099-12-31', note: '请尽快' },
        timeline,
      ),
    ).toEqual(['清单外事项（缺少）缴费记录', '补正期限: 2099-12-31', '请尽快']);
    expect(EVENT_VIEWS['case.evaluated'].timeline({ rating: 2 }, timeline)).toEqual([
      '不满意',
      '差评：已提示主管跟进。',
    ]);
    expect(viewOf('case.result_arrived')!.timeline({ waybillNo: '1180000000001' }, timeline)).toEqual([]);
  });
});
