// 差评整改 between two places: an intake window of 360430 and the acceptance
// desk of 421127 around a real exchange server, each a real backend with its
// own database. A bad rating recorded at the window opens one rectification
// item there and one at the desk that pulls it (once, even when pulled
// again); a good rating opens none. The item's steps refuse what is out of
// order and write nothing then; it warns, red once overdue, and counts in the
// statistics until it is closed with the applicant contacted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays, SEED_CALENDAR } from '../../shared/catalog/calendar.ts';
import { maskPhone } from '../../shared/identity/mask.ts';
import type { RpcClient } from '../../shared/rpc/client.ts';
import {
  addRemoteAt,
  call,
  createUser,
  HUANGMEI_DESK,
  login,
  refusal,
  setUpDevice,
  staffClient,
  startInProcess,
  startListeningServer,
  until,
  withDb,
  type BackendUnderTest,
  type ListeningServer,
} from './harness.ts';
import {
  caseAt,
  dayFromToday,
  dayOf,
  intakeOf,
  LI,
  PENSION,
  record,
  staff,
  WANG,
  type Staff,
} from './supervision/helpers.ts';

const REMEDIES = [
  { kind: 'administrative_reconsideration', body: '黄梅县人民政府', withinDays: 60 },
  { kind: 'administrative_litigation', body: '黄梅县人民法院', period: { value: 6, unit: 'months' } },
];
const FINDINGS = '窗口人员未一次性告知所需材料，申请人往返两次。';

