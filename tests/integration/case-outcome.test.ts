// How a case's clock ends, read four ways at the real acceptance desk: the
// case's detail, its row in the list, its row in the day's ledger and the
// day's statistics. A refusal (不予受理) ends the clock as a refusal — no
// promised date, never "on time", no conclusion counted — while a case
// accepted and concluded the same day is concluded on time everywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockOutcome } from '../../shared/case/outcome.ts';
import { localDay } from '../../shared/local-time.ts';
import type { CaseDetail, CaseRow } from '../../shared/rpc/contract.ts';
import {
  call,
  HUANGMEI_DESK,
  pensionTransfer,
  placeAt,
  startListeningServer,
  until,
  type ListeningServer,
  type Place,
} from './harness.ts';

describe('the end of a case clock, as every view reads it', () => {
  let server: ListeningServer;
  let window: Place;
  let desk: Place;
  const today = localDay(new Date());

  const arrived = (caseId: string) =>
    until(
      async () => {
        const found = await desk.staff.request('cases.get', { caseId });
        return found.ok ? found.value : null;
      },
      (d) => d !== null,
      'the case at the desk',
    ) as Promise<CaseDetail>;
  const record = (caseId: string, type: string, payload: unknown) =>
    call(desk.staff, 'cases.record', { caseId, type, payload } as never);

  /** The four reads of one case at the desk, each with the outcome the shared rule gives it. */
  async function readEverywhere(caseId: string) {
    const detail = await call(desk.staff, 'cases.get', { caseId });
    const listed = (await call(desk.staff, 'cases.list', { origin: 'inbox' })).rows.find((r) => r.caseId === caseId)!;
    const ledgerRow = (await call(desk.staff, 'supervision.ledger', { day: today })).rows.find(
      (r) => r.caseId === caseId,
    )!;
    const concluded = detail.timeline.find((e) => e.type.startsWith('case.concluded_'));
    const ofRow = (row: CaseRow, concludedDay: string | null) =>
      clockOutcome({
        status: row.status,
        concludedDay,
        promised: row.promisedDeadline,
        statutory: row.statutoryDeadline,
      });
    return {
      detail,
      listed,
      ledgerRow,
      outcomes: {
        detail: ofRow(detail.row, concluded ? localDay(new Date(concluded.occurredAt)) : null),
        list: ofRow(listed, null),
        ledger: clockOutcome({
          status: ledgerRow.status,
          concludedDay: null,
          promised: ledgerRow.deadline,
          statutory: null,
        }),
      },
    };
  }

  beforeAll(async () => {
    server = await startListeningServer();
    window = await placeAt(server, undefined, ['intake_clerk'], {
      kind: 'intake',
      regionCode: '360430',
      matterIds: [],
    });
    desk = await placeAt(server, HUANGMEI_DESK, ['handling_officer', 'supervisor'], {
      kind: 'acceptance',
      regionCode: HUANGMEI_DESK.regionCode,
      matterIds: [],
    });
  }, 60_000);
  afterAll(async () => {
    for (const place of [window, desk]) await place?.device.stop();
    await server?.close();
  });

  it('a refusal ends the clock as a refusal in the detail, the list, the ledger and the statistics', async () => {
    const { caseId } = await call(window.staff, 'intake.submit', pensionTransfer());
    const before = await arrived(caseId);
    // Before the decision the case has a promised date, as its receipt gave it.
    expect(before.row.promisedDeadline).not.toBeNull();

    await record(caseId, 'case.not_accepted', {
      reasons: ['申请事项不属于本机关职权范围。'],
      remedies: [
        { kind: 'administrative_reconsideration', body: '黄梅县人民政府', withinDays: 60 },
        { kind: 'administrative_litigation', body: '黄梅县人民法院', period: { value: 6, unit: 'months' } },
      ],
    });
    const { detail, listed, ledgerRow, outcomes } = await readEverywhere(caseId);
    expect(detail.row).toMatchObject({ status: 5, clockState: 'stopped', mark: 'none' });
    expect(listed).toMatchObject({ status: 5, clockState: 'stopped', mark: 'none' });
    expect(outcomes).toEqual({ detail: 'not_accepted', list: 'not_accepted', ledger: 'not_accepted' });
    // The ledger (and its exports) shows no date to meet.
    expect(ledgerRow).toMatchObject({ status: 5, deadline: null, mark: 'none' });

    const stats = await call(desk.staff, 'supervision.stats', { from: today, to: today });
    expect(stats.byStatus).toEqual([{ key: '5', label: null, count: 1 }]);
    expect(stats.concluded).toBe(0);
    expect(stats.onTime).toEqual({ count: 0, of: 0, rate: null });
  });

  it('a case concluded within its promise is concluded on time everywhere, and only it counts', async () => {
    const { caseId } = await call(window.staff, 'intake.submit', pensionTransfer());
    await arrived(caseId);
    await record(caseId, 'case.accepted', { acceptanceNo: 'HM-RS-2026-000301' });
    await record(caseId, 'case.concluded_approved', { resultDocuments: [] });

    const { ledgerRow, outcomes } = await readEverywhere(caseId);
    expect(outcomes.detail).toBe('on_time');
    // The list and the ledger do not carry the day of the conclusion: a conclusion, shown with its date.
    expect(outcomes).toMatchObject({ list: 'concluded', ledger: 'concluded' });
    expect(ledgerRow.deadline).not.toBeNull();

    const stats = await call(desk.staff, 'supervision.stats', { from: today, to: today });
    expect(stats.concluded).toBe(1);
    expect(stats.onTime).toEqual({ count: 1, of: 1, rate: 1 });
    expect(stats.sameDay).toEqual({ count: 1, of: 1, rate: 1 });
  });
});
