// 撤件 and 延期 through the real backend. A withdrawal at the intake window:
// recorded with its reason and who asked, the clock stopped, queued for the
// partner, counted in statistics and shown in the ledger; refused with a
// reason naming why once the case has ended, and nothing written. A
// withdrawal at the handling place reaches the window through a real exchange
// server. An extension's new last day is offered before it is sent, and is
// the day the clock then shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../shared/local-time.ts';
import type { RpcClient } from '../../shared/rpc/client.ts';
import type { CaseDetail } from '../../shared/rpc/contract.ts';
import {
  AGENT,
  call,
  countRows,
  pensionTransfer,
  refusal,
  seedIntake,
  setUpDevice,
  staffClient,
  startInProcess,
  until,
  windowAndDesk,
  withDb,
  type BackendUnderTest,
  type Place,
} from './harness.ts';

const REASON = '申请人已在参保地办理，不再需要转移。';
const asApplicant = { reason: REASON, requestedBy: 'applicant', side: 'intake' } as const;

describe('a withdrawal at the intake window', () => {
  let device: BackendUnderTest;
  let clerk: RpcClient;
  let supervisor: RpcClient;
  const today = localDay(new Date());

  beforeAll(async () => {
    device = startInProcess();
    const { admin } = await setUpDevice(device);
    clerk = await staffClient(device, admin, ['intake_clerk']);
    supervisor = await staffClient(device, admin, ['supervisor']);
  });
  afterAll(() => device.stop());

  const record = (caseId: string, payload: unknown) =>
    clerk.request('cases.record', { caseId, type: 'case.withdrawn', payload } as never);

  it('is recorded with its reason, ends the case, stops its clock and waits for the partner', async () => {
    const { caseId, caseNo } = await call(clerk, 'intake.submit', pensionTransfer());
    expect((await call(clerk, 'cases.get', { caseId })).nextActions).toContain('case.withdrawn');
    const before = countRows(device.dbFile, ['case_events', 'outbox_events']);
    expect(await call(clerk, 'cases.record', { caseId, type: 'case.withdrawn', payload: asApplicant })).toMatchObject({
      status: 2,
    });
    expect(countRows(device.dbFile, ['case_events', 'outbox_events'])).toEqual({
      case_events: before.case_events! + 1,
      outbox_events: before.outbox_events! + 1,
    });
    const detail = await call(clerk, 'cases.get', { caseId });
    expect(detail.row).toMatchObject({ status: 2, syncState: 'queued', clockState: 'stopped' });
    expect(detail.clock).toMatchObject({ state: 'stopped', acceptanceDecision: null, mark: 'none' });
    expect(detail.timeline.at(-1)).toMatchObject({
      type: 'case.withdrawn',
      role: 'intake_clerk',
      details: asApplicant,
    });
    // A note may still pass between the places; nothing else is offered.
    expect(detail.nextActions).toEqual(['case.note_added']);
    expect(detail.correctionMark).toMatchObject({ state: 'met' });

    const stats = await call(supervisor, 'supervision.stats', { from: today, to: today });
    expect(stats.withdrawn).toBe(1);
    expect(stats.concluded).toBe(0);
    const ledger = await call(supervisor, 'supervision.ledger', { day: today });
    const row = ledger.rows.find((r) => r.caseNo === caseNo)!;
    expect(row).toMatchObject({ status: 2, deadline: null, mark: 'none' });
    expect(row.activities.map((a) => a.type)).toContain('case.withdrawn');
    const warnings = await call(supervisor, 'supervision.warnings', {});
    expect(warnings.items.filter((w) => w.caseId === caseId)).toEqual([]);

    // Withdrawn once is withdrawn: the second is refused by name.
    const unchanged = countRows(device.dbFile);
    expect(await refusal(record(caseId, asApplicant))).toMatchObject({ reason: 'withdrawal_repeated' });
    expect(countRows(device.dbFile)).toEqual(unchanged);
  });

  it.each([
    [11, 'withdrawal_after_conclusion'],
    [12, 'withdrawal_after_conclusion'],
    [13, 'withdrawal_after_conclusion'],
    [5, 'withdrawal_after_refusal'],
  ] as const)('is refused once the case has ended (status %i: %s), writing nothing', async (status, reason) => {
    const { caseId } = await call(clerk, 'intake.submit', pensionTransfer());
    // The partner's decision, as if pulled: the status is what the window's own check reads.
    withDb(device.dbFile, (db) => db.prepare('UPDATE cases SET status = ? WHERE case_id = ?').run(status, caseId));
    const before = countRows(device.dbFile);
    expect(await refusal(record(caseId, asApplicant))).toMatchObject({ code: 'REJECTED', reason });
    expect(countRows(device.dbFile)).toEqual(before);
    expect((await call(clerk, 'cases.get', { caseId })).nextActions).not.toContain('case.withdrawn');
  });

  it('refuses a withdrawal without a reason, by an agent the case lacks, or naming the other place', async () => {
    const { caseId } = await call(clerk, 'intake.submit', pensionTransfer());
    const before = countRows(device.dbFile);
    expect(await refusal(record(caseId, { ...asApplicant, reason: '   ' }))).toMatchObject({
      reason: 'invalid_payload',
      params: { field: 'reason' },
    });
    expect(await refusal(record(caseId, { ...asApplicant, requestedBy: 'agent' }))).toMatchObject({
      reason: 'withdrawal_no_agent',
    });
    expect(await refusal(record(caseId, { ...asApplicant, side: 'handling' }))).toMatchObject({
      reason: 'withdrawal_side_wrong',
    });
    expect(countRows(device.dbFile)).toEqual(before);
    expect((await call(clerk, 'cases.get', { caseId })).row.status).toBe(1);
  });

  it("takes the agent's request on a case with an agent", async () => {
    const { caseId } = await call(
      clerk,
      'intake.submit',
      pensionTransfer({ agent: { ...AGENT, powerOfAttorney: 'original_kept' } }),
    );
    expect((await record(caseId, { ...asApplicant, requestedBy: 'agent' })).ok).toBe(true);
  });
});

