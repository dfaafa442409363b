// Issue 6 at the backend level: the supervisor's ledger (台账), warnings,
// statistics, exports and end-of-day close (日结), against real backends with
// their own SQLite files around a real exchange server. An intake window of
// 360430 and one of 340826 send cases to a desk of 421127, which decides
// some of them; the window rates one badly. Exports are read back with
// exceljs; the close is tampered with through the database file itself.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DatabaseSync } from 'node:sqlite';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrollmentCode } from '../../server/enrollment.ts';
import { startServer, type TestServer } from '../../server/test-support.ts';
import type { Role } from '../../shared/auth/permissions.ts';
import { maskIdentity, maskName } from '../../shared/identity/mask.ts';
import type { RpcClient } from '../../shared/rpc/client.ts';
import type { CaseDetail, MethodOutput } from '../../shared/rpc/contract.ts';
import type { Scope } from '../../shared/sync/protocol.ts';
import {
  APPLICANT,
  call,
  createUser,
  login,
  refusal,
  residentId,
  seedMatter,
  setUpDevice,
  startInProcess,
  TEST_DEVICE,
  until,
  withDb,
  type BackendUnderTest,
  type Submission,
} from './harness.ts';
import { parseCsv } from './csv.ts';

type Ledger = MethodOutput<'supervision.ledger'>;
type Person = { name: string; idNumber: string; phone: string };

// ---------------------------------------------------------------- helpers

