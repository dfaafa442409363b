// The five-day correction mark as the supervisor is warned of it: on working
// day 4 after receipt of a case still waiting for a correction notice or a
// decision, and once the mark has passed without one; never for a case the
// handling place answered in time. A test cannot wait for working days, so a
// case's events and row are moved back in time in the database file, as the
// other warnings' tests do; the mark is the product's reading of the moved
// events on the seed calendars.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_CALENDAR, workingDaysBetween } from '../../shared/catalog/calendar.ts';
import type { RpcClient } from '../../shared/rpc/client.ts';
import {
  call,
  setUpDevice,
  staffClient,
  startInProcess,
  TEST_DEVICE,
  until,
  windowAndDesk,
  withDb,
  type BackendUnderTest,
} from './harness.ts';
import { dayFromToday, dayOf, intakeOf, LI, OUYANG, PENSION, record, WANG, ZHANG } from './supervision/helpers.ts';

/** How many calendar days back lies a day `working` working days before today. */
function calendarDaysBackTo(working: number): number {
  for (let back = 1; back < 60; back += 1) {
    if (workingDaysBetween(dayFromToday(-back), dayFromToday(0), SEED_CALENDAR).days === working) return back;
  }
  throw new Error(`no day ${working} working days back`);
}

describe('warnings of the five-day correction mark', () => {
  let device: BackendUnderTest;
  let clerk: RpcClient;
  let supervisor: RpcClient;

  beforeAll(async () => {
    device = startInProcess();
    const { admin } = await setUpDevice(device, TEST_DEVICE);
    clerk = await staffClient(device, admin, ['intake_clerk']);
    supervisor = await staffClient(device, admin, ['supervisor']);
  }, 60_000);
  afterAll(() => device?.stop());

  /** Moves a case's events and its receipt `days` calendar days back. */
  function age(caseId: string, days: number): void {
    const back = (iso: string): string => new Date(Date.parse(iso) - days * 86_400_000).toISOString();
    withDb(device.dbFile, (db) => {
      const events = db.prepare('SELECT event_id, occurred_at FROM case_events WHERE case_id = ?').all(caseId) as {
        event_id: string;
        occurred_at: string;
      }[];
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
  }

  const marks = async () =>
    (await call(supervisor, 'supervision.warnings', {})).items.filter((w) => w.kind.startsWith('correction_mark_'));

  it('warns on working day 4, not before', async () => {
    const fresh = (await call(clerk, 'intake.submit', intakeOf(PENSION, LI))).caseId;
    const third = (await call(clerk, 'intake.submit', intakeOf(PENSION, WANG))).caseId;
    const fourth = (await call(clerk, 'intake.submit', intakeOf(PENSION, ZHANG))).caseId;
    age(third, calendarDaysBackTo(3));
    const back = calendarDaysBackTo(4);
    age(fourth, back);

    const detail = await call(clerk, 'cases.get', { caseId: fourth });
    expect(detail.correctionMark).toMatchObject({ state: 'due', workingDay: 4, receivedDay: dayFromToday(-back) });
    expect((await call(clerk, 'cases.get', { caseId: third })).correctionMark).toMatchObject({
      state: 'counting',
      workingDay: 3,
    });
    expect((await call(clerk, 'cases.get', { caseId: fresh })).correctionMark).toMatchObject({
      state: 'counting',
      workingDay: 0,
    });
    // The list tags the case due; the others, not yet.
    const rows = (await call(clerk, 'cases.list', {})).rows;
    const tagOf = (caseId: string) => rows.find((r) => r.caseId === caseId)?.correctionMark;
    expect([tagOf(fresh), tagOf(third), tagOf(fourth)]).toEqual([null, null, 'due']);
    expect(await marks()).toEqual([
      {
        key: `correction_mark_due:${fourth}`,
        kind: 'correction_mark_due',
        caseId: fourth,
        caseNo: detail.row.caseNo,
        matterId: PENSION,
        since: detail.row.receivedAt,
        days: back,
        reason: null,
        deadline: null,
      },
    ]);
  });

  it('marks a case whose mark passed without a notice, and warns until it is decided', async () => {
    const late = (await call(clerk, 'intake.submit', intakeOf(PENSION, OUYANG))).caseId;
    age(late, 20);
    const detail = await call(clerk, 'cases.get', { caseId: late });
    expect(detail.correctionMark).toMatchObject({ state: 'passed', receivedDay: dayFromToday(-20) });
    const warned = (await marks()).filter((w) => w.caseId === late);
    expect(warned).toMatchObject([{ kind: 'correction_mark_passed', days: 20, since: detail.row.receivedAt }]);
    expect(detail.row.correctionMark).toBe('passed');
    const counts = (await call(supervisor, 'supervision.warnings', {})).counts;
    expect(counts).toMatchObject({ correction_mark_due: 1, correction_mark_passed: 1 });

    // The applicant withdraws: nothing is left to decide, and the warning ends; the mark stays passed.
    await record(clerk, late, 'case.withdrawn', { reason: '不再办理。', requestedBy: 'applicant', side: 'intake' });
    expect((await marks()).map((w) => w.caseId)).not.toContain(late);
    // Withdrawn, it waits for nothing: the list no longer tags it.
    expect((await call(clerk, 'cases.get', { caseId: late })).row.correctionMark).toBeNull();
    expect((await call(clerk, 'cases.get', { caseId: late })).correctionMark).toMatchObject({ state: 'passed' });
  });
});

describe('the mark answered at the handling place', () => {
  let places: Awaited<ReturnType<typeof windowAndDesk>>;

  beforeAll(async () => {
    places = await windowAndDesk();
  }, 60_000);
  afterAll(async () => places?.stop());

  it('is met by a correction notice in time, and passed by an acceptance after the mark: deemed accepted', async () => {
    const { window, desk } = places;
    const inTime = (await call(window.staff, 'intake.submit', intakeOf(PENSION, LI))).caseId;
    const tooLate = (await call(window.staff, 'intake.submit', intakeOf(PENSION, WANG))).caseId;
    const atDesk = async (caseId: string) =>
      (await until(
        async () => {
          const found = await desk.staff.request('cases.get', { caseId });
          return found.ok ? found.value : null;
        },
        (d) => d !== null,
        'the case at the desk',
      ))!;
    await atDesk(inTime);
    await atDesk(tooLate);
    await record(desk.staff, inTime, 'case.correction_requested', {
      items: [{ materialId: null, problem: 'missing', note: '缺少 2019 年度缴费记录。' }],
      deadline: dayFromToday(30),
    });
    expect((await atDesk(inTime)).correctionMark).toMatchObject({ state: 'met', workingDay: 0 });

    // At the desk the receipt is moved back past the mark before the officer accepts.
    withDb(desk.device.dbFile, (db) => {
      const back = (iso: string) => new Date(Date.parse(iso) - 20 * 86_400_000).toISOString();
      const events = db.prepare('SELECT event_id, occurred_at FROM case_events WHERE case_id = ?').all(tooLate) as {
        event_id: string;
        occurred_at: string;
      }[];
      for (const e of events) {
        db.prepare('UPDATE case_events SET occurred_at = ? WHERE event_id = ?').run(back(e.occurred_at), e.event_id);
      }
    });
    await record(desk.staff, tooLate, 'case.accepted', { acceptanceNo: 'HM-9' });
    expect((await atDesk(tooLate)).correctionMark).toMatchObject({ state: 'passed', receivedDay: dayFromToday(-20) });
  });
});
