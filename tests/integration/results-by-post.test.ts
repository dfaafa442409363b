// Results by post, at the backend level around a real exchange server: the
// applicant's choice at intake (an EMS address checked against GB/T 2260, a
// phone), kept encrypted and shown masked at both places; the EMS waybill
// number checked when the handling place posts the result, and seen at the window.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../shared/rpc/contract.ts';
import {
  call,
  countRows,
  pensionTransfer,
  refusal,
  seedIntake,
  until,
  windowAndDesk,
  type Place,
  type Submission,
} from './harness.ts';

const STREET = '彭泽县龙城镇滨江路 88 号 3 栋 402 室';
const POST: NonNullable<Submission['delivery']> = {
  method: 'post',
  address: { province: '360000', city: '360400', county: '360430', street: STREET },
  phone: '139 1234 0009',
};

describe('results by post with waybills', () => {
  let places: Awaited<ReturnType<typeof windowAndDesk>>;
  let window: Place;
  let desk: Place;
  let caseId: string;

  beforeAll(async () => {
    places = await windowAndDesk();
    ({ window, desk } = places);
  });
  afterAll(async () => {
    await places?.stop();
  });

  const get = (at: Place, id: string): Promise<CaseDetail> => call(at.staff, 'cases.get', { caseId: id });
  const record = (at: Place, id: string, type: string, payload: unknown) =>
    at.staff.request('cases.record', { caseId: id, type, payload } as never);
  const arrives = (at: Place, id: string, done: (d: CaseDetail) => boolean, what: string) =>
    until(
      async () => {
        const found = await at.staff.request('cases.get', { caseId: id });
        return found.ok ? found.value : null;
      },
      (d) => d !== null && done(d),
      what,
    ) as Promise<CaseDetail>;

  it('refuses a bad address or phone, or a way the matter does not offer, naming it, and writes nothing', async () => {
    const bad: [string, Submission, string, Record<string, unknown>][] = [
      [
        'a county not in its city',
        pensionTransfer({ delivery: { ...POST, address: { ...POST.address, city: '360100' } } }),
        'delivery_county_not_in_city',
        { county: '360430', city: '360100' },
      ],
      [
        'a city not in its province',
        pensionTransfer({ delivery: { ...POST, address: { ...POST.address, province: '420000' } } }),
        'delivery_city_not_in_province',
        { city: '360400', province: '420000' },
      ],
      [
        'a county not in the list',
        pensionTransfer({ delivery: { ...POST, address: { ...POST.address, county: '360499' } } }),
        'delivery_county_unknown',
        { code: '360499' },
      ],
      [
        'a missing street',
        pensionTransfer({ delivery: { ...POST, address: { ...POST.address, street: '  ' } } }),
        'delivery_street_missing',
        {},
      ],
      ['a bad phone', pensionTransfer({ delivery: { ...POST, phone: '1391234' } }), 'delivery_phone_invalid', {}],
      ['no phone', pensionTransfer({ delivery: { ...POST, phone: '' } }), 'delivery_phone_missing', {}],
      // KST-SI-002's result is collected at the window or sent electronically; KST-EMP-003's is posted or electronic.
      [
        'post for a matter not sent by post',
        seedIntake('KST-SI-002', { delivery: POST }),
        'delivery_post_not_offered',
        {},
      ],
      [
        'the window for a matter not collected there',
        seedIntake('KST-EMP-003', { delivery: { method: 'intake_window' } }),
        'delivery_window_not_offered',
        {},
      ],
    ];
    for (const [name, submission, reason, params] of bad) {
      const before = countRows(window.device.dbFile);
      const error = await refusal(window.staff.request('intake.submit', submission));
      expect(error, name).toMatchObject({ code: 'REJECTED', reason });
      expect(error.params ?? {}, name).toMatchObject(params);
      expect(countRows(window.device.dbFile), name).toEqual(before);
    }
  });

  it('takes the address in, encrypted, shown masked at both places and revealed only on request', async () => {
    caseId = (await call(window.staff, 'intake.submit', pensionTransfer({ delivery: POST }))).caseId;
    const here = await get(window, caseId);
    expect(here.delivery).toEqual({ method: 'post', county: '360430', street: '••••', phone: '139****0009' });
    expect(JSON.stringify(here)).not.toContain('滨江路');
    // The phone in its one canonical form, as the applicant's is kept.
    expect(await call(window.staff, 'cases.reveal', { caseId, field: 'delivery.phone' })).toEqual({
      value: '13912340009',
    });
    expect(await call(window.staff, 'cases.reveal', { caseId, field: 'delivery.street' })).toEqual({ value: STREET });
    // Nowhere on disk in the clear: it is in the event and the case document, both encrypted.
    expect(readFileSync(window.device.dbFile).includes(Buffer.from('滨江路'))).toBe(false);

    const there = await arrives(desk, caseId, (d) => d.timeline.length >= 2, 'the case at the desk');
    expect(there.delivery).toEqual(here.delivery);
    expect(await call(desk.staff, 'cases.reveal', { caseId, field: 'delivery.street' })).toEqual({ value: STREET });
  });

  it('refuses a posted result whose EMS waybill has the wrong shape, and keeps the right one, normalised', async () => {
    for (const [type, payload] of [
      ['case.signed_for', { part: 'electronic' }],
      ['case.accepted', { acceptanceNo: 'HM-RS-2026-000201' }],
      ['case.concluded_approved', { resultDocuments: [] }],
    ] as const) {
      const done = await record(desk, caseId, type, payload);
      expect(done.ok, type).toBe(true);
    }
    const mailing = { carrier: 'EMS', mailedOn: '2026-11-23', to: 'applicant' };
    const before = await get(desk, caseId);
    for (const waybillNo of ['EA123456784CN', 'EA12345678CN', '118000000000']) {
      const error = await refusal(record(desk, caseId, 'case.result_mailed', { ...mailing, waybillNo }));
      expect(error, waybillNo).toMatchObject({ code: 'REJECTED', reason: 'waybill_invalid' });
    }
    expect((await get(desk, caseId)).timeline).toEqual(before.timeline);
    // EMS however the carrier is written.
    expect(
      (
        await refusal(
          record(desk, caseId, 'case.result_mailed', { ...mailing, waybillNo: 'EA123456784CN', carrier: 'EMS 特快' }),
        )
      ).reason,
    ).toBe('waybill_invalid');

    expect((await record(desk, caseId, 'case.result_mailed', { ...mailing, waybillNo: 'ea 1234 5678 5cn' })).ok).toBe(
      true,
    );
    const seen = await arrives(
      window,
      caseId,
      (d) => d.timeline.some((e) => e.type === 'case.result_mailed'),
      'the posted result at the window',
    );
    expect(seen.timeline.find((e) => e.type === 'case.result_mailed')?.details).toMatchObject({
      carrier: 'EMS',
      waybillNo: 'EA123456785CN',
      to: 'applicant',
    });
    expect(seen.row.subState).toBe('result_in_transit');
  });

  it('checks the waybill of originals sent to the handling place too, and not another carrier’s', async () => {
    const second = (
      await call(window.staff, 'intake.submit', pensionTransfer({ delivery: { method: 'intake_window' } }))
    ).caseId;
    expect((await get(window, second)).delivery).toEqual({
      method: 'intake_window',
      county: null,
      street: null,
      phone: null,
    });
    const originals = { mailedOn: '2026-11-23', materialIds: ['contribution_certificate'] };
    const bad = await refusal(
      record(window, second, 'case.originals_dispatched', { ...originals, carrier: '中国邮政', waybillNo: '12345' }),
    );
    expect(bad).toMatchObject({ code: 'REJECTED', reason: 'waybill_invalid' });
    expect(
      (
        await record(window, second, 'case.originals_dispatched', {
          ...originals,
          carrier: '顺丰速运',
          waybillNo: 'SF1234567890',
        })
      ).ok,
    ).toBe(true);
  });
});
