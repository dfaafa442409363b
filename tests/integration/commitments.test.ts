// 容缺受理承诺书 between two places: an intake window of 360430 and the
// acceptance desk of 421127 around a real exchange server, each a real backend
// with its own database. The due day is checked at intake (nothing written
// when it is wrong), travels with the case to the handling place, shows on the
// window's to-do, lapses into a supervisor's warning and the officer's view,
// and the material brought in closes it at both places.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcClient } from '../../shared/rpc/client.ts';
import type { CaseDetail } from '../../shared/rpc/contract.ts';
import {
  call,
  HUANGMEI_DESK,
  makePng,
  placeAt,
  refusal,
  setUpDevice,
  staffClient,
  startInProcess,
  startListeningServer,
  uploadScan,
  withDb,
  addRemoteAt,
  type BackendUnderTest,
  type ListeningServer,
  type Place,
  type Submission,
} from './harness.ts';
import { caseAt, dayFromToday, EMPLOYMENT, intakeOf, LI, OUYANG, record, WANG } from './supervision/helpers.ts';

const PHOTO = 'photo'; // deferrable in KST-EMP-002: only the paper certificate needs it

/** An intake of KST-EMP-002 with the photo deferred to `dueDate` (none: the day left out). */
function deferring(person: typeof LI, dueDate?: string): Submission {
  const intake = intakeOf(EMPLOYMENT, person);
  const deferred = { materialId: PHOTO, outcome: 'deferred' as const, ...(dueDate ? { dueDate } : {}) };
  return { ...intake, materials: [...intake.materials, deferred] };
}

/** Moves a commitment's due day in a device's file: a test cannot wait for a promise to lapse. */
function dueOn(device: BackendUnderTest, caseId: string, day: string): void {
  withDb(device.dbFile, (db) =>
    db.prepare('UPDATE commitments SET due_date = ? WHERE case_id = ? AND material_id = ?').run(day, caseId, PHOTO),
  );
}

