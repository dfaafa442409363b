// The day most supervision tests read, against real backends with their own
// SQLite files around a real exchange server. An intake window of 360430 and
// one of 340826 send cases to a desk of 421127, which decides some of them;
// the window rates one badly and logs two consultations. Each test file
// builds its own, so a file's tests see only their own changes.
import { afterAll, beforeAll } from 'vitest';
import type { RpcClient } from '../../../shared/rpc/client.ts';
import type { MethodOutput } from '../../../shared/rpc/contract.ts';
import {
  addRemoteAt,
  call,
  setUpDevice,
  staffClient,
  startInProcess,
  startListeningServer,
  withDb,
  type BackendUnderTest,
} from '../harness.ts';
import {
  caseAt,
  dayFromToday,
  EMPLOYMENT,
  intakeOf,
  LI,
  OUYANG,
  PENSION,
  record,
  staff,
  WANG,
  ZHANG,
  ZHAO,
  type Ledger,
  type Staff,
} from './helpers.ts';

type CaseRef = { caseId: string; caseNo: string };

export interface PartnerScenario {
  today: string;
  yesterday: string;
  /** The intake window of 360430, its administrator, two clerks (who also hand out results), a supervisor and an auditor. */
  window: BackendUnderTest;
  windowAdmin: RpcClient;
  clerk1: Staff;
  clerk2: Staff;
  supervisor: Staff;
  auditor: RpcClient;
  /** At the acceptance desk of 421127: two handling officers and a supervisor. */
  officer1: Staff;
  officer2: Staff;
  deskSupervisor: RpcClient;
  /** The window's cases: O was taken in yesterday (see below), A, B and R today; P at the other window. */
  cases: Record<'O' | 'A' | 'B' | 'R' | 'P', CaseRef>;
  stop(): Promise<void>;
}

/** The scenario as a test file reads it, with the two reads most of its tests make. */
export interface ScenarioForTests extends PartnerScenario {
  /** Today's ledger (台账) as this user sees it, with these filters. */
  ledger(client: RpcClient, filter?: Record<string, unknown>): Promise<Ledger>;
  /** The window's audit entries of one action, as its auditor reads them. */
  auditOf(action: string): Promise<MethodOutput<'audit.list'>['rows']>;
}

/**
 * Builds the scenario before the tests of the file that calls it and stops it
 * after them. The object returned is filled in once it is built, so tests read
 * it as they run (`s.today`), not when the file is loaded.
 */
export function partnerScenarioForFile(): ScenarioForTests {
  let started: PartnerScenario | undefined;
  const s = {
    ledger: (client, filter = {}) => call(client, 'supervision.ledger', { day: s.today, ...filter } as never),
    auditOf: async (action) => (await call(s.auditor, 'audit.list', { action })).rows,
  } as ScenarioForTests;
  beforeAll(async () => {
    started = await startPartnerScenario();
    Object.assign(s, started);
  }, 120_000);
  afterAll(() => started?.stop());
  return s;
}

/** Sets the scenario up; on a failure half-way, stops what it had started. */
export async function startPartnerScenario(): Promise<PartnerScenario> {
  const started: { stop(): Promise<void> }[] = [];
  const stop = async (): Promise<void> => {
    for (const each of started.splice(0).reverse()) await each.stop();
  };
  try {
    return await build(started, stop);
  } catch (error) {
    await stop();
    throw error;
  }
}