const pad = (n: number): string => String(n).padStart(2, '0');
const dayOf = (at: Date): string => `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
/** The local day `offset` days from today. */
const dayFromToday = (offset: number): string => {
  const now = new Date();
  return dayOf(new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset, 12));
};

/** An intake of any seed matter that meets its rules: every required material received in all its forms. */
function intakeOf(matterId: string, person: Person): Submission {
  const matter = seedMatter(matterId);
  return {
    submissionId: randomUUID(),
    matterId,
    applicant: { name: person.name, idKind: 'resident_id', idNumber: person.idNumber, phone: person.phone },
    agent: null,
    priority: false,
    materials: matter.materials
      .filter((m) => m.requirement === 'required')
      .map((m) => ({ materialId: m.id, outcome: 'received' as const, forms: [...m.acceptedForms] })),
    scans: [],
    formData: Object.fromEntries(
      matter.formFields
        .filter((f) => f.required)
        .map((f) => [
          f.id,
          f.type === 'number'
            ? 1
            : f.type === 'date'
              ? '2025-06-30'
              : f.type === 'select'
                ? f.options![0]!.value
                : '湖北省黄冈市黄梅县',
        ]),
    ),
    language: 'zh-CN',
    // Where the matter's handling place follows the applicant, it is Huangmei here as for the others.
    handlingRegion: matter.handlingRegion,
  };
}

/** A user with a display name of our choosing; returns the logged-in client and the user id. */
async function staff(
  backend: BackendUnderTest,
  admin: RpcClient,
  roles: Role[],
  displayName: string,
): Promise<{ client: RpcClient; userId: string; displayName: string }> {
  const username = `u-${randomUUID().slice(0, 8)}`;
  const password = `pw-${username}-secret`;
  const { userId } = await call(admin, 'users.create', { username, displayName, password, roles });
  return { client: (await login(backend, { username, password })).client, userId, displayName };
}

const record = (client: RpcClient, caseId: string, type: string, payload: unknown) =>
  call(client, 'cases.record', { caseId, type, payload } as never);

/** Polls a case at a place until `done` holds for it (it may not have arrived yet). */
async function caseAt(client: RpcClient, caseId: string, done: (d: CaseDetail) => boolean, what: string) {
  return (await until(
    async () => {
      const found = await client.request('cases.get', { caseId });
      return found.ok ? found.value : null;
    },
    (d) => d !== null && done(d),
    what,
  )) as CaseDetail;
}

async function readXlsx(data: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(data, 'base64') as unknown as ArrayBuffer);
  return book;
}

/** The cell values of a sheet, row by row, from column A; an empty cell is undefined. */
function sheetRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

const summaryOf = (ledger: Ledger) =>
  ledger.rows.map((row) => ({ caseNo: row.caseNo, activities: row.activities.map((a) => [a.type, a.actor, a.role]) }));

// ---------------------------------------------------------------- the people

const OUYANG: Person = { name: '欧阳娜娜', idNumber: residentId('360430', '19900101', '123'), phone: '13912340001' };
const ZHANG: Person = { name: APPLICANT.name, idNumber: APPLICANT.idNumber, phone: APPLICANT.phone };
const LI: Person = { name: '李四海', idNumber: residentId('420102', '19850315', '451'), phone: '13912340002' };
const WANG: Person = { name: '王五福', idNumber: residentId('360430', '19700707', '018'), phone: '13912340003' };
const ZHAO: Person = { name: '赵六顺', idNumber: residentId('340826', '19800808', '027'), phone: '13912340004' };
const EVERYONE = [OUYANG, ZHANG, LI, WANG, ZHAO];

const PENSION = 'KST-SI-004'; // 45 working days promised
const EMPLOYMENT = 'KST-EMP-002'; // 3 working days promised: yellow from the day it is taken in

// ================================================================ window, desk, server

describe('the supervisor of an intake window, and of its partner desk', () => {
  let server: TestServer;
  let url: string;
  const today = dayFromToday(0);
  const yesterday = dayFromToday(-1);

  let window: BackendUnderTest;
  let windowAdmin: RpcClient;
  let clerk1: Awaited<ReturnType<typeof staff>>;
  let clerk2: Awaited<ReturnType<typeof staff>>;
  let supervisor: Awaited<ReturnType<typeof staff>>;
  let auditor: RpcClient;
  let other: BackendUnderTest;
  let otherClerk: RpcClient;
  let desk: BackendUnderTest;
  let officer1: Awaited<ReturnType<typeof staff>>;
  let officer2: Awaited<ReturnType<typeof staff>>;
  let deskSupervisor: RpcClient;

  // The window's cases: O was taken in yesterday (see below), A, B and R today; P at the other window.
  const cases: Record<'O' | 'A' | 'B' | 'R' | 'P', { caseId: string; caseNo: string }> = {} as never;

  async function enrol(backend: BackendUnderTest, admin: RpcClient, scope: Scope): Promise<void> {
    const { code } = await issueEnrollmentCode(server.store, scope);
    await call(admin, 'sync.addRemote', { url, code, name: '黄梅县交换服务器' });
  }

  beforeAll(async () => {
    server = await startServer();
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;

    window = startInProcess();
    windowAdmin = (await setUpDevice(window)).admin;
    await enrol(window, windowAdmin, { kind: 'intake', regionCode: '360430', matterIds: [] });
    clerk1 = await staff(window, windowAdmin, ['intake_clerk', 'result_desk'], '刘受理');
    clerk2 = await staff(window, windowAdmin, ['intake_clerk', 'result_desk'], '陈受理');
    supervisor = await staff(window, windowAdmin, ['supervisor'], '王主管');
    auditor = (await staff(window, windowAdmin, ['auditor'], '审计员')).client;

    other = startInProcess();
    const otherAdmin = (
      await setUpDevice(other, {
        name: '宿松县跨省通办窗口',
        regionCode: '340826',
        hall: '宿松县政务服务中心',
        windowNo: '01',
      })
    ).admin;
    await enrol(other, otherAdmin, { kind: 'intake', regionCode: '340826', matterIds: [] });
    otherClerk = (await login(other, await createUser(otherAdmin, ['intake_clerk']))).client;

    desk = startInProcess();
    const deskAdmin = (
      await setUpDevice(desk, {
        name: '黄梅县政务服务中心受理台',
        regionCode: '421127',
        hall: '黄梅县政务服务中心',
        windowNo: '01',
      })
    ).admin;
    await enrol(desk, deskAdmin, { kind: 'acceptance', regionCode: '421127', matterIds: [] });
    officer1 = await staff(desk, deskAdmin, ['handling_officer'], '黄审批');
    officer2 = await staff(desk, deskAdmin, ['handling_officer'], '吴审批');
    deskSupervisor = (await staff(desk, deskAdmin, ['supervisor'], '黄梅主管')).client;

    // O is "yesterday's" case. A test cannot run yesterday, so the two links
    // its intake wrote are filed under yesterday's day: the day column is the
    // day a link was recorded under, not part of its hash, so the chain stays
    // valid — exactly as if the window had recorded them then. Its row says so too.
    cases.O = await call(clerk1.client, 'intake.submit', intakeOf(PENSION, OUYANG));
    withDb(window.dbFile, (db) => {
      db.prepare(
        'UPDATE event_chain SET day = ? WHERE event_id IN (SELECT event_id FROM case_events WHERE case_id = ?)',
      ).run(yesterday, cases.O.caseId);
      const receivedAt = new Date(Date.now() - 86_400_000).toISOString();
      db.prepare('UPDATE cases SET received_at = ?, received_day = ? WHERE case_id = ?').run(
        receivedAt,
        yesterday,
        cases.O.caseId,
      );
    });
    cases.A = await call(clerk1.client, 'intake.submit', intakeOf(PENSION, ZHANG));
    cases.B = await call(clerk2.client, 'intake.submit', intakeOf(EMPLOYMENT, LI));
    cases.R = await call(clerk1.client, 'intake.submit', intakeOf(PENSION, WANG));
    cases.P = await call(otherClerk, 'intake.submit', intakeOf(PENSION, ZHAO));
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
  }, 120_000);

  afterAll(async () => {
    for (const backend of [window, other, desk]) await backend?.stop();
    await server?.close();
  });

  const ledger = (client: RpcClient, filter: Record<string, unknown> = {}): Promise<Ledger> =>
    call(client, 'supervision.ledger', { day: today, ...filter } as never);
  const auditOf = async (action: string) => (await call(auditor, 'audit.list', { action })).rows;

  describe('the ledger', () => {
    it("lists every case touched here today with that day's activities in order, and the consultations", async () => {
      const day = await ledger(supervisor.client);
      expect(day).toMatchObject({ day: today, closed: false, watermark: null });
      expect(summaryOf(day)).toEqual([
        {
          // Taken in yesterday: today only what was recorded today, in the order recorded.
          caseNo: cases.O.caseNo,
          activities: [
            ['case.accepted', null, 'handling_officer'],
            ['case.note_added', clerk2.displayName, 'intake_clerk'],
          ],
        },
        {
          caseNo: cases.A.caseNo,
          activities: [
            ['case.received', clerk1.displayName, 'intake_clerk'],
            ['case.materials_checked', clerk1.displayName, 'intake_clerk'],
            ['case.note_added', null, 'handling_officer'],
          ],
        },
        {
          caseNo: cases.B.caseNo,
          activities: [
            ['case.received', clerk2.displayName, 'intake_clerk'],
            ['case.materials_checked', clerk2.displayName, 'intake_clerk'],
          ],
        },
        {
          caseNo: cases.R.caseNo,
          activities: [
            ['case.received', clerk1.displayName, 'intake_clerk'],
            ['case.materials_checked', clerk1.displayName, 'intake_clerk'],
            ['case.not_accepted', null, 'handling_officer'],
            ['case.evaluated', clerk1.displayName, 'intake_clerk'],
          ],
        },
      ]);
      expect(day.rows.find((r) => r.caseNo === cases.R.caseNo)).toMatchObject({
        matterId: PENSION,
        status: 5,
        origin: 'intake',
        clerkUserId: clerk1.userId,
        clerk: clerk1.displayName,
        partnerRegion: '421127',
        applicantName: maskName(WANG.name),
        applicantId: maskIdentity('resident_id', WANG.idNumber),
        evaluation: 1,
      });
      expect(day.rows.find((r) => r.caseNo === cases.B.caseNo)).toMatchObject({ matterId: EMPLOYMENT, mark: 'yellow' });
      expect(day.consultations.map((k) => [k.clerk, k.matterId, k.note, k.minutes])).toEqual([
        [clerk1.displayName, PENSION, '=1+1 咨询养老保险关系转移所需材料', 10],
        [supervisor.displayName, null, '询问停车位置', 2],
      ]);
      expect(day.clerks.map((c) => c.displayName).sort()).toEqual(
        [clerk1.displayName, clerk2.displayName, supervisor.displayName].sort(),
      );

      // Yesterday: O as it was taken in, and nothing of today.
      const before = await ledger(supervisor.client, { day: yesterday });
      expect(summaryOf(before)).toEqual([
        {
          caseNo: cases.O.caseNo,
          activities: [
            ['case.received', clerk1.displayName, 'intake_clerk'],
            ['case.materials_checked', clerk1.displayName, 'intake_clerk'],
          ],
        },
      ]);
      expect(before.consultations).toEqual([]);
      expect((await ledger(supervisor.client, { day: dayFromToday(-30) })).rows).toEqual([]);
    });

    it('narrows by clerk (whose case it is or who acted on it), matter, status and partner region', async () => {
      const caseNos = (l: Ledger) => l.rows.map((r) => r.caseNo);
      const notes = (l: Ledger) => l.consultations.map((k) => k.note);

      const byClerk2 = await ledger(supervisor.client, { clerkUserId: clerk2.userId });
      expect(caseNos(byClerk2)).toEqual([cases.O.caseNo, cases.B.caseNo]);
      expect(notes(byClerk2)).toEqual([]);
      const byClerk1 = await ledger(supervisor.client, { clerkUserId: clerk1.userId });
      expect(caseNos(byClerk1)).toEqual([cases.O.caseNo, cases.A.caseNo, cases.R.caseNo]);
      expect(notes(byClerk1)).toEqual(['=1+1 咨询养老保险关系转移所需材料']);

      const employment = await ledger(supervisor.client, { matterId: EMPLOYMENT });
      expect(caseNos(employment)).toEqual([cases.B.caseNo]);
      expect(notes(employment)).toEqual([]);
      const pension = await ledger(supervisor.client, { matterId: PENSION });
      expect(caseNos(pension)).toEqual([cases.O.caseNo, cases.A.caseNo, cases.R.caseNo]);
      expect(notes(pension)).toEqual(['=1+1 咨询养老保险关系转移所需材料']);

      expect(caseNos(await ledger(supervisor.client, { status: 5 }))).toEqual([cases.R.caseNo]);
      expect(caseNos(await ledger(supervisor.client, { status: 3 }))).toEqual([cases.O.caseNo]);
      expect(notes(await ledger(supervisor.client, { status: 1 }))).toEqual([]);

      expect(caseNos(await ledger(supervisor.client, { regionCode: '421127' }))).toHaveLength(4);
      expect(caseNos(await ledger(supervisor.client, { regionCode: '340826' }))).toEqual([]);

      // At the desk the partner is where a case was taken in: two windows, two regions.
      const deskLedger = (filter: Record<string, unknown>) => ledger(deskSupervisor, filter);
      const all = caseNos(await deskLedger({}));
      expect([...all].sort()).toEqual(
        Object.values(cases)
          .map((c) => c.caseNo)
          .sort(),
      );
      expect([...caseNos(await deskLedger({ regionCode: '360430' }))].sort()).toEqual(
        [cases.O, cases.A, cases.B, cases.R].map((c) => c.caseNo).sort(),
      );
      expect(caseNos(await deskLedger({ regionCode: '340826' }))).toEqual([cases.P.caseNo]);
      // The region filter's choices: every partner of the day, whichever filter is on.
      expect((await deskLedger({})).regions).toEqual(['340826', '360430']);
      expect((await deskLedger({ regionCode: '340826' })).regions).toEqual(['340826', '360430']);
      expect([...caseNos(await deskLedger({ clerkUserId: officer2.userId }))].sort()).toEqual(
        [cases.A.caseNo, cases.R.caseNo].sort(),
      );
      expect(caseNos(await deskLedger({ clerkUserId: officer1.userId }))).toEqual([cases.O.caseNo]);
    });

    it('is masked by default: no full name or ID number anywhere in it', async () => {
      const text = JSON.stringify(await ledger(supervisor.client));
      for (const person of EVERYONE) {
        expect(text).not.toContain(person.idNumber);
        expect(text).not.toContain(person.name);
      }
      expect(text).toContain(maskIdentity('resident_id', OUYANG.idNumber));
    });

    it('is unmasked only with personal.export, audited, and watermarked with the user', async () => {
      const before = (await auditOf('ledger.unmasked')).length;
      for (const client of [clerk1.client, auditor, windowAdmin]) {
        expect(await refusal(client.request('supervision.ledger', { day: today, unmasked: true }))).toMatchObject({
          code: 'PERMISSION_DENIED',
        });
      }
      expect(await auditOf('ledger.unmasked')).toHaveLength(before);

      const open = await ledger(supervisor.client, { unmasked: true });
      expect(open.rows.map((r) => [r.applicantName, r.applicantId])).toEqual(
        [OUYANG, ZHANG, LI, WANG].map((p) => [p.name, p.idNumber]),
      );
      expect(open.watermark).toEqual({ user: supervisor.displayName, at: expect.any(String) });
      const entries = await auditOf('ledger.unmasked');
      expect(entries).toHaveLength(before + 1);
      expect(entries[0]).toMatchObject({
        userId: supervisor.userId,
        user: supervisor.displayName,
        target: today,
        detail: { cases: 4 },
      });
      // The audit entry itself holds no personal data.
      expect(JSON.stringify(entries)).not.toContain(OUYANG.idNumber);
    });
  });

  describe('exports', () => {
    it('writes the masked ledger to xlsx: the same rows, CJK intact, the first row saying it is masked', async () => {
      const screen = await ledger(supervisor.client);
      const file = await call(supervisor.client, 'supervision.exportLedger', { day: today, format: 'xlsx' });
      expect(file.fileName).toBe(`ledger-${today}.xlsx`);
      const book = await readXlsx(file.data);
      const sheet = book.getWorksheet(`台账 ${today}`)!;
      const rows = sheetRows(sheet);
      expect(rows[0]![0]).toBe('个人信息已脱敏');
      expect(rows[1]).toEqual([
        '办件编号',
        '收件时间',
        '事项',
        '申请人',
        '证件号码',
        '状态',
        '收件人',
        '合作地区',
        '时限预警',
        '办结时限',
        '当日办理',
        '好差评',
      ]);
      const body = rows.slice(2);
      expect(body.map((r) => [r[0], r[3], r[4]])).toEqual(
        screen.rows.map((r) => [r.caseNo, r.applicantName, r.applicantId]),
      );
      expect(body.map((r) => r[2])).toEqual(screen.rows.map((r) => seedMatter(r.matterId).names['zh-CN']));
      expect(body.map((r) => r[6])).toEqual(screen.rows.map((r) => r.clerk));
      expect(body.every((r) => r[7] === '湖北省黄冈市黄梅县（421127）')).toBe(true);
      // One entry per activity of the day, joined with a full-width semicolon.
      // The nearest deadline, marked where it is provisional, as on screen.
      expect(body.map((r) => r[9] ?? null)).toEqual(
        screen.rows.map((r) => (r.deadline ? `${r.deadline}${r.deadlineProvisional ? '（暂定）' : ''}` : null)),
      );
      expect(body.map((r) => String(r[10]).split('；').length)).toEqual(screen.rows.map((r) => r.activities.length));
      expect(body.map((r) => r[11] ?? null)).toEqual(screen.rows.map((r) => r.evaluation));
      expect(body.find((r) => r[0] === cases.B.caseNo)![8]).toBe('临期');
      const text = JSON.stringify(rows);
      for (const person of EVERYONE) expect(text).not.toContain(person.idNumber);

      const consultations = sheetRows(book.getWorksheet(`咨询 ${today}`)!);
      expect(consultations[0]![0]).toBe('个人信息已脱敏');
      expect(consultations.slice(2).map((r) => [r[1], r[3], r[4]])).toEqual([
        [clerk1.displayName, '=1+1 咨询养老保险关系转移所需材料', 10],
        [supervisor.displayName, '询问停车位置', 2],
      ]);

      expect((await auditOf('ledger.export'))[0]).toMatchObject({
        userId: supervisor.userId,
        target: today,
        detail: { format: 'xlsx', unmasked: false, cases: 4 },
      });
    });

    it('writes the unmasked ledger with the watermark in the first row and on every printed page, and audits it', async () => {
      const file = await call(supervisor.client, 'supervision.exportLedger', {
        day: today,
        format: 'xlsx',
        unmasked: true,
      });
      expect(file.fileName).toBe(`ledger-${today}-unmasked.xlsx`);
      const book = await readXlsx(file.data);
      for (const sheet of book.worksheets) {
        const banner = String(sheet.getCell('A1').value);
        expect(banner).toContain('未脱敏导出');
        expect(banner).toContain(supervisor.displayName);
        expect(sheet.headerFooter.oddHeader).toContain(supervisor.displayName);
        expect(sheet.headerFooter.oddFooter).toContain(supervisor.displayName);
      }
      const body = sheetRows(book.getWorksheet(`台账 ${today}`)!).slice(2);
      expect(body.map((r) => [r[3], r[4]])).toEqual([OUYANG, ZHANG, LI, WANG].map((p) => [p.name, p.idNumber]));
      expect((await auditOf('ledger.export'))[0]).toMatchObject({
        userId: supervisor.userId,
        detail: { format: 'xlsx', unmasked: true, cases: 4 },
      });
      expect((await auditOf('ledger.unmasked'))[0]).toMatchObject({ userId: supervisor.userId, target: today });
      expect(
        await refusal(
          clerk1.client.request('supervision.exportLedger', { day: today, format: 'xlsx', unmasked: true }),
        ),
      ).toMatchObject({ code: 'PERMISSION_DENIED' });
    });

    it('writes csv with the byte-order mark, the same rows, and a cell starting with = neutralised', async () => {
      const screen = await ledger(supervisor.client);
      const file = await call(supervisor.client, 'supervision.exportLedger', { day: today, format: 'csv' });
      expect(file).toMatchObject({ fileName: `ledger-${today}.csv`, mediaType: 'text/csv; charset=utf-8' });
      const bytes = Buffer.from(file.data, 'base64');
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parseCsv(bytes.subarray(3).toString('utf8'));
      expect(rows[0]).toEqual(['个人信息已脱敏']);
      // Two tables: the ledger under its title, then the consultations under theirs.
      const ledgerAt = rows.findIndex((r) => r[0] === `台账 ${today}`);
      const consultationsAt = rows.findIndex((r) => r[0] === `咨询 ${today}`);
      const body = rows.slice(ledgerAt + 2, consultationsAt - 1);
      expect(body.map((r) => [r[0], r[3], r[4]])).toEqual(
        screen.rows.map((r) => [r.caseNo, r.applicantName, r.applicantId]),
      );
      const notes = rows.slice(consultationsAt + 2).map((r) => r[3]);
      expect(notes).toEqual(["'=1+1 咨询养老保险关系转移所需材料", '询问停车位置']);
      expect(rows.flat().some((cell) => cell.startsWith('='))).toBe(false);
    });
  });

  describe('statistics at the desk', () => {
    it("counts today's arrivals by matter, status, clerk and partner region, and the rating", async () => {
      await caseAt(deskSupervisor, cases.R.caseId, (d) => d.row.evaluation === 1, 'the rating of R at the desk');
      const stats = await call(deskSupervisor, 'supervision.stats', { from: today, to: today });
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

  describe('warnings and the end-of-day close', () => {
    let closedEvents: { event_id: string; type: string }[];

    it('warns of the yellow deadline and the bad rating, and refuses a close until each has a word', async () => {
      const warnings = await call(supervisor.client, 'supervision.warnings', {});
      expect(warnings.today).toBe(today);
      expect(warnings.items.map((w) => [w.kind, w.caseNo])).toEqual([
        ['deadline_yellow', cases.B.caseNo],
        ['bad_evaluation', cases.R.caseNo],
      ]);
      expect(warnings.counts).toMatchObject({ deadline_yellow: 1, bad_evaluation: 1, deadline_red: 0 });

      const preview = await call(supervisor.client, 'supervision.closePreview', { day: yesterday });
      expect(preview.summary).toEqual({
        cases: 1,
        received: 1,
        decided: 0,
        corrections: 0,
        collected: 0,
        consultations: 0,
        events: 2,
        byMatter: [{ key: PENSION, label: null, count: 1 }],
      });
      expect(preview.warnings.map((w) => w.key)).toEqual(warnings.items.map((w) => w.key));
      expect(preview.closed).toBeNull();

      expect(
        await refusal(supervisor.client.request('supervision.closeDay', { day: dayFromToday(1), comments: [] })),
      ).toMatchObject({ reason: 'day_in_future' });
      expect(
        await refusal(supervisor.client.request('supervision.closeDay', { day: yesterday, comments: [] })),
      ).toMatchObject({
        code: 'REJECTED',
        reason: 'warnings_unanswered',
        params: { count: 2 },
      });
      const one = [{ key: warnings.items[0]!.key, comment: '已电话提醒审批地加快办理。' }];
      expect(
        await refusal(supervisor.client.request('supervision.closeDay', { day: yesterday, comments: one })),
      ).toMatchObject({
        reason: 'warnings_unanswered',
        params: { count: 1 },
      });
      expect(
        await refusal(clerk1.client.request('supervision.closeDay', { day: yesterday, comments: one })),
      ).toMatchObject({
        code: 'PERMISSION_DENIED',
      });
      expect((await call(supervisor.client, 'supervision.closedDays', {})).map((c) => c.day)).toEqual([]);
    });

    it('closes the day signed and intact; the bad rating it answered goes, the deadline stays', async () => {
      const warnings = (await call(supervisor.client, 'supervision.warnings', {})).items;
      const comments = warnings.map((w) => ({
        key: w.key,
        comment: w.kind === 'bad_evaluation' ? '已回访申请人并致歉。' : '已电话提醒审批地加快办理。',
      }));
      const closed = await call(supervisor.client, 'supervision.closeDay', { day: yesterday, comments });
      expect(closed).toMatchObject({
        day: yesterday,
        closedBy: supervisor.displayName,
        events: 2,
        intact: true,
        problems: [],
        summary: { cases: 1, received: 1, events: 2 },
      });
      expect(closed.comments).toEqual(
        warnings.map((w, i) => ({ key: w.key, comment: comments[i]!.comment, kind: w.kind, caseNo: w.caseNo })),
      );
      expect(await call(supervisor.client, 'supervision.closedDays', {})).toEqual([closed]);
      expect((await ledger(supervisor.client, { day: yesterday })).closed).toBe(true);
      expect((await call(auditor, 'audit.list', { action: 'day.close' })).rows[0]).toMatchObject({
        userId: supervisor.userId,
        target: yesterday,
        detail: { events: 2, warnings: 2 },
      });

      const after = await call(supervisor.client, 'supervision.warnings', {});
      expect(after.items.map((w) => [w.kind, w.caseNo])).toEqual([['deadline_yellow', cases.B.caseNo]]);
      expect(
        await refusal(supervisor.client.request('supervision.closeDay', { day: yesterday, comments })),
      ).toMatchObject({ reason: 'day_already_closed' });

      closedEvents = withDb(
        window.dbFile,
        (db) =>
          db
            .prepare(
              `SELECT e.event_id, e.type FROM event_chain l JOIN case_events e USING (event_id)
               WHERE l.day = ? ORDER BY l.seq`,
            )
            .all(yesterday) as { event_id: string; type: string }[],
      );
      expect(closedEvents.map((e) => e.type)).toEqual(['case.received', 'case.materials_checked']);
    });

    // Someone with the database file, outside the app: a connection of their own, no app code.
    function tamper<T>(work: (db: DatabaseSync) => T): T {
      const db = new DatabaseSync(window.dbFile, { timeout: 5000, enableForeignKeyConstraints: false });
      try {
        return work(db);
      } finally {
        db.close();
      }
    }
    const closeOfYesterday = async () =>
      (await call(supervisor.client, 'supervision.closedDays', {})).find((c) => c.day === yesterday)!;

    it.each([
      ['occurred_at', (v: string) => new Date(Date.parse(v) - 3_600_000).toISOString()],
      ['payload_enc', (v: string) => `${v.slice(0, -2)}${v.endsWith('AA') ? 'BB' : 'AA'}`],
      ['actor_user_id', () => 'someone-else'],
    ])('shows an edit of %s of a closed event, naming its case', async (column, change) => {
      const target = closedEvents[0]!;
      const original = tamper(
        (db) =>
          (
            db.prepare(`SELECT ${column} AS v FROM case_events WHERE event_id = ?`).get(target.event_id) as {
              v: string;
            }
          ).v,
      );
      tamper((db) =>
        db.prepare(`UPDATE case_events SET ${column} = ? WHERE event_id = ?`).run(change(original), target.event_id),
      );
      expect(await closeOfYesterday()).toMatchObject({
        intact: false,
        problems: [{ kind: 'changed', eventId: target.event_id, caseNo: cases.O.caseNo }],
      });
      tamper((db) =>
        db.prepare(`UPDATE case_events SET ${column} = ? WHERE event_id = ?`).run(original, target.event_id),
      );
      expect(await closeOfYesterday()).toMatchObject({ intact: true, problems: [] });
    });

    it('shows a closed event deleted from the file as missing', async () => {
      const target = closedEvents[1]!;
      const row = tamper((db) =>
        db.prepare('SELECT * FROM case_events WHERE event_id = ?').get(target.event_id),
      ) as Record<string, string | number | null>;
      tamper((db) => db.prepare('DELETE FROM case_events WHERE event_id = ?').run(target.event_id));
      expect(await closeOfYesterday()).toMatchObject({
        intact: false,
        problems: [{ kind: 'missing', eventId: target.event_id }],
      });
      const columns = Object.keys(row);
      tamper((db) =>
        db
          .prepare(`INSERT INTO case_events (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
          .run(...Object.values(row)),
      );
      expect(await closeOfYesterday()).toMatchObject({ intact: true, problems: [] });
    });

    it("shows an edit of the close's own record as a broken signature", async () => {
      const summary = tamper(
        (db) =>
          (db.prepare('SELECT summary FROM day_closes WHERE day = ?').get(yesterday) as { summary: string }).summary,
      );
      tamper((db) =>
        db
          .prepare('UPDATE day_closes SET summary = ? WHERE day = ?')
          .run(summary.replace('"cases":1', '"cases":0'), yesterday),
      );
      const close = await closeOfYesterday();
      expect(close).toMatchObject({ intact: false, problems: [{ kind: 'signature', eventId: null, caseNo: null }] });
      expect(close.summary.cases).toBe(0);
      tamper((db) => db.prepare('UPDATE day_closes SET summary = ? WHERE day = ?').run(summary, yesterday));
      expect(await closeOfYesterday()).toMatchObject({ intact: true, problems: [] });
    });

    it('shows a close deleted from the file as removed, from the audit log, and will not sign that day again', async () => {
      const row = tamper((db) => db.prepare('SELECT * FROM day_closes WHERE day = ?').get(yesterday)) as Record<
        string,
        string | number | null
      >;
      tamper((db) => db.prepare('DELETE FROM day_closes WHERE day = ?').run(yesterday));
      const close = await closeOfYesterday();
      expect(close).toMatchObject({
        intact: false,
        events: row.events,
        chainHash: row.chain_hash,
        problems: [{ kind: 'removed', eventId: null, caseNo: null }],
      });
      // The close form shows the day closed and broken, rather than offering to sign it.
      expect((await call(supervisor.client, 'supervision.closePreview', { day: yesterday })).closed).toMatchObject({
        intact: false,
        problems: [{ kind: 'removed' }],
      });
      expect(
        await refusal(supervisor.client.request('supervision.closeDay', { day: yesterday, comments: [] })),
      ).toMatchObject({ reason: 'day_already_closed' });
      const columns = Object.keys(row);
      tamper((db) =>
        db
          .prepare(`INSERT INTO day_closes (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
          .run(...Object.values(row)),
      );
      expect(await closeOfYesterday()).toMatchObject({ intact: true, problems: [] });
    });

    it('shows a later event moved into the closed day as added', async () => {
      const later = tamper(
        (db) =>
          db.prepare('SELECT event_id FROM event_chain WHERE day = ? ORDER BY seq LIMIT 1').get(today) as {
            event_id: string;
          },
      );
      tamper((db) => db.prepare('UPDATE event_chain SET day = ? WHERE event_id = ?').run(yesterday, later.event_id));
      expect(await closeOfYesterday()).toMatchObject({
        intact: false,
        problems: [{ kind: 'added', eventId: later.event_id }],
      });
      tamper((db) => db.prepare('UPDATE event_chain SET day = ? WHERE event_id = ?').run(today, later.event_id));
      expect(await closeOfYesterday()).toMatchObject({ intact: true, problems: [] });
    });
  });
});

// ================================================================ old cases, no remote, quarantine

describe('warnings that take time: overdue, not dispatched, quarantined, originals not signed for', () => {
  let server: TestServer;
  let device: BackendUnderTest;
  let admin: RpcClient;
  let clerk: RpcClient;
  let supervisor: RpcClient;
  const today = dayFromToday(0);
  const ids: Record<'fresh' | 'old' | 'stale' | 'corrupt' | 'mailed', string> = {} as never;

  beforeAll(async () => {
    server = await startServer();
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    device = startInProcess();
    admin = (await setUpDevice(device, TEST_DEVICE)).admin;
    clerk = (await login(device, await createUser(admin, ['intake_clerk']))).client;
    supervisor = (await login(device, await createUser(admin, ['supervisor']))).client;
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
    const url = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    const { code } = await issueEnrollmentCode(server.store, { kind: 'intake', regionCode: '360430', matterIds: [] });
    await call(admin, 'sync.addRemote', { url, code, name: '黄梅县交换服务器' });
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
    expect((await warnings()).thresholds).toEqual({ originalsDays: 5, collectionDays: 10 });
    expect(await itemsOf('originals_not_signed')).toEqual([]);

    expect(await call(supervisor, 'supervision.setThresholds', { originalsDays: 2, collectionDays: 7 })).toEqual({
      originalsDays: 2,
      collectionDays: 7,
    });
    const list = await warnings();
    expect(list.thresholds).toEqual({ originalsDays: 2, collectionDays: 7 });
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
    expect((await warnings()).thresholds).toEqual({ originalsDays: 2, collectionDays: 7 });

    await call(supervisor, 'supervision.setThresholds', { originalsDays: 5, collectionDays: 10 });
    expect(await itemsOf('originals_not_signed')).toEqual([]);
  });
});

// ================================================================ statistics

describe('statistics over a hand-made set of cases', () => {
  let device: BackendUnderTest;
  let supervisor: RpcClient;
  let clerkA: Awaited<ReturnType<typeof staff>>;
  let clerkB: Awaited<ReturnType<typeof staff>>;

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
    expect(rows[0]![0]).toBe('个人信息已脱敏');
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

// ================================================================ a day closed before it ends

describe('a day closed while the window is still open', () => {
  let device: BackendUnderTest;
  let clerk: RpcClient;
  let supervisor: RpcClient;
  const today = dayFromToday(0);
  const tomorrow = dayFromToday(1);

  beforeAll(async () => {
    device = startInProcess();
    const { admin } = await setUpDevice(device);
    clerk = (await login(device, await createUser(admin, ['intake_clerk']))).client;
    supervisor = (await login(device, await createUser(admin, ['supervisor']))).client;
  });
  afterAll(() => device?.stop());

  it('files what is recorded after the close under the next day, so the closed day stays intact', async () => {
    const { caseId, caseNo } = await call(clerk, 'intake.submit', intakeOf(PENSION, ZHANG));
    expect((await call(supervisor, 'supervision.warnings', {})).items).toEqual([]);
    const closed = await call(supervisor, 'supervision.closeDay', { day: today, comments: [] });
    expect(closed).toMatchObject({ day: today, events: 2, intact: true });

    // Later the same day: a note at the window.
    await record(clerk, caseId, 'case.note_added', { text: '申请人来电询问进度。' });
    const [again] = await call(supervisor, 'supervision.closedDays', {});
    expect(again).toMatchObject({ day: today, intact: true, problems: [] });

    const closedDay = await call(supervisor, 'supervision.ledger', { day: today });
    expect(closedDay.closed).toBe(true);
    expect(summaryOf(closedDay)).toEqual([
      {
        caseNo,
        activities: [
          ['case.received', expect.any(String), 'intake_clerk'],
          ['case.materials_checked', expect.any(String), 'intake_clerk'],
        ],
      },
    ]);
    const next = await call(supervisor, 'supervision.ledger', { day: tomorrow });
    expect(summaryOf(next)).toEqual([
      { caseNo, activities: [['case.note_added', expect.any(String), 'intake_clerk']] },
    ]);
    expect(next.closed).toBe(false);
  });
});
