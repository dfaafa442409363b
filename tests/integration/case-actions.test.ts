// cases.record on an intake window, without a server: the state machine, the
// role and the side of the case, the payload schema and the rules beyond it,
// each refused with a reason the UI translates, and nothing written when refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcClient } from '../../shared/rpc/client.ts';
import {
  call,
  countRows,
  makePng,
  pensionTransfer,
  refusal,
  setUpDevice,
  staffClient,
  startInProcess,
  uploadScan,
  withDb,
  type BackendUnderTest,
} from './harness.ts';

describe('cases.record at the intake window', () => {
  let device: BackendUnderTest;
  let admin: RpcClient;
  let clerk: RpcClient;
  let both: RpcClient;
  let auditor: RpcClient;
  let caseId: string;

  beforeAll(async () => {
    device = startInProcess();
    admin = (await setUpDevice(device)).admin;
    clerk = await staffClient(device, admin, ['intake_clerk']);
    both = await staffClient(device, admin, ['intake_clerk', 'handling_officer']);
    auditor = await staffClient(device, admin, ['auditor']);
    caseId = (await call(clerk, 'intake.submit', pensionTransfer())).caseId;
  });
  afterAll(() => device.stop());

  const record = (client: RpcClient, type: string, payload: unknown) =>
    client.request('cases.record', { caseId, type, payload } as never);

  it('records an intake-side event into the outbox, in the timeline, leaving the status', async () => {
    const before = countRows(device.dbFile, ['case_events', 'outbox_events']);
    const result = await call(clerk, 'cases.record', {
      caseId,
      type: 'case.originals_dispatched',
      payload: { carrier: 'EMS', waybillNo: '1234567890123', mailedOn: '2026-11-22', materialIds: ['id_card'] },
    });
    expect(result.status).toBe(1);
    expect(countRows(device.dbFile, ['case_events', 'outbox_events'])).toEqual({
      case_events: before.case_events! + 1,
      outbox_events: before.outbox_events! + 1,
    });
    const detail = await call(clerk, 'cases.get', { caseId });
    expect(detail.timeline.at(-1)).toMatchObject({ type: 'case.originals_dispatched', role: 'intake_clerk' });
    expect(detail.row.syncState).toBe('queued');
  });

  it("refuses the handling place's decisions here: by role, and by the case's side for a user with both roles", async () => {
    const before = countRows(device.dbFile);
    expect(await refusal(record(clerk, 'case.accepted', { acceptanceNo: 'HM-1' }))).toMatchObject({
      code: 'REJECTED',
      reason: 'role_not_allowed',
    });
    expect(await refusal(record(both, 'case.accepted', { acceptanceNo: 'HM-1' }))).toMatchObject({
      reason: 'other_side',
    });
    expect(await refusal(record(auditor, 'case.note_added', { text: '你好' }))).toMatchObject({
      code: 'PERMISSION_DENIED',
    });
    expect(countRows(device.dbFile)).toEqual(before);
  });

  it('refuses out of order, incomplete, unknown and once-only events with a reason', async () => {
    const before = countRows(device.dbFile);
    expect(await refusal(record(clerk, 'case.correction_supplied', { materials: [], scans: [] }))).toMatchObject({
      reason: 'not_allowed_from_status',
    });
    expect(await refusal(record(clerk, 'case.note_added', { text: '   ' }))).toMatchObject({
      reason: 'invalid_payload',
      params: { field: 'text' },
    });
    expect(await refusal(record(clerk, 'case.received', {}))).toMatchObject({ code: 'INVALID_INPUT' });
    const unknownMaterial = {
      carrier: 'EMS',
      waybillNo: '1180000000003',
      mailedOn: '2026-11-22',
      materialIds: ['no_such_material'],
    };
    expect(await refusal(record(clerk, 'case.originals_dispatched', unknownMaterial))).toMatchObject({
      reason: 'material_unknown',
    });
    expect(countRows(device.dbFile)).toEqual(before);
  });

  it('takes notes, unread for others until they open the case, and refuses a file this device does not hold', async () => {
    await call(clerk, 'cases.record', { caseId, type: 'case.note_added', payload: { text: '原件已寄出，请查收。' } });
    const unread = async (client: RpcClient) =>
      (await call(client, 'cases.list', {})).rows.find((r) => r.caseId === caseId)?.unreadNotes;
    expect(await unread(clerk)).toBe(0);
    expect(await unread(both)).toBe(1);
    await call(both, 'cases.get', { caseId });
    expect(await unread(both)).toBe(0);
    const scan = await uploadScan(clerk, makePng('collected'), 'image/png');
    if (!scan.ok) throw new Error('upload failed');
    withDb(device.dbFile, (db) => db.prepare('UPDATE cases SET status = 11 WHERE case_id = ?').run(caseId));
    const collected = {
      collector: { name: '欧阳娜娜', idKind: 'resident_id', idNumber: '11010219781027232X' },
      byApplicant: true,
      signature: { sha256: 'f'.repeat(64), source: 'screen' },
    };
    expect(await refusal(record(clerk, 'case.result_collected', collected))).toMatchObject({ reason: 'scan_missing' });
    const badId = { ...collected, collector: { ...collected.collector, idNumber: '110102197810272321' } };
    expect(await refusal(record(clerk, 'case.result_collected', badId))).toMatchObject({
      reason: 'collector_id_invalid',
    });
    const ok = { ...collected, signature: { sha256: scan.value.sha256, source: 'screen' } };
    expect(
      await call(clerk, 'cases.record', { caseId, type: 'case.result_collected', payload: ok } as never),
    ).toMatchObject({
      status: 11,
    });
    const detail = await call(clerk, 'cases.get', { caseId });
    expect(detail.row.subState).toBe('collected');
    expect(detail.timeline.at(-1)?.details).toMatchObject({
      collector: { name: '欧***', idNumber: '110102********232X' },
    });
    expect(JSON.stringify(detail)).not.toContain('11010219781027232X');
    // 不满意 and 非常不满意 say why, on the clerk's form as on the applicant's screen.
    expect(await refusal(record(clerk, 'case.evaluated', { rating: 2 }))).toMatchObject({
      reason: 'rating_reason_required',
    });
    await call(clerk, 'cases.record', { caseId, type: 'case.evaluated', payload: { rating: 2, comment: '等太久' } });
    expect(await refusal(record(clerk, 'case.evaluated', { rating: 5 }))).toMatchObject({
      reason: 'already_evaluated',
    });
  });
});