async function build(started: { stop(): Promise<void> }[], stop: () => Promise<void>): Promise<PartnerScenario> {
  const today = dayFromToday(0);
  const yesterday = dayFromToday(-1);
  const server = await startListeningServer();
  started.push({ stop: () => server.close() });
  const backend = (): BackendUnderTest => {
    const b = startInProcess();
    started.push(b);
    return b;
  };

  const window = backend();
  const windowAdmin = (await setUpDevice(window)).admin;
  await addRemoteAt(server, windowAdmin, { kind: 'intake', regionCode: '360430', matterIds: [] });
  const clerk1 = await staff(window, windowAdmin, ['intake_clerk', 'result_desk'], '刘受理');
  const clerk2 = await staff(window, windowAdmin, ['intake_clerk', 'result_desk'], '陈受理');
  const supervisor = await staff(window, windowAdmin, ['supervisor'], '王主管');
  const auditor = (await staff(window, windowAdmin, ['auditor'], '审计员')).client;

  const other = backend();
  const otherAdmin = (
    await setUpDevice(other, {
      name: '宿松县跨省通办窗口',
      regionCode: '340826',
      hall: '宿松县政务服务中心',
      windowNo: '01',
    })
  ).admin;
  await addRemoteAt(server, otherAdmin, { kind: 'intake', regionCode: '340826', matterIds: [] });
  const otherClerk = await staffClient(other, otherAdmin, ['intake_clerk']);

  const desk = backend();
  const deskAdmin = (
    await setUpDevice(desk, {
      name: '黄梅县政务服务中心受理台',
      regionCode: '421127',
      hall: '黄梅县政务服务中心',
      windowNo: '01',
    })
  ).admin;
  await addRemoteAt(server, deskAdmin, { kind: 'acceptance', regionCode: '421127', matterIds: [] });
  const officer1 = await staff(desk, deskAdmin, ['handling_officer'], '黄审批');
  const officer2 = await staff(desk, deskAdmin, ['handling_officer'], '吴审批');
  const deskSupervisor = (await staff(desk, deskAdmin, ['supervisor'], '黄梅主管')).client;

  // O is "yesterday's" case. A test cannot run yesterday, so the two links
  // its intake wrote are filed under yesterday's day: the day column is the
  // day a link was recorded under, not part of its hash, so the chain stays
  // valid — exactly as if the window had recorded them then. Its row says so too.
  const O = await call(clerk1.client, 'intake.submit', intakeOf(PENSION, OUYANG));
  withDb(window.dbFile, (db) => {
    db.prepare(
      'UPDATE event_chain SET day = ? WHERE event_id IN (SELECT event_id FROM case_events WHERE case_id = ?)',
    ).run(yesterday, O.caseId);
    const receivedAt = new Date(Date.now() - 86_400_000).toISOString();
    db.prepare('UPDATE cases SET received_at = ?, received_day = ? WHERE case_id = ?').run(
      receivedAt,
      yesterday,
      O.caseId,
    );
  });
  const cases = {
    O,
    A: await call(clerk1.client, 'intake.submit', intakeOf(PENSION, ZHANG)),
    B: await call(clerk2.client, 'intake.submit', intakeOf(EMPLOYMENT, LI)),
    R: await call(clerk1.client, 'intake.submit', intakeOf(PENSION, WANG)),
    P: await call(otherClerk, 'intake.submit', intakeOf(PENSION, ZHAO)),
  };
  for (const key of ['O', 'A', 'B', 'R', 'P'] as const) {
    await caseAt(officer1.client, cases[key].caseId, () => true, `case ${key} at the desk`);
  }

  // The desk decides O and R and writes a note on A; O's acceptance reaches the window before its own note.
  await record(officer1.client, cases.O.caseId, 'case.accepted', { acceptanceNo: 'HM-RS-2026-000201' });
  await record(officer2.client, cases.R.caseId, 'case.not_accepted', {
    reasons: ['申请事项不属于本机关职权范围。'],
    remedies: [
      { kind: 'administrative_reconsideration', body: '黄梅县人民政府', withinDays: 60 },
      { kind: 'administrative_litigation', body: '黄梅县人民法院', period: { value: 6, unit: 'months' } },
    ],
  });
  await record(officer2.client, cases.A.caseId, 'case.note_added', { text: '请补充申请人联系电话。' });
  await caseAt(clerk1.client, cases.O.caseId, (d) => d.row.status === 3, 'the acceptance of O at the window');
  await caseAt(clerk1.client, cases.R.caseId, (d) => d.row.status === 5, 'the refusal of R at the window');
  await caseAt(
    clerk1.client,
    cases.A.caseId,
    (d) => d.timeline.some((e) => e.type === 'case.note_added'),
    "the desk's note on A at the window",
  );
  await record(clerk2.client, cases.O.caseId, 'case.note_added', { text: '申请人来电询问进度。' });
  await record(clerk1.client, cases.R.caseId, 'case.evaluated', { rating: 1, comment: '白跑一趟' });

  await call(clerk1.client, 'consultations.log', {
    matterId: PENSION,
    note: '=1+1 咨询养老保险关系转移所需材料',
    minutes: 10,
  });
  await call(supervisor.client, 'consultations.log', { matterId: null, note: '询问停车位置', minutes: 2 });

  return {
    today,
    yesterday,
    window,
    windowAdmin,
    clerk1,
    clerk2,
    supervisor,
    auditor,
    officer1,
    officer2,
    deskSupervisor,
    cases,
    stop,
  };
}
