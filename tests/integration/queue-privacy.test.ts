// 排队号 and 个人信息处理告知 at intake: the ticket and its times kept with the
// case, the privacy notice acknowledged (which version, when, what it said),
// bad input refused with nothing written, and the waiting and serving times
// of the ledger, the statistics and their exports.
import { describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '../../shared/case/privacy-notice.ts';
import { localDay } from '../../shared/local-time.ts';
import { parseCsv } from './csv.ts';
import {
  call,
  createUser,
  login,
  pensionTransfer,
  refusal,
  setUpDevice,
  startInProcess,
  TEST_PRIVACY,
  withDb,
  type Submission,
} from './harness.ts';
import { expectNothingWritten, intakeBackend } from './intake-backend.ts';

const site = intakeBackend();
const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();
const ack = () => ({ version: PRIVACY_NOTICE_VERSION, acknowledgedAt: minutesAgo(1) });

function withTicket(number: string, takenAt: string | undefined, startedAt: string): Submission {
  return pensionTransfer({ queueTicket: { number, ...(takenAt ? { takenAt } : {}) }, startedAt });
}

describe('a queue ticket and the privacy notice at intake', () => {
  it('keeps the ticket, normalised, with its times and the notice acknowledged as it read', async () => {
    const client = await site.clerk();
    const takenAt = minutesAgo(40);
    const startedAt = minutesAgo(25);
    const acknowledged = ack();
    const { caseId } = await call(client, 'intake.submit', {
      ...withTicket(' a-023 ', takenAt, startedAt),
      privacyNotice: acknowledged,
    });
    const detail = await call(client, 'cases.get', { caseId });
    expect(detail.queueTicket).toEqual({ number: 'A023', takenAt, startedAt });
    expect(detail.privacyNotice).toEqual({ ...acknowledged, ...TEST_PRIVACY });
    const row = withDb(site.backend.dbFile, (db) =>
      db
        .prepare(
          `SELECT queue_ticket, privacy_notice_version, privacy_retention_years, privacy_contact
           FROM cases WHERE case_id = ?`,
        )
        .get(caseId),
    );
    expect(row).toEqual({
      queue_ticket: 'A023',
      privacy_notice_version: PRIVACY_NOTICE_VERSION,
      privacy_retention_years: TEST_PRIVACY.retentionYears,
      privacy_contact: TEST_PRIVACY.contact,
    });
  });

  it('takes a case without a ticket; it has no queue times', async () => {
    const client = await site.clerk();
    const { caseId } = await call(client, 'intake.submit', pensionTransfer());
    expect((await call(client, 'cases.get', { caseId })).queueTicket).toBeNull();
  });

  const now = new Date();
  const later = (minutes: number): string => new Date(now.getTime() + minutes * 60_000).toISOString();
  const refused: [string, Submission, string][] = [
    ['a ticket of digits only', withTicket('023', undefined, minutesAgo(5)), 'queue_ticket_invalid'],
    ['a ticket with digits before its letters', withTicket('23A', undefined, minutesAgo(5)), 'queue_ticket_invalid'],
    ['a ticket too long', withTicket('ABC123456', undefined, minutesAgo(5)), 'queue_ticket_invalid'],
    ['a ticket with other characters', withTicket('A0#3', undefined, minutesAgo(5)), 'queue_ticket_invalid'],
    [
      'a ticket taken after the intake started',
      withTicket('A024', minutesAgo(2), minutesAgo(10)),
      'queue_ticket_taken_after_start',
    ],
    ['a ticket taken in the future', withTicket('A025', later(30), minutesAgo(10)), 'queue_ticket_taken_in_future'],
    ['an intake started in the future', withTicket('A026', minutesAgo(10), later(30)), 'intake_started_in_future'],
    [
      'no acknowledgement of the privacy notice',
      { ...pensionTransfer(), privacyNotice: undefined },
      'privacy_notice_not_acknowledged',
    ],
    [
      'an acknowledgement of another version',
      pensionTransfer({ privacyNotice: { version: '2020.1', acknowledgedAt: minutesAgo(1) } }),
      'privacy_notice_outdated',
    ],
  ];

  it.each(refused)('refuses %s, and writes nothing', async (_name, submission, reason) => {
    const client = await site.clerk();
    await expectNothingWritten(site.backend, async () => {
      expect(await refusal(client.request('intake.submit', submission))).toMatchObject({ code: 'REJECTED', reason });
    });
  });
});

describe('the privacy notice settings', () => {
  it('refuses intake until they are set, refuses bad values by name, and a later change keeps what a case said', async () => {
    const backend = startInProcess();
    try {
      const { admin } = await setUpDevice(backend, undefined, null);
      const clerk = (await login(backend, await createUser(admin, ['intake_clerk']))).client;
      expect(await call(clerk, 'privacy.settings', {})).toBeNull();
      expect(await refusal(clerk.request('intake.submit', pensionTransfer()))).toMatchObject({
        reason: 'privacy_notice_not_configured',
      });

      for (const retentionYears of [0, 101, 2.5]) {
        expect(
          await refusal(admin.request('privacy.setSettings', { retentionYears, contact: TEST_PRIVACY.contact })),
        ).toMatchObject({ reason: 'privacy_retention_invalid' });
      }
      for (const contact of ['123', ' '.repeat(10), '电'.repeat(201)]) {
        expect(await refusal(admin.request('privacy.setSettings', { retentionYears: 30, contact }))).toMatchObject({
          reason: 'privacy_contact_invalid',
        });
      }
      expect(await call(clerk, 'privacy.settings', {})).toBeNull();
      // Only the administrator sets them.
      expect(await refusal(clerk.request('privacy.setSettings', TEST_PRIVACY))).toMatchObject({
        code: 'PERMISSION_DENIED',
      });

      expect(await call(admin, 'privacy.setSettings', { retentionYears: 30, contact: ' 0792-4567890 ' })).toEqual({
        retentionYears: 30,
        contact: '0792-4567890',
      });
      const { caseId } = await call(clerk, 'intake.submit', pensionTransfer());
      await call(admin, 'privacy.setSettings', { retentionYears: 10, contact: '彭泽县政务服务中心 0792-1111111' });
      expect((await call(clerk, 'cases.get', { caseId })).privacyNotice).toMatchObject({
        retentionYears: 30,
        contact: '0792-4567890',
      });
      expect(await call(clerk, 'privacy.settings', {})).toEqual({
        retentionYears: 10,
        contact: '彭泽县政务服务中心 0792-1111111',
      });
    } finally {
      await backend.stop();
    }
  });
});

describe('waiting and serving times', () => {
  it("shows each case's ticket and times in today's ledger, and in its export", async () => {
    const client = await site.clerk();
    const startedAt = minutesAgo(8);
    const { caseId } = await call(client, 'intake.submit', withTicket('B107', minutesAgo(23), startedAt));
    const admin = await site.backend.connect(site.adminToken);
    const supervisor = (await login(site.backend, await createUser(admin, ['supervisor']))).client;
    const day = localDay(new Date());
    const ledger = await call(supervisor, 'supervision.ledger', { day });
    const row = ledger.rows.find((r) => r.caseId === caseId)!;
    const receivedAt = withDb(site.backend.dbFile, (db) =>
      db.prepare('SELECT received_at AS at FROM cases WHERE case_id = ?').get(caseId),
    ) as { at: string };
    expect(row.queueTicket).toBe('B107');
    expect(row.waitingMinutes).toBeCloseTo(15, 6);
    expect(row.servingMinutes).toBeCloseTo((Date.parse(receivedAt.at) - Date.parse(startedAt)) / 60_000, 6);

    const file = await call(supervisor, 'supervision.exportLedger', { day, format: 'csv' });
    const rows = parseCsv(Buffer.from(file.data, 'base64').subarray(3).toString('utf8'));
    expect(rows[0]!.slice(-3)).toEqual(['排队号', '等候（分钟）', '办理（分钟）']);
    expect(rows.find((r) => r[0] === row.caseNo)!.slice(-3)).toEqual([
      'B107',
      '15',
      String(Number(row.servingMinutes!.toFixed(1))),
    ]);
  });

  it('averages and takes the 90th percentile of the cases whose two ends are known', async () => {
    const client = await site.clerk();
    // Taken in for real, then moved to a day of their own with hand-made times, as the
    // statistics tests do: waiting 5, 10, …, 50 minutes (ten tickets), serving 3…12,
    // one case with a ticket but no time on it (serving only), one with neither.
    const day = '2026-03-02';
    const base = Date.parse('2026-03-02T01:00:00.000Z');
    const at = (minutes: number): string => new Date(base + minutes * 60_000).toISOString();
    const made: { waiting: number | null; serving: number | null }[] = [
      ...Array.from({ length: 10 }, (_, i) => ({ waiting: 5 * (i + 1), serving: i + 3 })),
      { waiting: null, serving: 20 },
      { waiting: null, serving: null },
    ];
    for (const times of made) {
      const { caseId } = await call(client, 'intake.submit', pensionTransfer());
      const start = 60;
      withDb(site.backend.dbFile, (db) =>
        db
          .prepare(
            `UPDATE cases SET received_day = ?, received_at = ?, queue_ticket = 'A1', ticket_taken_at = ?,
               intake_started_at = ? WHERE case_id = ?`,
          )
          .run(
            day,
            at(start + (times.serving ?? 0)),
            times.waiting === null ? null : at(start - times.waiting),
            times.serving === null ? null : at(start),
            caseId,
          ),
      );
    }
    const admin = await site.backend.connect(site.adminToken);
    const supervisor = (await login(site.backend, await createUser(admin, ['supervisor']))).client;
    const stats = await call(supervisor, 'supervision.stats', { from: day, to: day });
    // Waiting: 5…50, mean 27.5, nearest rank 9 of 10 = 45. Serving: 3…12 and 20, mean 95/11, rank 10 of 11 = 12.
    expect(stats.queue).toEqual({
      waiting: { count: 10, averageMinutes: 27.5, p90Minutes: 45 },
      serving: { count: 11, averageMinutes: 95 / 11, p90Minutes: 12 },
    });

    const file = await call(supervisor, 'supervision.exportStats', { from: day, to: day, format: 'csv' });
    const rows = parseCsv(Buffer.from(file.data, 'base64').subarray(3).toString('utf8'));
    const queueRows = rows.filter((r) => r[0]!.startsWith('等候时间') || r[0]!.startsWith('办理时间'));
    expect(queueRows.map((r) => [r[1], r[2]])).toEqual([
      ['件数', '10'],
      ['平均（分钟）', '27.5'],
      ['90% 不超过（分钟）', '45'],
      ['件数', '11'],
      ['平均（分钟）', '8.6'],
      ['90% 不超过（分钟）', '12'],
    ]);
  });
});
