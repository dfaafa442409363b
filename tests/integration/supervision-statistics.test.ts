// Statistics (统计): what the desk of the partner scenario counts of the
// day's arrivals, and exact counts and rates over a hand-made set of cases,
// their consultations, the range refused, and the same numbers exported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcClient } from '../../shared/rpc/client.ts';
import { call, refusal, seedMatter, setUpDevice, startInProcess, withDb, type BackendUnderTest } from './harness.ts';
import {
  caseAt,
  dayFromToday,
  dayOf,
  EMPLOYMENT,
  intakeOf,
  LI,
  OUYANG,
  PENSION,
  readXlsx,
  sheetRows,
  staff,
  WANG,
  ZHANG,
  ZHAO,
  type Staff,
} from './supervision/helpers.ts';
import { partnerScenarioForFile } from './supervision/partner-scenario.ts';

describe('the supervisor of an intake window, and of its partner desk', () => {
  const s = partnerScenarioForFile();

  describe('statistics at the desk', () => {
    it("counts today's arrivals by matter, status, clerk and partner region, and the rating", async () => {
      await caseAt(s.deskSupervisor, s.cases.R.caseId, (d) => d.row.evaluation === 1, 'the rating of R at the desk');
      const stats = await call(s.deskSupervisor, 'supervision.stats', { from: s.today, to: s.today });
      const counts = (rows: { key: string; count: number }[]) => Object.fromEntries(rows.map((r) => [r.key, r.count]));
      expect(stats.total).toBe(5);
      expect(counts(stats.byMatter)).toEqual({ [PENSION]: 4, [EMPLOYMENT]: 1 });
      expect(counts(stats.byStatus)).toEqual({ '1': 3, '3': 1, '5': 1 });
      // Taken in at the other place: no clerk of this desk.
      expect(stats.byClerk).toEqual([{ key: '', label: null, count: 5 }]);
      expect(counts(stats.byRegion)).toEqual({ '360430': 4, '340826': 1 });
      expect(stats.concluded).toBe(0);
      expect(stats.onTheSpot).toEqual({ count: 0, of: 0, rate: null });
      expect(stats.averageHandlingHours).toBeNull();
      expect(stats.evaluations).toEqual({ ratings: [1, 0, 0, 0, 0], total: 1, bad: { count: 1, of: 1, rate: 1 } });
    });
  });
});

// ================================================================ statistics

