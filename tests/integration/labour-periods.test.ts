// Labour-dispute periods at the backend level: an arbitration application
// taken in at a 360430 window reaches a 421127 desk through a real exchange
// server. Its clock counts calendar days (劳动争议调解仲裁法), not working days:
// five days to decide on acceptance, forty-five to the award, extendable once
// by fifteen with the legal basis, and no further.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, addWorkingDays, SEED_CALENDAR } from '../../shared/catalog/calendar.ts';
import { SEED_CATALOG } from '../../shared/catalog/seed.ts';
import type { RpcClient } from '../../shared/rpc/client.ts';
import { localDay } from '../../shared/local-time.ts';
import type { CaseDetail } from '../../shared/rpc/contract.ts';
import {
  call,
  pensionTransfer,
  placeAt,
  refusal,
  seedIntake,
  setUpDevice,
  staffClient,
  startInProcess,
  startListeningServer,
  until,
  type BackendUnderTest,
  type ListeningServer,
  type Place,
} from './harness.ts';

const ARBITRATION = 'KST-LAB-002';

const localToday = (): string => localDay(new Date());

describe('labour-dispute periods in calendar days, from intake to an extended award deadline', () => {
  let server: ListeningServer;
  let window: Place;
  let desk: Place;
  let caseId: string;
  const today = localToday();

  const get = (at: Place): Promise<CaseDetail> => call(at.staff, 'cases.get', { caseId });
  const record = (type: string, payload: unknown) =>
    desk.staff.request('cases.record', { caseId, type, payload } as never);

  beforeAll(async () => {
    server = await startListeningServer();
    window = await placeAt(server, undefined, ['intake_clerk'], {
      kind: 'intake',
      regionCode: '360430',
      matterIds: [],
    });
    desk = await placeAt(
      server,
      { name: '黄梅县劳动人事争议仲裁院', regionCode: '421127', hall: '黄梅县政务服务中心', windowNo: '01' },
      ['handling_officer'],
      { kind: 'acceptance', regionCode: '421127', matterIds: [] },
    );
  });
  afterAll(async () => {
    for (const at of [window, desk]) await at?.device.stop();
    await server?.close();
  });

  it('gives the window five calendar days for the decision on acceptance, and an award estimate in calendar days', async () => {
    // Handled where the labour contract is performed or the employer is: here, Huangmei.
    caseId = (
      await call(
        window.staff,
        'intake.submit',
        seedIntake(ARBITRATION, {
          formData: {
            respondent_name: '某某物流有限公司',
            respondent_address: '黄梅县某路 1 号',
            respondent_count: 1,
            claims: '支付拖欠工资。',
          },
        }),
      )
    ).caseId;
    const taken = await get(window);
    const award = addCalendarDays(today, 45, SEED_CALENDAR);
    expect(taken.row.statutoryDeadline).toBe(award.date);
    expect(taken.row.statutoryDeadline).not.toBe(addWorkingDays(today, 45, SEED_CALENDAR).date);
    expect(taken.row.deadlineProvisional).toBe(award.provisional);
    expect(taken.clock).toMatchObject({
      state: 'not_started',
      unit: 'calendar_days',
      acceptanceDecision: { date: addCalendarDays(today, 5, SEED_CALENDAR).date },
    });
  });

  it('counts the award from acceptance in calendar days; an extension beyond 15 days is refused and nothing written', async () => {
    await until(
      async () => (await desk.staff.request('cases.get', { caseId })).ok,
      (ok) => ok,
      'the case at the desk',
    );
    expect((await get(desk)).nextActions).not.toContain('case.deadline_extended');
    expect((await record('case.accepted', { acceptanceNo: '黄劳人仲案字〔2026〕1号' })).ok).toBe(true);
    const accepted = await get(desk);
    expect(accepted.clock).toMatchObject({
      state: 'running',
      unit: 'calendar_days',
      acceptanceDecision: null,
      statutory: { date: addCalendarDays(today, 45, SEED_CALENDAR).date },
    });
    expect(accepted.nextActions).toContain('case.deadline_extended');

    const basis = '劳动争议调解仲裁法第四十三条，经仲裁委员会主任批准';
    const tooLong = await refusal(
      record('case.deadline_extended', { count: 16, reason: '案情复杂。', legalBasis: basis }),
    );
    expect(tooLong).toMatchObject({ reason: 'extension_too_long', params: { max: 15, context: 'calendar_days' } });
    expect((await get(desk)).timeline.map((e) => e.type)).not.toContain('case.deadline_extended');

    expect((await record('case.deadline_extended', { count: 15, reason: '案情复杂。', legalBasis: basis })).ok).toBe(
      true,
    );
    const extended = await get(desk);
    expect(extended.clock).toMatchObject({
      extendedBy: 15,
      statutory: { date: addCalendarDays(today, 60, SEED_CALENDAR).date },
    });
    expect(extended.row.statutoryDeadline).toBe(addCalendarDays(today, 60, SEED_CALENDAR).date);
    expect(extended.nextActions).not.toContain('case.deadline_extended');
    const again = await refusal(
      record('case.deadline_extended', { count: 1, reason: '再次延期。', legalBasis: basis }),
    );
    expect(again).toMatchObject({ reason: 'extension_used', params: { times: 1 } });

    // The window follows: the extension is an event of the shared state machine, synced back.
    const atWindow = await until(
      () => get(window),
      (d) => d.timeline.some((e) => e.type === 'case.deadline_extended'),
      'the extension at the window',
    );
    expect(atWindow.clock).toMatchObject({ extendedBy: 15, unit: 'calendar_days' });
  });

  it('refuses an extension where the matter allows none', async () => {
    const pension = (await call(window.staff, 'intake.submit', pensionTransfer())).caseId;
    await until(
      async () => (await desk.staff.request('cases.get', { caseId: pension })).ok,
      (ok) => ok,
      'the pension case at the desk',
    );
    await call(desk.staff, 'cases.record', {
      caseId: pension,
      type: 'case.accepted',
      payload: { acceptanceNo: 'HM-1' },
    } as never);
    const refused = await refusal(
      desk.staff.request('cases.record', {
        caseId: pension,
        type: 'case.deadline_extended',
        payload: { count: 5, reason: '需要更多时间。', legalBasis: '无' },
      } as never),
    );
    expect(refused.reason).toBe('extension_not_allowed');
  });
});

