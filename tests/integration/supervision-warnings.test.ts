// The warnings that take days to arise, made by moving a case's events and
// row back in time in the database file: a deadline near and past, a case not
// sent, what the server refused, originals not signed for, and the thresholds
// the supervisor sets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcClient } from '../../shared/rpc/client.ts';
import {
  addRemoteAt,
  call,
  refusal,
  setUpDevice,
  staffClient,
  startInProcess,
  startListeningServer,
  TEST_DEVICE,
  until,
  withDb,
  type BackendUnderTest,
  type ListeningServer,
} from './harness.ts';
import {
  dayFromToday,
  dayOf,
  EMPLOYMENT,
  intakeOf,
  LI,
  OUYANG,
  PENSION,
  record,
  WANG,
  ZHANG,
  ZHAO,
} from './supervision/helpers.ts';

describe('warnings that take time: overdue, not dispatched, quarantined, originals not signed for', () => {
  let server: ListeningServer;
  let device: BackendUnderTest;
  let admin: RpcClient;
  let clerk: RpcClient;
  let supervisor: RpcClient;
  const today = dayFromToday(0);
  const ids: Record<'fresh' | 'old' | 'stale' | 'corrupt' | 'mailed', string> = {} as never;

  beforeAll(async () => {
    server = await startListeningServer();
    device = startInProcess();
    admin = (await setUpDevice(device, TEST_DEVICE)).admin;
    clerk = await staffClient(device, admin, ['intake_clerk']);
    supervisor = await staffClient(device, admin, ['supervisor']);
  }, 60_000);
  afterAll(async () => {
    await device?.stop();
    await server?.close();
  });

  const warnings = () => call(supervisor, 'supervision.warnings', {});
  const itemsOf = async (kind: string) => (await warnings()).items.filter((w) => w.kind === kind);

  /**
   * Makes a case `days` calendar days old. A test cannot wait for deadlines,
   * so the case's events and row are moved back in time in the file, and a
   * real action (a note) then runs the backend's own clock refresh over the
   * moved events: the deadline is computed by the product from the intake
   * day, not written by the test. (The moved events no longer match their
   * content hash; a server would refuse them, as below.) With rowOnly, only
   * the row's receipt moves: enough for what reads the row alone (whether a
   * case was sent in time), and its events still pass the server's checks.
   */
  async function age(caseId: string, days: number, rowOnly = false): Promise<void> {
    const back = (iso: string): string => new Date(Date.parse(iso) - days * 86_400_000).toISOString();
    withDb(device.dbFile, (db) => {
      const events = rowOnly
        ? []
        : (db.prepare('SELECT event_id, occurred_at FROM case_events WHERE case_id = ?').all(caseId) as {
            event_id: string;
            occurred_at: string;
          }[]);
      for (const e of events) {
        db.prepare('UPDATE case_events SET occurred_at = ? WHERE event_id = ?').run(back(e.occurred_at), e.event_id);
      }
      const row = db.prepare('SELECT received_at FROM cases WHERE case_id = ?').get(caseId) as { received_at: string };
      const receivedAt = back(row.received_at);
      db.prepare('UPDATE cases SET received_at = ?, received_day = ? WHERE case_id = ?').run(
        receivedAt,
        dayOf(new Date(receivedAt)),
        caseId,
      );
    });
    if (!rowOnly) await record(clerk, caseId, 'case.note_added', { text: '催办。' });
  }

  it('marks a deadline yellow with 3 working days left and red once it has passed', async () => {
    ids.fresh = (await call(clerk, 'intake.submit', intakeOf(EMPLOYMENT, LI))).caseId;
    ids.old = (await call(clerk, 'intake.submit', intakeOf(PENSION, ZHANG))).caseId;
    expect((await itemsOf('deadline_red')).map((w) => w.caseId)).toEqual([]);

    await age(ids.old, 120);
    const old = await call(clerk, 'cases.get', { caseId: ids.old });
    const fresh = await call(clerk, 'cases.get', { caseId: ids.fresh });
    // 45 working days from an intake 120 calendar days ago are long past; 3 from today are not.
    expect(old.row.promisedDeadline! < today).toBe(true);
    expect(fresh.row.promisedDeadline! > today).toBe(true);

    const list = await warnings();
    expect(list.items.filter((w) => w.kind.startsWith('deadline_'))).toEqual([
      {
        key: `deadline_red:${ids.old}`,
        kind: 'deadline_red',
        caseId: ids.old,
        caseNo: old.row.caseNo,
        matterId: PENSION,
        since: old.row.promisedDeadline,
        days: expect.any(Number),
        reason: null,
        deadline: { unit: 'working_days', provisional: old.row.deadlineProvisional },
      },
      {
        key: `deadline_yellow:${ids.fresh}`,
        kind: 'deadline_yellow',
        caseId: ids.fresh,
        caseNo: fresh.row.caseNo,
        matterId: EMPLOYMENT,
        since: fresh.row.promisedDeadline,
        days: 3,
        reason: null,
        deadline: { unit: 'working_days', provisional: fresh.row.deadlineProvisional },
      },
    ]);
    const red = list.items.find((w) => w.kind === 'deadline_red')!;
    // Working days past a deadline at least two calendar weeks gone.
    expect(red.days).toBeGreaterThan(5);
    expect(list.counts).toMatchObject({ deadline_red: 1, deadline_yellow: 1 });
    expect([old.row.mark, fresh.row.mark]).toEqual(['red', 'yellow']);
  });

  it('warns of a case still queued after the next working day, with no remote reachable', async () => {
    ids.stale = (await call(clerk, 'intake.submit', intakeOf(PENSION, WANG))).caseId;
    expect((await itemsOf('not_dispatched')).map((w) => w.caseId)).not.toContain(ids.stale);
    // Taken in a week ago; nothing could be sent since (no remote is set up).
    await age(ids.stale, 7, true);
    const stale = (await itemsOf('not_dispatched')).find((w) => w.caseId === ids.stale);
    expect(stale).toMatchObject({ kind: 'not_dispatched', days: 7, key: `not_dispatched:${ids.stale}` });
    // Today's fresh case is not due yet.
    expect((await itemsOf('not_dispatched')).map((w) => w.caseId)).not.toContain(ids.fresh);
  });

  it('warns of what the server refused, with its reason and age, and stops warning of what was sent', async () => {
    ids.corrupt = (await call(clerk, 'intake.submit', intakeOf(PENSION, ZHAO))).caseId;
    // A corrupted record on the device, as the sync tests make one: the server refuses it.
    withDb(device.dbFile, (db) =>
      db
        .prepare("UPDATE case_events SET content_hash = ? WHERE case_id = ? AND type = 'case.materials_checked'")
        .run('0'.repeat(64), ids.corrupt),
    );
    await addRemoteAt(server, admin, { kind: 'intake', regionCode: '360430', matterIds: [] });
    await until(
      async () => (await call(clerk, 'sync.status', {})).find((r) => r.regionCode === '421127')!,
      (r) => r.queueDepth === 0,
      'the outbox to drain',
    );

    const quarantined = await itemsOf('quarantined');
    // One warning per refused event: the corrupted case's, and those of the aged case, whose moved
    // events no longer match their hashes — the same items the sync screen lists.
    const refused = await call(clerk, 'sync.quarantine', {});
    expect(quarantined.map((w) => w.key).sort()).toEqual(refused.map((q) => `quarantined:${q.eventId}`).sort());
    expect([...new Set(quarantined.map((w) => w.caseId))].sort()).toEqual([ids.corrupt, ids.old].sort());
    expect(quarantined.find((w) => w.caseId === ids.corrupt)).toMatchObject({
      reason: 'bad_hash',
      days: 0,
      key: expect.stringMatching(/^quarantined:/),
    });
    const sent = (await itemsOf('not_dispatched')).map((w) => w.caseId);
    expect(sent).not.toContain(ids.stale);
    expect(sent).not.toContain(ids.old);
    expect((await call(clerk, 'cases.get', { caseId: ids.stale })).row.syncState).toBe('synced');
  });

  it('does not call a case undispatched because a later note waits while the server is away', async () => {
    await server.app.close();
    await record(clerk, ids.stale, 'case.note_added', { text: '申请人补充了联系电话。' });
    const row = (await call(clerk, 'cases.get', { caseId: ids.stale })).row;
    expect(row).toMatchObject({ syncState: 'queued' });
    expect(row.subState).not.toBe('queued');
    // It reached the partner a week ago: only its note is waiting.
    expect((await itemsOf('not_dispatched')).map((w) => w.caseId)).not.toContain(ids.stale);
    // A case taken in a week ago that never left is still reported.
    ids.mailed = (await call(clerk, 'intake.submit', intakeOf(PENSION, OUYANG))).caseId;
    await age(ids.mailed, 7, true);
    expect((await itemsOf('not_dispatched')).map((w) => w.caseId)).toContain(ids.mailed);
  });

  it('warns of originals not signed for after the threshold, which the supervisor sets and only they may', async () => {
    await record(clerk, ids.mailed, 'case.originals_dispatched', {
      carrier: 'EMS',
      waybillNo: '1180000000009',
      mailedOn: today,
      materialIds: ['id_card'],
    });
    // Mailed three days ago.
    withDb(device.dbFile, (db) =>
      db
        .prepare("UPDATE case_events SET occurred_at = ? WHERE case_id = ? AND type = 'case.originals_dispatched'")
        .run(new Date(Date.now() - 3 * 86_400_000).toISOString(), ids.mailed),
    );
    expect((await warnings()).thresholds).toEqual({ originalsDays: 5, collectionDays: 10, dispatchOriginalsDays: 3 });
    expect(await itemsOf('originals_not_signed')).toEqual([]);

    expect(await call(supervisor, 'supervision.setThresholds', { originalsDays: 2, collectionDays: 7 })).toEqual({
      originalsDays: 2,
      collectionDays: 7,
      dispatchOriginalsDays: 3,
    });
    const list = await warnings();
    expect(list.thresholds).toEqual({ originalsDays: 2, collectionDays: 7, dispatchOriginalsDays: 3 });
    expect(list.items.filter((w) => w.kind === 'originals_not_signed')).toMatchObject([
      { caseId: ids.mailed, days: 3, key: `originals_not_signed:${ids.mailed}` },
    ]);

    for (const client of [clerk, admin]) {
      expect(
        await refusal(client.request('supervision.setThresholds', { originalsDays: 30, collectionDays: 30 })),
      ).toMatchObject({ code: 'PERMISSION_DENIED' });
    }
    expect(
      await refusal(supervisor.request('supervision.setThresholds', { originalsDays: 0, collectionDays: 7 })),
    ).toMatchObject({ code: 'INVALID_INPUT' });
    expect((await warnings()).thresholds).toEqual({ originalsDays: 2, collectionDays: 7, dispatchOriginalsDays: 3 });

    await call(supervisor, 'supervision.setThresholds', { originalsDays: 5, collectionDays: 10 });
    expect(await itemsOf('originals_not_signed')).toEqual([]);
  });
});
