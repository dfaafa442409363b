// The two warnings on the originals' way to the handling place: not mailed
// within the supervisor's number of days of receipt, and mailed but not signed
// for. Days are made by moving a case's receipt and its dispatch back in time
// in the database file, as the other warning tests do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcClient } from '../../shared/rpc/client.ts';
import { call, refusal, setUpDevice, staffClient, startInProcess, TEST_DEVICE, withDb } from './harness.ts';
import type { BackendUnderTest } from './harness.ts';
import { dayFromToday, dayOf, EMPLOYMENT, intakeOf, LI, OUYANG, PENSION, record, WANG } from './supervision/helpers.ts';

describe('warnings on the originals: not mailed, and mailed but not signed for', () => {
  let device: BackendUnderTest;
  let clerk: RpcClient;
  let supervisor: RpcClient;
  const ids: Record<'late' | 'noOriginals' | 'fresh', string> = {} as never;

  beforeAll(async () => {
    device = startInProcess();
    const { admin } = await setUpDevice(device, TEST_DEVICE);
    clerk = await staffClient(device, admin, ['intake_clerk']);
    supervisor = await staffClient(device, admin, ['supervisor']);
  }, 60_000);
  afterAll(async () => {
    await device?.stop();
  });

  const itemsOf = async (kind: string) =>
    (await call(supervisor, 'supervision.warnings', {})).items.filter((w) => w.kind === kind);

  /** Takes the case's receipt `days` calendar days back. */
  function receivedDaysAgo(caseId: string, days: number): void {
    const at = new Date(Date.now() - days * 86_400_000);
    withDb(device.dbFile, (db) =>
      db
        .prepare('UPDATE cases SET received_at = ?, received_day = ? WHERE case_id = ?')
        .run(at.toISOString(), dayOf(at), caseId),
    );
  }

  it('warns of originals that travel, not mailed more than the set days after intake, and of no other case', async () => {
    // The pension transfer sends its contribution certificate and application form; the employment matter nothing.
    ids.late = (await call(clerk, 'intake.submit', intakeOf(PENSION, OUYANG))).caseId;
    ids.noOriginals = (await call(clerk, 'intake.submit', intakeOf(EMPLOYMENT, LI))).caseId;
    ids.fresh = (await call(clerk, 'intake.submit', intakeOf(PENSION, WANG))).caseId;
    receivedDaysAgo(ids.late, 5);
    receivedDaysAgo(ids.noOriginals, 5);
    receivedDaysAgo(ids.fresh, 3);

    const warnings = await call(supervisor, 'supervision.warnings', {});
    expect(warnings.thresholds).toMatchObject({ dispatchOriginalsDays: 3 });
    const late = warnings.items.filter((w) => w.kind === 'originals_not_dispatched');
    // Three days old is not more than three: only the five-day-old pension case.
    expect(late).toMatchObject([
      { caseId: ids.late, key: `originals_not_dispatched:${ids.late}`, matterId: PENSION, days: 5 },
    ]);
    expect(warnings.counts.originals_not_dispatched).toBe(1);
  });

  it('follows the threshold the supervisor sets, keeping the others, and refuses one out of range', async () => {
    const set = await call(supervisor, 'supervision.setThresholds', {
      originalsDays: 5,
      collectionDays: 10,
      dispatchOriginalsDays: 2,
    });
    expect(set).toEqual({ originalsDays: 5, collectionDays: 10, dispatchOriginalsDays: 2 });
    expect((await itemsOf('originals_not_dispatched')).map((w) => w.caseId).sort()).toEqual(
      [ids.late, ids.fresh].sort(),
    );
    expect(
      await refusal(
        supervisor.request('supervision.setThresholds', {
          originalsDays: 5,
          collectionDays: 10,
          dispatchOriginalsDays: 0,
        }),
      ),
    ).toMatchObject({ code: 'INVALID_INPUT' });
    // Thresholds saved without this one keep its default.
    await call(supervisor, 'supervision.setThresholds', { originalsDays: 5, collectionDays: 10 });
    expect((await call(supervisor, 'supervision.warnings', {})).thresholds.dispatchOriginalsDays).toBe(3);
  });

  it('ends the warning once the originals are mailed, and warns when they are not signed for in time', async () => {
    await record(clerk, ids.late, 'case.originals_dispatched', {
      carrier: 'EMS',
      waybillNo: 'EA123456785CN',
      mailedOn: dayFromToday(0),
      materialIds: ['contribution_certificate', 'application_form'],
    });
    expect((await itemsOf('originals_not_dispatched')).map((w) => w.caseId)).not.toContain(ids.late);
    expect(await itemsOf('originals_not_signed')).toEqual([]);

    // Mailed six days ago, more than the five the supervisor allows, and no signature from the handling place.
    withDb(device.dbFile, (db) =>
      db
        .prepare("UPDATE case_events SET occurred_at = ? WHERE case_id = ? AND type = 'case.originals_dispatched'")
        .run(new Date(Date.now() - 6 * 86_400_000).toISOString(), ids.late),
    );
    expect(await itemsOf('originals_not_signed')).toMatchObject([{ caseId: ids.late, days: 6 }]);
  });
});