describe('a catalog import without limit units', () => {
  let device: BackendUnderTest;
  let admin: RpcClient;
  beforeAll(async () => {
    device = startInProcess();
    ({ admin } = await setUpDevice(device));
  });
  afterAll(async () => device?.stop());

  it('keeps working for working-day matters and refuses a labour matter, writing nothing', async () => {
    const published = {
      ...SEED_CATALOG,
      version: '2026.2',
      matters: SEED_CATALOG.matters.map((m) => ({ ...m, limits: { ...m.limits, unit: undefined } })),
    };
    const refused = await refusal(admin.request('catalog.import', { fileText: JSON.stringify(published) }));
    expect(refused.reason).toBe('catalog_invalid');
    expect(refused.params?.detail).toContain('KST-LAB-001 is a labour-dispute matter');
    expect((await call(admin, 'catalog.list', {})).map((c) => c.version)).toEqual([SEED_CATALOG.version]);

    const workingDaysOnly = {
      ...published,
      matters: published.matters.filter((m) => m.category !== 'labour_arbitration'),
    };
    expect(await call(admin, 'catalog.import', { fileText: JSON.stringify(workingDaysOnly) })).toEqual({
      issuer: SEED_CATALOG.issuer,
      version: '2026.2',
      matters: workingDaysOnly.matters.length,
    });
    const installed = await call(admin, 'catalog.list', {});
    expect(installed.map((c) => c.version)).toEqual(['2026.2']);
    expect(installed[0]!.matters.every((m) => m.limits.unit === undefined)).toBe(true);
  });

  it("counts an open case's clock again when an import changes its matter's unit", async () => {
    const clerk = await staffClient(device, admin, ['intake_clerk']);
    const { caseId } = await call(clerk, 'intake.submit', pensionTransfer());
    const today = localToday();
    expect((await call(clerk, 'cases.get', { caseId })).row.promisedDeadline).toBe(
      addWorkingDays(today, 45, SEED_CALENDAR).date,
    );
    const inCalendarDays = {
      ...SEED_CATALOG,
      version: '2026.3',
      matters: SEED_CATALOG.matters.map((m) =>
        m.id === 'KST-SI-004' ? { ...m, limits: { ...m.limits, unit: 'calendar_days' } } : m,
      ),
    };
    await call(admin, 'catalog.import', { fileText: JSON.stringify(inCalendarDays) });
    const recounted = await call(clerk, 'cases.get', { caseId });
    expect(recounted.row.promisedDeadline).toBe(addCalendarDays(today, 45, SEED_CALENDAR).date);
    expect(recounted.clock).toMatchObject({ unit: 'calendar_days' });
  });
});