describe('statistics over a hand-made set of cases', () => {
  let device: BackendUnderTest;
  let supervisor: RpcClient;
  let clerkA: Staff;
  let clerkB: Staff;

  /** An instant in local time in March 2026. */
  const march = (day: number, hour: number, minute = 0): Date => new Date(2026, 2, day, hour, minute);

  // Statistics read only case rows. A year of events cannot be replayed in a
  // test, so each case is taken in for real (matter, clerk, region, applicant)
  // and then given, in its row, when it was received and concluded, its status,
  // deadline and rating — as bench/generate.ts writes rows. The expected
  // numbers are worked out below from this table alone.
  const SET = [
    {
      matter: PENSION,
      clerk: 'A',
      received: march(2, 9),
      concluded: march(2, 9, 30),
      status: 11,
      promised: '2026-03-20',
      rating: 5,
    },
    {
      matter: PENSION,
      clerk: 'A',
      received: march(2, 14),
      concluded: march(2, 17),
      status: 11,
      promised: '2026-03-20',
      rating: 2,
    },
    {
      matter: PENSION,
      clerk: 'B',
      received: march(3, 10),
      concluded: march(10, 10),
      status: 13,
      promised: '2026-03-09',
      rating: 1,
    },
    {
      matter: PENSION,
      clerk: 'B',
      received: march(4, 11),
      concluded: null,
      status: 3,
      promised: '2026-03-30',
      rating: null,
    },
    {
      matter: EMPLOYMENT,
      clerk: 'A',
      received: march(5, 8),
      concluded: march(6, 8),
      status: 11,
      promised: '2026-03-10',
      rating: 4,
    },
    {
      matter: EMPLOYMENT,
      clerk: 'B',
      received: march(6, 15),
      concluded: null,
      status: 1,
      promised: '2026-03-11',
      rating: null,
    },
    // Outside the range asked for: counted nowhere.
    {
      matter: PENSION,
      clerk: 'A',
      received: march(9, 9),
      concluded: march(9, 9, 10),
      status: 11,
      promised: '2026-03-30',
      rating: 1,
    },
    {
      matter: EMPLOYMENT,
      clerk: 'B',
      received: march(1, 9),
      concluded: null,
      status: 1,
      promised: '2026-03-05',
      rating: null,
    },
  ] as const;
  const FROM = '2026-03-02';
  const TO = '2026-03-08';

  beforeAll(async () => {
    device = startInProcess();
    const { admin } = await setUpDevice(device);
    supervisor = (await staff(device, admin, ['supervisor'], '统计主管')).client;
    clerkA = await staff(device, admin, ['intake_clerk'], '甲收件');
    clerkB = await staff(device, admin, ['intake_clerk'], '乙收件');
    const people = [ZHANG, LI, WANG, ZHAO, OUYANG];
    for (const [index, c] of SET.entries()) {
      const clerk = c.clerk === 'A' ? clerkA : clerkB;
      const { caseId } = await call(clerk.client, 'intake.submit', intakeOf(c.matter, people[index % people.length]!));
      withDb(device.dbFile, (db) =>
        db
          .prepare(
            `UPDATE cases SET received_at = ?, received_day = ?, concluded_at = ?, status = ?, promised_deadline = ?,
               evaluation = ? WHERE case_id = ?`,
          )
          .run(
            c.received.toISOString(),
            dayOf(c.received),
            c.concluded?.toISOString() ?? null,
            c.status,
            c.promised,
            c.rating,
            caseId,
          ),
      );
    }
  }, 60_000);
  afterAll(() => device?.stop());

  it('counts and rates exactly the cases received in the range', async () => {
    const inRange = SET.filter((c) => dayOf(c.received) >= FROM && dayOf(c.received) <= TO);
    const concluded = inRange.filter((c) => c.concluded !== null);
    const hours = (c: (typeof SET)[number]) => (c.concluded!.getTime() - c.received.getTime()) / 3_600_000;
    const tally = (keys: string[]) =>
      keys.reduce<Record<string, number>>((t, k) => ({ ...t, [k]: (t[k] ?? 0) + 1 }), {});
    const rated = inRange.filter((c) => c.rating !== null);

    const stats = await call(supervisor, 'supervision.stats', { from: FROM, to: TO });
    const counts = (rows: { key: string; count: number }[]) => Object.fromEntries(rows.map((r) => [r.key, r.count]));
    expect(stats.total).toBe(6);
    expect(counts(stats.byMatter)).toEqual(tally(inRange.map((c) => c.matter)));
    expect(counts(stats.byMatter)).toEqual({ [PENSION]: 4, [EMPLOYMENT]: 2 });
    expect(counts(stats.byStatus)).toEqual({ '11': 3, '13': 1, '3': 1, '1': 1 });
    expect(Object.fromEntries(stats.byClerk.map((r) => [r.label, r.count]))).toEqual(
      tally(inRange.map((c) => (c.clerk === 'A' ? clerkA : clerkB).displayName)),
    );
    expect(stats.byClerk.find((r) => r.label === clerkA.displayName)!.key).toBe(clerkA.userId);
    expect(counts(stats.byRegion)).toEqual({ '421127': 6 });
    // Sorted by count, most first.
    expect(stats.byStatus[0]).toMatchObject({ key: '11', count: 3 });

    expect(stats.concluded).toBe(concluded.length);
    expect(stats.concluded).toBe(4);
    // Within the hour: the first case only.
    expect(stats.onTheSpot).toEqual({ count: 1, of: 4, rate: 0.25 });
    expect(concluded.filter((c) => hours(c) <= 1)).toHaveLength(1);
    // The same local day: the first two.
    expect(stats.sameDay).toEqual({ count: 2, of: 4, rate: 0.5 });
    // By the promised day: all but the third, concluded a day late.
    expect(stats.onTime).toEqual({ count: 3, of: 4, rate: 0.75 });
    // (0.5 + 3 + 168 + 24) / 4 hours where the clocks do not change in March (elapsed time, not wall time).
    const average = concluded.reduce((sum, c) => sum + hours(c), 0) / concluded.length;
    expect(stats.averageHandlingHours).toBeCloseTo(average, 6);
    expect(stats.evaluations).toEqual({
      ratings: [1, 1, 0, 1, 1],
      total: rated.length,
      bad: { count: 2, of: 4, rate: 0.5 },
    });
    expect(stats.consultations).toEqual({ count: 0, minutes: 0 });
  });

  it('counts consultations on their day, and an empty range as empty', async () => {
    await call(clerkA.client, 'consultations.log', { matterId: PENSION, note: '咨询转移流程', minutes: 12 });
    await call(clerkB.client, 'consultations.log', { matterId: null, note: '咨询办公时间', minutes: 3 });
    const today = dayFromToday(0);
    const stats = await call(supervisor, 'supervision.stats', { from: today, to: today });
    expect(stats).toMatchObject({
      total: 0,
      concluded: 0,
      byMatter: [],
      onTime: { count: 0, of: 0, rate: null },
      averageHandlingHours: null,
      consultations: { count: 2, minutes: 15 },
    });
  });

  it('refuses a range that ends before it starts or spans more than three years', async () => {
    expect(await refusal(supervisor.request('supervision.stats', { from: TO, to: FROM }))).toMatchObject({
      code: 'REJECTED',
      reason: 'range_invalid',
      params: { maxDays: 3 * 366 },
    });
    // 3 × 366 days is the longest range; one more is refused.
    await expect(
      call(supervisor, 'supervision.stats', { from: '2024-01-01', to: '2027-01-03' }),
    ).resolves.toMatchObject({
      total: 8,
    });
    expect(
      await refusal(supervisor.request('supervision.stats', { from: '2024-01-01', to: '2027-01-04' })),
    ).toMatchObject({ reason: 'range_invalid' });
    expect(await refusal(supervisor.request('supervision.stats', { from: '2026-3-2', to: TO }))).toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('exports the same numbers to xlsx', async () => {
    const stats = await call(supervisor, 'supervision.stats', { from: FROM, to: TO });
    const file = await call(supervisor, 'supervision.exportStats', { from: FROM, to: TO, format: 'xlsx' });
    const rows = sheetRows((await readXlsx(file.data)).worksheets[0]!);
    expect(rows[0]![0]).toBe('彭泽县政务服务中心通办窗口统计（2026年3月2日至2026年3月8日）· 个人信息已脱敏');
    const value = (label: string) => rows.find((r) => r[0] === label)?.[2];
    expect(value('收件总数')).toBe(stats.total);
    expect(value('办结数')).toBe(stats.concluded);
    expect(rows.find((r) => r[0] === '按时办结率')?.[3]).toBe('75.0%');
    expect(rows.filter((r) => r[0] === '按事项').map((r) => [r[1], r[2]])).toEqual([
      [seedMatter(PENSION).names['zh-CN'], 4],
      [seedMatter(EMPLOYMENT).names['zh-CN'], 2],
    ]);
  });
});