describe('a withdrawal at the handling place, and an extension previewed', () => {
  let places: Awaited<ReturnType<typeof windowAndDesk>>;
  let window: Place;
  let desk: Place;

  beforeAll(async () => {
    places = await windowAndDesk();
    ({ window, desk } = places);
  });
  afterAll(async () => places?.stop());

  const atDesk = (caseId: string, done: (d: CaseDetail) => boolean, what: string) =>
    until(
      async () => {
        const found = await desk.staff.request('cases.get', { caseId });
        return found.ok ? found.value : null;
      },
      (d) => d !== null && done(d),
      what,
    ) as Promise<CaseDetail>;

  it('is recorded by the officer under review and seen at the window, where the case ends too', async () => {
    const { caseId } = await call(window.staff, 'intake.submit', pensionTransfer());
    await atDesk(caseId, () => true, 'the case at the desk');
    await call(desk.staff, 'cases.record', { caseId, type: 'case.accepted', payload: { acceptanceNo: 'HM-1' } });
    const wrongSide = await refusal(
      desk.staff.request('cases.record', { caseId, type: 'case.withdrawn', payload: asApplicant } as never),
    );
    expect(wrongSide.reason).toBe('withdrawal_side_wrong');
    await call(desk.staff, 'cases.record', {
      caseId,
      type: 'case.withdrawn',
      payload: { ...asApplicant, side: 'handling' },
    });
    const seen = await until(
      () => call(window.staff, 'cases.get', { caseId }),
      (d) => d.row.status === 2,
      'the withdrawal at the window',
    );
    expect(seen.timeline.at(-1)).toMatchObject({ type: 'case.withdrawn', details: { side: 'handling' } });
    expect(seen.clock).toMatchObject({ state: 'stopped' });
    expect(seen.nextActions).not.toContain('case.withdrawn');
  });

  it('offers the new last day of each extension the law allows, the day the clock then shows', async () => {
    // Labour arbitration: 45 calendar days to the award, extendable once by at most 15.
    const { caseId } = await call(
      window.staff,
      'intake.submit',
      seedIntake('KST-LAB-002', {
        formData: {
          respondent_name: '某某物流有限公司',
          respondent_address: '黄梅县某路 1 号',
          respondent_count: 1,
          claims: '支付拖欠工资。',
        },
      }),
    );
    await atDesk(caseId, () => true, 'the arbitration case at the desk');
    await call(desk.staff, 'cases.record', { caseId, type: 'case.accepted', payload: { acceptanceNo: 'HM-2' } });
    const before = await call(desk.staff, 'cases.get', { caseId });
    expect(before.extensionDates.map((d) => d.count)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    const offered = before.extensionDates.find((d) => d.count === 10)!.date;
    expect(offered > before.clock!.statutory!.date).toBe(true);
    // The window cannot extend: nothing is previewed there.
    expect((await call(window.staff, 'cases.get', { caseId })).extensionDates).toEqual([]);

    const tooLong = await refusal(
      desk.staff.request('cases.record', {
        caseId,
        type: 'case.deadline_extended',
        payload: { count: 16, reason: '案情复杂。', legalBasis: '劳动争议调解仲裁法第四十三条' },
      } as never),
    );
    expect(tooLong).toMatchObject({ reason: 'extension_too_long', params: { max: 15 } });
    const noBasis = await refusal(
      desk.staff.request('cases.record', {
        caseId,
        type: 'case.deadline_extended',
        payload: { count: 10, reason: '案情复杂。', legalBasis: ' ' },
      } as never),
    );
    expect(noBasis).toMatchObject({ reason: 'invalid_payload', params: { field: 'legalBasis' } });

    await call(desk.staff, 'cases.record', {
      caseId,
      type: 'case.deadline_extended',
      payload: { count: 10, reason: '案情复杂。', legalBasis: '劳动争议调解仲裁法第四十三条' },
    });
    const after = await call(desk.staff, 'cases.get', { caseId });
    expect(after.clock!.statutory!.date).toBe(offered);
    expect(after.extensionDates).toEqual([]);
  });
});
