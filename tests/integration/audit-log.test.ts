// The audit log on a real backend: logins and failed logins, role changes,
// reveals of personal data, prints and exports are entries; the auditor
// browses them by action, user and day, page by page, and exports them; the
// hash chain shows an entry edited or removed in the database file.
import { DatabaseSync } from 'node:sqlite';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcClient } from '../../shared/rpc/client.ts';
import { localDayFrom } from '../../shared/local-time.ts';
import type { MethodName, MethodOutput } from '../../shared/rpc/contract.ts';
import {
  APPLICANT,
  call,
  createUser,
  login,
  pensionTransfer,
  refusal,
  setUpDevice,
  staffClient,
  startInProcess,
  type BackendUnderTest,
  type Credentials,
} from './harness.ts';

type Entry = MethodOutput<'audit.list'>['rows'][number];

const dayFromToday = (offset: number): string => localDayFrom(new Date(), offset);

describe('the audit log', () => {
  let device: BackendUnderTest;
  let admin: RpcClient;
  let adminUserId: string;
  let clerk: RpcClient;
  let clerkUser: Credentials & { userId: string };
  let supervisor: RpcClient;
  let supervisorUserId: string;
  let auditor: RpcClient;
  let caseId: string;

  beforeAll(async () => {
    device = startInProcess();
    const setUp = await setUpDevice(device);
    admin = setUp.admin;
    adminUserId = setUp.info.user.userId;
    clerkUser = await createUser(admin, ['intake_clerk']);
    clerk = (await login(device, clerkUser)).client;
    const supervisorUser = await createUser(admin, ['supervisor']);
    supervisorUserId = supervisorUser.userId;
    supervisor = (await login(device, supervisorUser)).client;
    auditor = await staffClient(device, admin, ['auditor']);
    caseId = (await call(clerk, 'intake.submit', pensionTransfer())).caseId;
  });
  afterAll(() => device.stop());

  const list = (filter: Record<string, unknown> = {}) => call(auditor, 'audit.list', filter as never);
  const newest = async (action: string): Promise<Entry | undefined> => (await list({ action })).rows[0];

  describe('entries', () => {
    it('records logins, failed logins (known and unknown user) and role changes', async () => {
      expect(await newest('auth.login')).toMatchObject({ userId: expect.any(String), detail: {} });
      const logins = (await list({ action: 'auth.login' })).rows;
      expect(logins.map((e) => e.userId)).toContain(clerkUser.userId);

      const anonymous = await device.connect();
      expect(
        await refusal(anonymous.request('auth.login', { username: clerkUser.username, password: 'not-the-password' })),
      ).toMatchObject({ reason: 'bad_credentials' });
      expect(await newest('auth.login_failed')).toMatchObject({
        userId: clerkUser.userId,
        detail: { reason: 'bad_password', failures: 1 },
      });
      expect(
        await refusal(anonymous.request('auth.login', { username: 'nobody-at-all', password: 'whatever-it-is' })),
      ).toMatchObject({ reason: 'bad_credentials' });
      expect(await newest('auth.login_failed')).toMatchObject({ userId: null, detail: { reason: 'unknown_user' } });

      const spare = await createUser(admin, ['intake_clerk']);
      await call(admin, 'users.update', { userId: spare.userId, roles: ['intake_clerk', 'result_desk'] });
      expect(await newest('users.update')).toMatchObject({
        userId: adminUserId,
        target: spare.userId,
        detail: { rolesBefore: ['intake_clerk'], rolesAfter: ['intake_clerk', 'result_desk'] },
      });
    });

    it("names the device's staff for the user filter, and the filter keeps one user's entries", async () => {
      const { users } = await list();
      expect(users).toContainEqual({
        userId: clerkUser.userId,
        username: clerkUser.username,
        displayName: `User ${clerkUser.username}`,
      });
      expect(users.map((u) => u.userId)).toEqual(expect.arrayContaining([adminUserId, supervisorUserId]));
      const clerks = await list({ userId: clerkUser.userId, limit: 500 });
      expect(clerks.rows.length).toBeGreaterThan(0);
      expect(new Set(clerks.rows.map((e) => e.userId))).toEqual(new Set([clerkUser.userId]));
      expect(clerks.total).toBeLessThan((await list()).total);
    });

    it('records every reveal and every print, without the personal data itself', async () => {
      const revealed = await call(clerk, 'cases.reveal', { caseId, field: 'applicant.idNumber' });
      expect(revealed.value).toBe(APPLICANT.idNumber);
      expect(await newest('personal.reveal')).toMatchObject({
        userId: clerkUser.userId,
        target: caseId,
        detail: { field: 'applicant.idNumber' },
      });
      await call(clerk, 'cases.recordPrint', { caseId, document: 'receipt', output: 'printer', outcome: 'printed' });
      expect(await newest('case.print')).toMatchObject({
        userId: clerkUser.userId,
        target: caseId,
        detail: { document: 'receipt', output: 'printer', outcome: 'printed' },
      });
      // The browser's print dialog never says whether it printed: asked to print, not printed.
      const printed = (await list({ action: 'case.print' })).total;
      await call(clerk, 'cases.recordPrint', { caseId, document: 'receipt', output: 'pdf', outcome: 'requested' });
      expect(await newest('case.print_requested')).toMatchObject({
        userId: clerkUser.userId,
        target: caseId,
        detail: { document: 'receipt', output: 'pdf', outcome: 'requested' },
      });
      expect((await list({ action: 'case.print' })).total).toBe(printed);
      const all = JSON.stringify((await list({ limit: 500 })).rows);
      expect(all).not.toContain(APPLICANT.idNumber);
      expect(all).not.toContain(APPLICANT.name);
      expect(all).not.toContain(APPLICANT.phone);
    });

    it('records every export and printed ledger', async () => {
      const today = dayFromToday(0);
      await call(supervisor, 'supervision.exportLedger', { day: today, format: 'csv' });
      expect(await newest('ledger.export')).toMatchObject({
        userId: supervisorUserId,
        target: today,
        detail: { format: 'csv', unmasked: false, cases: 1 },
      });
      await call(supervisor, 'supervision.exportStats', { from: today, to: today, format: 'xlsx' });
      expect(await newest('stats.export')).toMatchObject({
        userId: supervisorUserId,
        target: `${today}/${today}`,
        detail: { format: 'xlsx' },
      });
      await call(supervisor, 'supervision.recordLedgerPrint', {
        day: today,
        output: 'pdf',
        outcome: 'saved',
        unmasked: true,
      });
      expect(await newest('ledger.print')).toMatchObject({
        userId: supervisorUserId,
        target: today,
        detail: { output: 'pdf', unmasked: true },
      });
      // Asked of the browser's print dialog, which may have been cancelled: never filed as printed.
      await call(supervisor, 'supervision.recordLedgerPrint', {
        day: today,
        output: 'printer',
        outcome: 'requested',
        unmasked: false,
      });
      expect(await newest('ledger.print_requested')).toMatchObject({
        target: today,
        detail: { output: 'printer', unmasked: false },
      });
      await call(auditor, 'audit.export', { format: 'csv', action: 'auth.login' });
      expect(await newest('audit.export')).toMatchObject({ detail: { format: 'csv', action: 'auth.login' } });
    });
  });

  describe('browsing', () => {
    it('filters by action, by user and by day', async () => {
      const all = await list({ limit: 500 });
      expect(all.total).toBe(all.rows.length);
      expect(all.rows.length).toBeGreaterThan(10);
      // Newest first, every entry once.
      expect(all.rows.map((e) => e.seq)).toEqual(all.rows.map((e) => e.seq).sort((a, b) => b - a));

      const logins = await list({ action: 'auth.login' });
      expect(logins.rows.length).toBeGreaterThan(0);
      expect(logins.total).toBe(all.rows.filter((e) => e.action === 'auth.login').length);
      expect(logins.rows.every((e) => e.action === 'auth.login')).toBe(true);

      const byClerk = await list({ userId: clerkUser.userId });
      expect(byClerk.rows.map((e) => e.seq)).toEqual(
        all.rows.filter((e) => e.userId === clerkUser.userId).map((e) => e.seq),
      );
      expect(new Set(byClerk.rows.map((e) => e.action))).toEqual(
        new Set(['auth.login', 'auth.login_failed', 'personal.reveal', 'case.print', 'case.print_requested']),
      );
      const both = await list({ userId: clerkUser.userId, action: 'case.print' });
      expect(both.rows.map((e) => [e.action, e.userId])).toEqual([['case.print', clerkUser.userId]]);
      expect(both.rows[0]!.user).toBe(`User ${clerkUser.username}`);

      const today = dayFromToday(0);
      expect((await list({ from: today, to: today, limit: 500 })).total).toBe(all.total);
      expect((await list({ to: dayFromToday(-1) })).total).toBe(0);
      expect((await list({ from: dayFromToday(1) })).total).toBe(0);
      expect(await refusal(auditor.request('audit.list', { from: '2026-1-1' }))).toMatchObject({
        code: 'INVALID_INPUT',
      });
    });

    it('pages newest first without gaps or repeats', async () => {
      const all = await list({ limit: 500 });
      const first = await list({ limit: 4, offset: 0 });
      const second = await list({ limit: 4, offset: 4 });
      expect(first.total).toBe(all.total);
      expect(second.total).toBe(all.total);
      expect([...first.rows, ...second.rows]).toEqual(all.rows.slice(0, 8));
      expect((await list({ limit: 4, offset: all.total })).rows).toEqual([]);
    });

    it('exports what it lists to xlsx, its own export included', async () => {
      const file = await call(auditor, 'audit.export', { format: 'xlsx' });
      expect(file.fileName).toBe(`audit-${dayFromToday(0)}.xlsx`);
      const listed = await list({ limit: 500 });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(file.data, 'base64') as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('审计日志')!;
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      // The title row: the hall, the days the entries span, masked.
      expect(rows[0]![0]).toMatch(
        /^彭泽县政务服务中心审计日志（\d{4}年\d{1,2}月\d{1,2}日(至\d{4}年\d{1,2}月\d{1,2}日)?）· 个人信息已脱敏$/,
      );
      expect(rows[1]).toEqual(['序号', '时间', '用户', '操作', '对象', '详情']);
      expect(rows.slice(2)).toEqual(
        listed.rows.map((e) => {
          // The file gives local time to the second ('sv-SE' writes YYYY-MM-DD HH:MM:SS).
          const at = new Date(e.at).toLocaleString('sv-SE');
          const cells: unknown[] = [e.seq, at, e.user ?? undefined, e.action, e.target ?? undefined];
          return [...cells, JSON.stringify(e.detail)];
        }),
      );
      // Recorded before the file was written: the newest entry in it is this export.
      expect(rows[2]![3]).toBe('audit.export');
      expect(rows[2]![0]).toBe(listed.rows[0]!.seq);
    });
  });

  describe('the hash chain', () => {
    // Someone with the database file: a connection of their own.
    function tamper<T>(work: (db: DatabaseSync) => T): T {
      const db = new DatabaseSync(device.dbFile, { timeout: 5000 });
      try {
        return work(db);
      } finally {
        db.close();
      }
    }

    it('is intact as written', async () => {
      const { chain, total } = await list({ limit: 1 });
      expect(chain).toEqual({ entries: total, intact: true, brokenAt: null });
    });

    it('breaks at an entry edited in the file, and holds again once it is put back', async () => {
      const target = (await list({ action: 'personal.reveal' })).rows[0]!;
      const original = tamper(
        (db) => (db.prepare('SELECT detail FROM audit_log WHERE seq = ?').get(target.seq) as { detail: string }).detail,
      );
      tamper((db) =>
        db.prepare('UPDATE audit_log SET detail = ? WHERE seq = ?').run('{"field":"applicant.phone"}', target.seq),
      );
      expect((await list()).chain).toEqual({ entries: target.seq, intact: false, brokenAt: target.seq });

      tamper((db) => db.prepare('UPDATE audit_log SET detail = ? WHERE seq = ?').run(original, target.seq));
      expect((await list()).chain).toMatchObject({ intact: true, brokenAt: null });

      // Who did it counts as much as what was done.
      tamper((db) => db.prepare('UPDATE audit_log SET user_id = ? WHERE seq = ?').run(adminUserId, target.seq));
      expect((await list()).chain).toMatchObject({ intact: false, brokenAt: target.seq });
      tamper((db) => db.prepare('UPDATE audit_log SET user_id = ? WHERE seq = ?').run(target.userId, target.seq));
    });

    it('breaks where an entry was removed from the middle', async () => {
      const target = (await list({ action: 'case.print' })).rows[0]!;
      const row = tamper((db) => db.prepare('SELECT * FROM audit_log WHERE seq = ?').get(target.seq)) as Record<
        string,
        string | number | null
      >;
      tamper((db) => db.prepare('DELETE FROM audit_log WHERE seq = ?').run(target.seq));
      expect((await list()).chain).toMatchObject({ intact: false, brokenAt: target.seq + 1 });
      const columns = Object.keys(row);
      tamper((db) =>
        db
          .prepare(`INSERT INTO audit_log (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
          .run(...Object.values(row)),
      );
      expect((await list()).chain).toMatchObject({ intact: true });
    });

    it('notices the last entries removed, and an entry written after them', async () => {
      const { total } = await list({ limit: 1 });
      const removed = tamper((db) => {
        const rows = db.prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq').all(total - 2) as Record<
          string,
          string | number | null
        >[];
        db.prepare('DELETE FROM audit_log WHERE seq > ?').run(total - 2);
        return rows;
      });
      expect(removed).toHaveLength(2);
      expect((await list()).chain).toEqual({ entries: total - 2, intact: false, brokenAt: total - 1 });

      // The next entry is numbered after the removed ones: the gap shows where they were.
      await call(clerk, 'cases.recordPrint', { caseId, document: 'receipt', output: 'pdf', outcome: 'saved' });
      expect((await list()).chain).toEqual({ entries: total - 1, intact: false, brokenAt: total + 1 });
    });
  });

  describe('who may read it', () => {
    it('refuses the audit log to everyone but the auditor', async () => {
      for (const client of [clerk, supervisor, admin]) {
        for (const [method, input] of [
          ['audit.list', {}],
          ['audit.export', { format: 'xlsx' }],
        ] as const) {
          expect(await refusal(client.request(method, input as never)), method).toMatchObject({
            code: 'PERMISSION_DENIED',
          });
        }
      }
    });

    it("refuses the supervisor's methods to the auditor", async () => {
      const today = dayFromToday(0);
      const calls: [MethodName, unknown][] = [
        ['supervision.ledger', { day: today }],
        ['supervision.exportLedger', { day: today, format: 'xlsx' }],
        ['supervision.recordLedgerPrint', { day: today, output: 'pdf', outcome: 'saved', unmasked: false }],
        ['supervision.warnings', {}],
        ['supervision.setThresholds', { originalsDays: 3, collectionDays: 3 }],
        ['supervision.stats', { from: today, to: today }],
        ['supervision.exportStats', { from: today, to: today, format: 'csv' }],
        ['supervision.closePreview', { day: today }],
        ['supervision.closeDay', { day: today, comments: [] }],
        ['supervision.closedDays', {}],
        ['consultations.log', { matterId: null, note: '问路', minutes: 1 }],
        ['cases.reveal', { caseId, field: 'applicant.idNumber' }],
      ];
      for (const [method, input] of calls) {
        expect(await refusal(auditor.request(method, input as never)), method).toMatchObject({
          code: 'PERMISSION_DENIED',
        });
      }
    });
  });
});
