// Decisions coming back, at the backend level: an intake window of 360430 and two acceptance
// desks of 421127, each a real backend with its own database, around a real
// exchange server. The whole way of a case — inbox, signing for, the
// correction loop, acceptance, conclusion with a result document, the result
// mailed to the window and collected with a signature, a bad evaluation —
// and two desks deciding the same case while the server is away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app.ts';
import type { RpcClient } from '../../shared/rpc/client.ts';
import type { CaseDetail } from '../../shared/rpc/contract.ts';
import type { Scope } from '../../shared/sync/protocol.ts';
import {
  call,
  makePng,
  pensionTransfer,
  refusal,
  placeAt,
  startListeningServer,
  until,
  uploadScan,
  type ListeningServer,
  type Place,
} from './harness.ts';

const HUANGMEI_DESK = {
  name: '黄梅县政务服务中心受理台',
  regionCode: '421127',
  hall: '黄梅县政务服务中心',
  windowNo: '01',
};

async function upload(client: RpcClient, seed: string): Promise<string> {
  const scan = await uploadScan(client, makePng(seed), 'image/png');
  if (!scan.ok) throw new Error(`upload failed: ${scan.error.code}`);
  return scan.value.sha256;
}

describe('acceptance: the way of a case between two places', () => {
  let server: ListeningServer;
  let window: Place;
  let desk: Place;
  let secondDesk: Place;

  const get = (at: Place, caseId: string): Promise<CaseDetail> => call(at.staff, 'cases.get', { caseId });
  const arrives = (at: Place, caseId: string, done: (d: CaseDetail) => boolean, what: string) =>
    until(
      async () => {
        const found = await at.staff.request('cases.get', { caseId });
        return found.ok ? found.value : null;
      },
      (d) => d !== null && done(d),
      what,
    ) as Promise<CaseDetail>;
  const record = (at: Place, caseId: string, type: string, payload: unknown) =>
    call(at.staff, 'cases.record', { caseId, type, payload } as never);

  beforeAll(async () => {
    server = await startListeningServer();
    window = await placeAt(server, undefined, ['intake_clerk', 'result_desk'], {
      kind: 'intake',
      regionCode: '360430',
      matterIds: [],
    });
    const acceptance: Scope = { kind: 'acceptance', regionCode: '421127', matterIds: [] };
    desk = await placeAt(server, HUANGMEI_DESK, ['handling_officer'], acceptance);
    secondDesk = await placeAt(server, { ...HUANGMEI_DESK, windowNo: '02' }, ['handling_officer'], acceptance);
  });
  afterAll(async () => {
    for (const at of [window, desk, secondDesk]) await at?.device.stop();
    await server.close();
  });

  let caseId: string;

  it("arrives in the desk's inbox with its materials and scans, masked, and is signed for", async () => {
    const idScan = await upload(window.staff, 'id-card');
    caseId = (
      await call(window.staff, 'intake.submit', pensionTransfer({ scans: [{ sha256: idScan, materialId: 'id_card' }] }))
    ).caseId;
    const arrived = await arrives(
      desk,
      caseId,
      (d) => d.scans.length === 1 && d.scans[0]!.held,
      'the case and its scan at the desk',
    );
    expect(arrived.row).toMatchObject({ origin: 'inbox', status: 1, subState: 'delivered', clerk: null });
    expect(arrived.applicant.idNumber).toBe('110102********232X');
    expect(arrived.timeline.map((e) => [e.type, e.actor])).toEqual([
      ['case.received', null],
      ['case.materials_checked', null],
    ]);
    const scan = await call(desk.staff, 'scans.get', { sha256: idScan, caseId });
    expect(Buffer.from(scan.data, 'base64').equals(makePng('id-card'))).toBe(true);
    const inbox = await call(desk.staff, 'cases.list', { origin: 'inbox' });
    expect(inbox.rows.map((r) => r.caseId)).toContain(caseId);
    expect(arrived.nextActions).toEqual(
      expect.arrayContaining(['case.signed_for', 'case.accepted', 'case.not_accepted', 'case.correction_requested']),
    );
    expect(arrived.nextActions).not.toContain('case.originals_dispatched');

    await record(desk, caseId, 'case.signed_for', { part: 'electronic' });
    await arrives(window, caseId, (d) => d.row.subState === 'materials_signed_for', 'signed for, at the window');
  });

  it('asks for corrections in one notice; the window supplies them; the desk sees the new scan', async () => {
    const items = [
      { materialId: 'contribution_certificate', problem: 'incorrect', note: '缴费凭证缺少 2019 年度记录，请补充。' },
      { materialId: null, problem: 'missing', note: '请补充申请人联系电话。' },
    ];
    const deadline = '2099-12-31';
    await record(desk, caseId, 'case.correction_requested', { items, deadline });
    const asked = await arrives(window, caseId, (d) => d.row.status === 6, 'the correction request at the window');
    expect(asked.timeline.at(-1)).toMatchObject({ type: 'case.correction_requested', details: { items, deadline } });
    expect(asked.nextActions).toContain('case.correction_supplied');
    expect(
      await refusal(
        window.staff.request('cases.record', {
          caseId,
          type: 'case.accepted',
          payload: { acceptanceNo: 'X' },
        } as never),
      ),
    ).toMatchObject({ reason: 'role_not_allowed' });

    const corrected = await upload(window.staff, 'contribution-certificate-2019');
    await record(window, caseId, 'case.correction_supplied', {
      materials: [{ materialId: 'contribution_certificate', outcome: 'received', forms: ['original_kept'] }],
      scans: [{ sha256: corrected, materialId: 'contribution_certificate', mediaType: 'image/png' }],
      note: '已补交 2019 年度缴费凭证。',
    });
    const supplied = await arrives(
      desk,
      caseId,
      (d) => d.row.status === 7 && d.scans.length === 2 && d.scans.every((scan) => scan.held),
      'the correction and its scan at the desk',
    );
    expect(supplied.scans.map((s) => s.materialId)).toEqual(['id_card', 'contribution_certificate']);
    expect(await call(desk.staff, 'scans.get', { sha256: corrected, caseId })).toMatchObject({
      mediaType: 'image/png',
    });
  });

  // 行政复议法: 60 days; 行政诉讼法 art. 46: six months — for the pension transfer, an administrative matter.
  it.each([
    [
      'litigation within 180 days instead of six months',
      [
        { kind: 'administrative_reconsideration', body: '黄梅县人民政府', period: { value: 60, unit: 'days' } },
        { kind: 'administrative_litigation', body: '黄梅县人民法院', withinDays: 180 },
      ],
      { reason: 'remedy_period_wrong', params: { kind: 'administrative_litigation' } },
    ],
    [
      'reconsideration alone',
      [{ kind: 'administrative_reconsideration', body: '黄梅县人民政府', period: { value: 60, unit: 'days' } }],
      { reason: 'remedy_missing', params: { kind: 'administrative_litigation' } },
    ],
    [
      'a civil suit, which the law gives only against a labour arbitration refusal',
      [{ kind: 'civil_litigation', body: '黄梅县人民法院' }],
      { reason: 'remedy_not_given', params: { kind: 'civil_litigation' } },
    ],
  ])('refuses a refusal that tells the applicant %s, and writes nothing', async (_wrong, remedies, expected) => {
    const before = await get(desk, caseId);
    const refused = await refusal(
      desk.staff.request('cases.record', {
        caseId,
        type: 'case.not_accepted',
        payload: { reasons: ['申请事项不属于本机关职权范围。'], remedies },
      } as never),
    );
    expect(refused).toMatchObject({ code: 'REJECTED', ...expected });
    const after = await get(desk, caseId);
    expect(after.timeline).toEqual(before.timeline);
    expect(after.row.status).toBe(before.row.status);
  });

  it('accepts, concludes with a result document, and mails the result to the window', async () => {
    await record(desk, caseId, 'case.accepted', { acceptanceNo: 'HM-RS-2026-000123' });
    const accepted = await get(desk, caseId);
    expect(accepted.row).toMatchObject({ status: 3, clockState: 'running' });
    expect(accepted.clock).toMatchObject({ state: 'running', promised: { date: expect.any(String) } });

    const result = await upload(desk.staff, 'transfer-approval');
    await record(desk, caseId, 'case.concluded_approved', {
      resultDocuments: [
        { sha256: result, materialId: null, mediaType: 'image/png', title: '基本养老保险关系转移接续联系函' },
      ],
    });
    expect((await get(desk, caseId)).row).toMatchObject({ status: 11, clockState: 'stopped', mark: 'none' });
    await record(desk, caseId, 'case.result_mailed', {
      carrier: 'EMS',
      waybillNo: '1180000000001',
      mailedOn: '2026-11-22',
      to: 'intake_window',
    });
    const mailed = await arrives(
      window,
      caseId,
      (d) => d.row.subState === 'result_in_transit',
      'the result mailed, at the window',
    );
    expect(mailed.row.status).toBe(11);
    expect(mailed.timeline.find((e) => e.type === 'case.concluded_approved')?.details).toMatchObject({
      resultDocuments: [{ sha256: result, title: '基本养老保险关系转移接续联系函' }],
    });
    // The result document itself follows: fetched, verified and linked to the case.
    const document = await until(
      () => window.staff.request('scans.get', { sha256: result, caseId }),
      (answer) => answer.ok,
      'the result document at the window',
    );
    expect(document.ok && Buffer.from(document.value.data, 'base64').equals(makePng('transfer-approval'))).toBe(true);
  });

  it('hands the result out at the window with a signature, takes a bad evaluation, and tells the desk', async () => {
    await record(window, caseId, 'case.result_arrived', { waybillNo: '1180000000001' });
    expect((await get(window, caseId)).row.subState).toBe('awaiting_pickup');
    const signature = await upload(window.staff, 'signature');
    await record(window, caseId, 'case.result_collected', {
      collector: { name: '欧阳娜娜', idKind: 'resident_id', idNumber: '11010219781027232X' },
      byApplicant: true,
      signature: { sha256: signature, source: 'screen' },
    });
    await record(window, caseId, 'case.evaluated', { rating: 1, comment: '等待时间过长' });
    const seen = await arrives(
      desk,
      caseId,
      (d) => d.timeline.some((e) => e.type === 'case.evaluated'),
      'the collection and evaluation at the desk',
    );
    expect(seen.row).toMatchObject({ subState: 'collected', evaluation: 1 });
    const rated = await call(window.staff, 'cases.list', { origin: 'intake' });
    expect(rated.rows.find((r) => r.caseId === caseId)?.evaluation).toBe(1);
    expect(seen.timeline.find((e) => e.type === 'case.result_collected')?.details).toMatchObject({
      collector: { idNumber: '110102********232X' },
    });
    expect(JSON.stringify(seen)).not.toContain('11010219781027232X');
  });

  it('keeps the first of two decisions made apart, and quarantines the other naming the one that won', async () => {
    const contested = (await call(window.staff, 'intake.submit', pensionTransfer())).caseId;
    await arrives(desk, contested, () => true, 'the case at the first desk');
    await arrives(secondDesk, contested, () => true, 'the case at the second desk');

    const store = server.store;
    await server.app.close();
    const accepted = await record(desk, contested, 'case.accepted', { acceptanceNo: 'HM-RS-2026-000124' });
    await record(secondDesk, contested, 'case.not_accepted', {
      reasons: ['申请事项不属于本机关职权范围。'],
      remedies: [
        { kind: 'administrative_reconsideration', body: '黄梅县人民政府', withinDays: 60 },
        { kind: 'administrative_litigation', body: '黄梅县人民法院', period: { value: 6, unit: 'months' } },
      ],
    });

    const again = await buildServer({ store, dataDir: server.dataDir, region: '421127', identity: server.identity });
    await again.listen({ host: '127.0.0.1', port: server.port });
    try {
      await call(desk.staff, 'sync.now', {});
      await until(
        async () => (await call(desk.staff, 'cases.get', { caseId: contested })).row.syncState,
        (state) => state === 'synced',
        'the first decision on the server',
      );
      await call(secondDesk.staff, 'sync.now', {});
      const [lost] = await until(
        () => call(secondDesk.staff, 'sync.quarantine', {}),
        (entries) => entries.length === 1,
        'the second decision in quarantine',
      );
      expect(lost).toMatchObject({
        caseId: contested,
        eventType: 'case.not_accepted',
        reason: 'superseded',
        winner: { eventId: accepted.eventId, type: 'case.accepted' },
      });
      expect(await store.caseRecord(contested)).toMatchObject({ status: 3 });
      await arrives(window, contested, (d) => d.row.status === 3, 'the winning decision at the window');
    } finally {
      await again.close();
    }
  });
});