describe('差评整改: a bad rating opens a rectification item', () => {
  let server: ListeningServer;
  let window: BackendUnderTest;
  let desk: BackendUnderTest;
  let clerk: RpcClient;
  let supervisor: Staff;
  let officer: Staff;
  let auditor: RpcClient;
  let auditorId: string;
  let deskStaff: RpcClient;
  const ids = { bad: '', good: '' };
  const today = dayFromToday(0);

  beforeAll(async () => {
    server = await startListeningServer();
    window = startInProcess();
    const { admin } = await setUpDevice(window);
    await addRemoteAt(server, admin, { kind: 'intake', regionCode: '360430', matterIds: [] });
    clerk = await staffClient(window, admin, ['intake_clerk']);
    supervisor = await staff(window, admin, ['supervisor'], '周主管');
    officer = await staff(window, admin, ['intake_clerk'], '吴窗口');
    const auditorUser = await createUser(admin, ['auditor']);
    auditorId = auditorUser.userId;
    auditor = (await login(window, auditorUser)).client;

    desk = startInProcess();
    const deskAdmin = (await setUpDevice(desk, HUANGMEI_DESK)).admin;
    await addRemoteAt(server, deskAdmin, { kind: 'acceptance', regionCode: HUANGMEI_DESK.regionCode, matterIds: [] });
    deskStaff = await staffClient(desk, deskAdmin, ['handling_officer', 'supervisor']);
  }, 60_000);
  afterAll(async () => {
    await window?.stop();
    await desk?.stop();
    await server?.close();
  });

  const list = (client: RpcClient, state: 'open' | 'overdue' | 'closed' | 'all' = 'open') =>
    call(client, 'rectifications.list', { state });
  const rowsAt = (device: BackendUnderTest) =>
    withDb(device.dbFile, (db) => db.prepare('SELECT * FROM rectifications ORDER BY case_id').all());
  const keyOfBad = async () => ({ caseId: ids.bad, eventId: (await list(supervisor.client, 'all')).items[0]!.eventId });
  const warningsOf = async (...kinds: string[]) =>
    (await call(supervisor.client, 'supervision.warnings', {})).items.filter((w) => kinds.includes(w.kind));

  it('opens one item for the bad rating at the window and at the desk, none for the good one', async () => {
    ids.bad = (await call(clerk, 'intake.submit', intakeOf(PENSION, LI))).caseId;
    ids.good = (await call(clerk, 'intake.submit', intakeOf(PENSION, WANG))).caseId;
    for (const caseId of [ids.bad, ids.good]) {
      await caseAt(deskStaff, caseId, () => true, 'the case at the desk');
      await record(deskStaff, caseId, 'case.not_accepted', { reasons: ['不属于本机关职权范围。'], remedies: REMEDIES });
      await caseAt(clerk, caseId, (d) => d.row.status === 5, 'the refusal at the window');
    }
    await record(clerk, ids.bad, 'case.evaluated', { rating: 1, comment: '白跑一趟' });
    await record(clerk, ids.good, 'case.evaluated', { rating: 4 });

    const { items, staff: assignable } = await list(supervisor.client);
    const caseNo = (await call(clerk, 'cases.get', { caseId: ids.bad })).row.caseNo;
    expect(items).toEqual([
      expect.objectContaining({
        caseId: ids.bad,
        caseNo,
        matterId: PENSION,
        rating: 1,
        // The supervisor reads why, as the applicant gave it.
        reason: '白跑一趟',
        state: 'open',
        applicantName: '李**',
        applicantPhone: maskPhone(LI.phone),
        contactBy: addWorkingDays(today, 1, SEED_CALENDAR).date,
        rectifyBy: addWorkingDays(today, 15, SEED_CALENDAR).date,
        overdue: false,
        assignee: null,
        answer: null,
        contact: null,
      }),
    ]);
    expect(dayOf(new Date(items[0]!.ratedAt))).toBe(today);
    expect(JSON.stringify(items)).not.toContain(LI.phone);
    // Staff who work cases, not the auditor or the administrator.
    expect(assignable.map((s) => s.displayName)).toEqual(expect.arrayContaining(['周主管', '吴窗口']));
    expect(assignable.map((s) => s.userId)).not.toContain(auditorId);

    await caseAt(
      deskStaff,
      ids.good,
      (d) => d.timeline.some((e) => e.type === 'case.evaluated'),
      'the ratings at the desk',
    );
    await caseAt(deskStaff, ids.bad, (d) => d.row.evaluation === 1, 'the bad rating at the desk');
    expect((await list(deskStaff)).items.map((i) => [i.caseId, i.eventId])).toEqual([[ids.bad, items[0]!.eventId]]);
  });

  it('keeps one item when the desk pulls the rating again', async () => {
    const eventId = (rowsAt(desk)[0] as { event_id: string }).event_id;
    // Forgotten where it stood on the server: the next pass pulls everything again and learns it anew.
    withDb(desk.dbFile, (db) => {
      db.prepare('UPDATE case_events SET server_seq = NULL, received_at = NULL WHERE event_id = ?').run(eventId);
      db.prepare('UPDATE remotes SET pull_cursor = 0').run();
    });
    await call(deskStaff, 'sync.now', {});
    await until(
      async () =>
        withDb(desk.dbFile, (db) => db.prepare('SELECT server_seq FROM case_events WHERE event_id = ?').get(eventId)),
      (row) => (row as { server_seq: number | null }).server_seq !== null,
      'the rating pulled again',
    );
    expect(rowsAt(desk)).toHaveLength(1);
    expect(rowsAt(window)).toHaveLength(1);
  });

  it('warns of the open item in place of the bad rating, and counts it in the statistics', async () => {
    const [item] = (await list(supervisor.client)).items;
    expect(await warningsOf('rectification_open', 'rectification_overdue', 'bad_evaluation')).toEqual([
      expect.objectContaining({
        kind: 'rectification_open',
        key: `rectification_open:${ids.bad}:${item!.eventId}`,
        caseId: ids.bad,
        since: item!.ratedAt,
        days: 0,
      }),
    ]);
    expect((await call(supervisor.client, 'supervision.stats', { from: today, to: today })).rectifications).toEqual({
      opened: 1,
      open: 1,
      closed: 0,
      overdue: 0,
    });
  });

  it('turns red once the rectification deadline has passed', async () => {
    const rated = (rowsAt(window)[0] as { rated_at: string }).rated_at;
    const longAgo = new Date(Date.parse(rated) - 40 * 86_400_000).toISOString();
    withDb(window.dbFile, (db) => db.prepare('UPDATE rectifications SET rated_at = ?').run(longAgo));
    try {
      expect((await warningsOf('rectification_open', 'rectification_overdue')).map((w) => [w.kind, w.days])).toEqual([
        ['rectification_overdue', 40],
      ]);
      expect((await list(supervisor.client, 'overdue')).items.map((i) => [i.caseId, i.overdue])).toEqual([
        [ids.bad, true],
      ]);
      const day = dayOf(new Date(longAgo));
      expect((await call(supervisor.client, 'supervision.stats', { from: day, to: day })).rectifications).toEqual({
        opened: 1,
        open: 1,
        closed: 0,
        overdue: 1,
      });
    } finally {
      withDb(window.dbFile, (db) => db.prepare('UPDATE rectifications SET rated_at = ?').run(rated));
    }
  });

  it('refuses each step out of order, or by someone else, writing nothing', async () => {
    const key = await keyOfBad();
    const before = rowsAt(window);
    const audited = (await call(auditor, 'audit.list', {})).total;
    const refused = (method: string, input: object, client = supervisor.client) =>
      refusal(client.request(method as 'rectifications.close', { ...key, ...input } as never));
    const contact = { contactedAt: new Date().toISOString(), method: 'phone', response: 'satisfied' };

    expect(await refused('rectifications.answer', { findings: FINDINGS, actions: '已批评教育。' })).toMatchObject({
      code: 'REJECTED',
      reason: 'rectification_not_assigned',
    });
    expect(await refused('rectifications.contact', contact)).toMatchObject({ reason: 'rectification_not_answered' });
    expect(await refused('rectifications.close', {})).toMatchObject({ reason: 'rectification_not_contacted' });
    expect(await refused('rectifications.assign', { assigneeUserId: auditorId })).toMatchObject({
      reason: 'rectification_assignee_unknown',
    });
    expect(await refused('rectifications.assign', { assigneeUserId: 'no-such-user' })).toMatchObject({
      reason: 'rectification_assignee_unknown',
    });
    expect(await refused('rectifications.assign', { assigneeUserId: officer.userId }, clerk)).toMatchObject({
      code: 'PERMISSION_DENIED',
    });
    expect(await refused('rectifications.close', { eventId: 'no-such-event' })).toMatchObject({
      reason: 'rectification_not_found',
    });
    expect(rowsAt(window)).toEqual(before);
    expect((await call(auditor, 'audit.list', {})).total).toBe(audited);
  });

  it('is assigned, answered, contacted and closed, each step audited without what was said', async () => {
    const key = await keyOfBad();

    // Assigned again before it is answered: the last one is responsible.
    await call(supervisor.client, 'rectifications.assign', { ...key, assigneeUserId: supervisor.userId });
    const assigned = await call(supervisor.client, 'rectifications.assign', { ...key, assigneeUserId: officer.userId });
    expect(assigned).toMatchObject({ state: 'assigned', assignee: { userId: officer.userId, displayName: '吴窗口' } });
    expect(
      (await call(supervisor.client, 'rectifications.list', { state: 'open', assigneeUserId: officer.userId })).items,
    ).toHaveLength(1);

    expect(
      await refusal(supervisor.client.request('rectifications.answer', { ...key, findings: '  ', actions: '已整改' })),
    ).toMatchObject({ code: 'INVALID_INPUT' });
    const answered = await call(supervisor.client, 'rectifications.answer', {
      ...key,
      findings: FINDINGS,
      actions: '已对窗口人员批评教育，并修订一次性告知单。',
    });
    expect(answered).toMatchObject({ state: 'answered', answer: { findings: FINDINGS } });
    expect(
      await refusal(supervisor.client.request('rectifications.assign', { ...key, assigneeUserId: supervisor.userId })),
    ).toMatchObject({ reason: 'rectification_already_answered' });

    const tooLate = new Date(Date.now() + 3_600_000).toISOString();
    const tooEarly = new Date(Date.parse(answered.ratedAt) - 60_000).toISOString();
    for (const contactedAt of [tooLate, tooEarly]) {
      expect(
        await refusal(
          supervisor.client.request('rectifications.contact', {
            ...key,
            contactedAt,
            method: 'phone',
            response: 'satisfied',
          }),
        ),
      ).toMatchObject({ reason: 'rectification_contact_time' });
    }
    expect(await refusal(supervisor.client.request('rectifications.close', key))).toMatchObject({
      reason: 'rectification_not_contacted',
    });
    const contactedAt = new Date().toISOString();
    const contacted = await call(supervisor.client, 'rectifications.contact', {
      ...key,
      contactedAt,
      method: 'phone',
      response: 'satisfied',
      note: '申请人表示理解。',
    });
    expect(contacted).toMatchObject({
      state: 'contacted',
      contact: { at: contactedAt, method: 'phone', response: 'satisfied', note: '申请人表示理解。' },
    });
    expect(
      await refusal(
        supervisor.client.request('rectifications.answer', { ...key, findings: FINDINGS, actions: '再改' }),
      ),
    ).toMatchObject({ reason: 'rectification_already_contacted' });

    const closed = await call(supervisor.client, 'rectifications.close', key);
    expect(closed).toMatchObject({ state: 'closed', closedBy: '周主管', overdue: false });
    expect(await refusal(supervisor.client.request('rectifications.close', key))).toMatchObject({
      reason: 'rectification_closed',
    });

    // What was found and said is encrypted at rest and never in the audit log.
    expect(JSON.stringify(rowsAt(window))).not.toContain(FINDINGS);
    const { rows } = await call(auditor, 'audit.list', { limit: 500 });
    const steps = rows.filter((r) => r.action.startsWith('rectification.'));
    expect(steps.map((r) => r.action).reverse()).toEqual([
      'rectification.assign',
      'rectification.assign',
      'rectification.answer',
      'rectification.contact',
      'rectification.close',
    ]);
    expect(steps.every((r) => r.target === ids.bad)).toBe(true);
    for (const secret of [FINDINGS, '申请人表示理解', LI.phone, LI.name])
      expect(JSON.stringify(steps)).not.toContain(secret);
  });

  it('leaves the warnings and counts as closed', async () => {
    expect(await warningsOf('rectification_open', 'rectification_overdue', 'bad_evaluation')).toEqual([]);
    expect((await call(supervisor.client, 'supervision.stats', { from: today, to: today })).rectifications).toEqual({
      opened: 1,
      open: 0,
      closed: 1,
      overdue: 0,
    });
    // The exported statistics say the same, in the device's language.
    const file = await call(supervisor.client, 'supervision.exportStats', { from: today, to: today, format: 'csv' });
    const csv = Buffer.from(file.data, 'base64').toString('utf8');
    for (const [label, count] of [
      ['期间新增', 1],
      ['未办结', 0],
      ['已办结', 1],
      ['已逾期', 0],
    ] as const) {
      expect(csv).toContain(`差评整改,${label},${count},`);
    }
    expect((await list(supervisor.client)).items).toEqual([]);
    expect((await list(supervisor.client, 'closed')).items.map((i) => [i.caseId, i.state])).toEqual([
      [ids.bad, 'closed'],
    ]);
    // The desk's own item is its own to follow up.
    expect((await list(deskStaff)).items.map((i) => i.state)).toEqual(['open']);
  });
});