describe('容缺 commitments: due day, to-do, receipt, lapse', () => {
  let server: ListeningServer;
  let window: BackendUnderTest;
  let clerk: RpcClient;
  let supervisor: RpcClient;
  let desk: Place;

  beforeAll(async () => {
    server = await startListeningServer();
    window = startInProcess();
    const { admin } = await setUpDevice(window);
    await addRemoteAt(server, admin, { kind: 'intake', regionCode: '360430', matterIds: [] });
    clerk = await staffClient(window, admin, ['intake_clerk']);
    supervisor = await staffClient(window, admin, ['supervisor']);
    desk = await placeAt(server, HUANGMEI_DESK, ['handling_officer'], {
      kind: 'acceptance',
      regionCode: HUANGMEI_DESK.regionCode,
      matterIds: [],
    });
  }, 60_000);
  afterAll(async () => {
    await window?.stop();
    await desk?.device.stop();
    await server?.close();
  });

  const caseCount = (): number =>
    withDb(window.dbFile, (db) => (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n);
  const lapsedWarnings = async () =>
    (await call(supervisor, 'supervision.warnings', {})).items.filter((w) => w.kind === 'commitment_lapsed');

  it('refuses a deferred material without a due day, or with one before today, writing nothing', async () => {
    const before = caseCount();
    expect(await refusal(clerk.request('intake.submit', deferring(OUYANG)))).toMatchObject({
      reason: 'deferred_due_date_missing',
      params: { field: `materials.${PHOTO}.dueDate`, materialId: PHOTO },
    });
    expect(await refusal(clerk.request('intake.submit', deferring(OUYANG, '2026-02-30')))).toMatchObject({
      reason: 'deferred_due_date_missing',
    });
    expect(await refusal(clerk.request('intake.submit', deferring(OUYANG, dayFromToday(-1))))).toMatchObject({
      reason: 'deferred_due_date_past',
      params: { field: `materials.${PHOTO}.dueDate` },
    });
    expect(caseCount()).toBe(before);
    expect(withDb(window.dbFile, (db) => db.prepare('SELECT * FROM commitments').all())).toEqual([]);
  });

  let caseId: string;
  const due = dayFromToday(5);

  it('records the commitment with the case, lists it on the to-do, and sends its due day to the handling place', async () => {
    // Today itself is a day the applicant may promise.
    const today = await call(clerk, 'intake.submit', deferring(WANG, dayFromToday(0)));
    caseId = (await call(clerk, 'intake.submit', deferring(LI, due))).caseId;

    const detail = await call(clerk, 'cases.get', { caseId });
    expect(detail.commitments).toEqual([
      { materialId: PHOTO, dueDate: due, promisedAt: detail.row.receivedAt, receivedAt: null, lapsed: false },
    ]);
    expect(detail.materials).toContainEqual({ materialId: PHOTO, outcome: 'deferred', dueDate: due });
    expect(detail.nextActions).toContain('case.deferred_material_received');

    const todo = await call(clerk, 'commitments.open', {});
    expect(todo.today).toBe(dayFromToday(0));
    // Soonest due first; a day not yet reached counts as negative days overdue.
    expect(todo.items.map((c) => [c.caseNo, c.dueDate, c.daysOverdue])).toEqual([
      [(await call(clerk, 'cases.get', { caseId: today.caseId })).row.caseNo, dayFromToday(0), 0],
      [detail.row.caseNo, due, -5],
    ]);
    expect(todo.items[1]).toMatchObject({ materialId: PHOTO, matterId: EMPLOYMENT, applicantName: '李**' });

    const there = await caseAt(desk.staff, caseId, (d) => d.commitments.length > 0, 'the commitment at the desk');
    expect(there.commitments).toEqual([
      { materialId: PHOTO, dueDate: due, promisedAt: detail.row.receivedAt, receivedAt: null, lapsed: false },
    ]);
    // The desk sees it; receiving the material is the window's.
    expect(there.nextActions).not.toContain('case.deferred_material_received');
    expect(await lapsedWarnings()).toEqual([]);
  });

  it('lapses the day after its due day: on the to-do, as a supervisor warning, and at the handling place', async () => {
    const lapsedOn = dayFromToday(-3);
    dueOn(window, caseId, lapsedOn);
    dueOn(desk.device, caseId, lapsedOn);

    const todo = await call(clerk, 'commitments.open', {});
    expect(todo.items.find((c) => c.caseId === caseId)).toMatchObject({ dueDate: lapsedOn, daysOverdue: 3 });
    const detail = await call(clerk, 'cases.get', { caseId });
    expect(await lapsedWarnings()).toEqual([
      {
        key: `commitment_lapsed:${caseId}:${PHOTO}`,
        kind: 'commitment_lapsed',
        caseId,
        caseNo: detail.row.caseNo,
        matterId: EMPLOYMENT,
        since: lapsedOn,
        days: 3,
        reason: PHOTO,
        deadline: null,
      },
    ]);
    const there = await call(desk.staff, 'cases.get', { caseId });
    expect(there.commitments).toMatchObject([{ materialId: PHOTO, lapsed: true, receivedAt: null }]);
  });

  it('closes it when the material is brought in, with its scan, here and at the handling place', async () => {
    const scan = await uploadScan(clerk, makePng('photo'), 'image/png');
    if (!scan.ok) throw new Error(scan.error.code);
    const scans = [{ sha256: scan.value.sha256, mediaType: 'image/png', materialId: PHOTO }];

    // Only a material the case owes, in a form the matter accepts for it.
    expect(
      await refusal(
        clerk.request('cases.record', {
          caseId,
          type: 'case.deferred_material_received',
          payload: { materialId: 'id_card', forms: ['original_checked'], scans: [] },
        }),
      ),
    ).toMatchObject({ reason: 'material_not_owed' });
    expect(
      await refusal(
        clerk.request('cases.record', {
          caseId,
          type: 'case.deferred_material_received',
          payload: { materialId: PHOTO, forms: ['electronic'], scans: [] },
        }),
      ),
    ).toMatchObject({ reason: 'material_form_not_accepted' });

    await record(clerk, caseId, 'case.deferred_material_received', {
      materialId: PHOTO,
      forms: ['original_kept'],
      scans,
    });
    const detail: CaseDetail = await call(clerk, 'cases.get', { caseId });
    expect(detail.commitments).toMatchObject([{ materialId: PHOTO, lapsed: false, receivedAt: expect.any(String) }]);
    expect(detail.materials).toContainEqual({ materialId: PHOTO, outcome: 'received', forms: ['original_kept'] });
    expect(detail.scans).toContainEqual({ ...scans[0], held: true });
    expect(detail.nextActions).not.toContain('case.deferred_material_received');
    expect(detail.timeline.at(-1)).toMatchObject({ type: 'case.deferred_material_received' });
    expect((await call(clerk, 'commitments.open', {})).items.map((c) => c.caseId)).not.toContain(caseId);
    expect(await lapsedWarnings()).toEqual([]);

    // Brought in once: a second receipt is refused, and nothing more is written.
    const events = detail.timeline.length;
    expect(
      await refusal(
        clerk.request('cases.record', {
          caseId,
          type: 'case.deferred_material_received',
          payload: { materialId: PHOTO, forms: ['original_kept'], scans: [] },
        }),
      ),
    ).toMatchObject({ reason: 'material_not_owed' });
    expect((await call(clerk, 'cases.get', { caseId })).timeline).toHaveLength(events);

    const there = await caseAt(
      desk.staff,
      caseId,
      (d) => d.commitments[0]?.receivedAt !== null,
      'the received material at the desk',
    );
    expect(there.commitments).toMatchObject([{ materialId: PHOTO, lapsed: false }]);
    expect(there.materials).toContainEqual({ materialId: PHOTO, outcome: 'received', forms: ['original_kept'] });
    expect(there.timeline.map((e) => e.type)).toContain('case.deferred_material_received');
  });

  it('takes a promise in a correction too, with the same check of its due day', async () => {
    const corrected = (await call(clerk, 'intake.submit', intakeOf(EMPLOYMENT, OUYANG))).caseId;
    await caseAt(desk.staff, corrected, (d) => d.row.status === 1, 'the case at the desk');
    await record(desk.staff, corrected, 'case.correction_requested', {
      items: [{ materialId: PHOTO, problem: 'missing', note: '缺少照片。' }],
      deadline: dayFromToday(10),
    });
    await caseAt(clerk, corrected, (d) => d.row.status === 6, 'the correction request at the window');

    const supplied = (dueDate: string, materialId = PHOTO) =>
      clerk.request('cases.record', {
        caseId: corrected,
        type: 'case.correction_supplied',
        payload: { materials: [{ materialId, outcome: 'deferred', dueDate }], scans: [] },
      });
    expect(await refusal(supplied(dayFromToday(-1)))).toMatchObject({
      reason: 'deferred_due_date_past',
      params: { materialId: PHOTO },
    });
    expect(await refusal(supplied(dayFromToday(4), 'identity'))).toMatchObject({
      reason: 'material_not_deferrable',
    });
    expect((await call(clerk, 'cases.get', { caseId: corrected })).commitments).toEqual([]);

    await call(clerk, 'cases.record', {
      caseId: corrected,
      type: 'case.correction_supplied',
      payload: { materials: [{ materialId: PHOTO, outcome: 'deferred', dueDate: dayFromToday(4) }], scans: [] },
    });
    expect((await call(clerk, 'cases.get', { caseId: corrected })).commitments).toMatchObject([
      { materialId: PHOTO, dueDate: dayFromToday(4), receivedAt: null, lapsed: false },
    ]);
    const there = await caseAt(desk.staff, corrected, (d) => d.commitments.length > 0, 'the promise at the desk');
    expect(there.commitments).toMatchObject([{ materialId: PHOTO, dueDate: dayFromToday(4) }]);
  });

  it('closes it when the material comes in a correction the handling place asked for', async () => {
    const owed = (await call(clerk, 'intake.submit', deferring(WANG, dayFromToday(3)))).caseId;
    await caseAt(desk.staff, owed, (d) => d.commitments.length > 0, 'the case and its promise at the desk');
    await record(desk.staff, owed, 'case.correction_requested', {
      items: [{ materialId: PHOTO, problem: 'missing', note: '请补交照片。' }],
      deadline: dayFromToday(10),
    });
    await caseAt(clerk, owed, (d) => d.row.status === 6, 'the correction request at the window');
    await record(clerk, owed, 'case.correction_supplied', {
      materials: [{ materialId: PHOTO, outcome: 'received', forms: ['original_kept'] }],
      scans: [],
    });
    const detail = await call(clerk, 'cases.get', { caseId: owed });
    expect(detail.commitments).toMatchObject([{ materialId: PHOTO, receivedAt: expect.any(String), lapsed: false }]);
    expect(detail.nextActions).not.toContain('case.deferred_material_received');
    expect((await call(clerk, 'commitments.open', {})).items.map((c) => c.caseId)).not.toContain(owed);
    const there = await caseAt(
      desk.staff,
      owed,
      (d) => d.commitments[0]?.receivedAt !== null,
      'the promise kept, at the desk',
    );
    expect(there.commitments).toMatchObject([{ materialId: PHOTO, lapsed: false }]);
  });
});
