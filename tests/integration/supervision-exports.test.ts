// The ledger's exports read back: the masked ledger as xlsx (read with
// exceljs) and as csv, each with the same rows as the screen.
import { describe, expect, it } from 'vitest';
import { call, seedMatter } from './harness.ts';
import { parseCsv } from './csv.ts';
import { EVERYONE, readXlsx, sheetRows } from './supervision/helpers.ts';
import { partnerScenarioForFile } from './supervision/partner-scenario.ts';

/** A day as official papers write it: 2026-03-02 is 2026年3月2日. */
const official = (day: string): string => day.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日');

describe('the supervisor of an intake window, and of its partner desk', () => {
  const s = partnerScenarioForFile();

  describe('exports', () => {
    it('writes the masked ledger to xlsx: the same rows, CJK intact, the title row saying it is masked', async () => {
      const screen = await s.ledger(s.supervisor.client);
      const file = await call(s.supervisor.client, 'supervision.exportLedger', { day: s.today, format: 'xlsx' });
      expect(file.fileName).toBe(`ledger-${s.today}.xlsx`);
      const book = await readXlsx(file.data);
      const sheet = book.getWorksheet(`台账 ${s.today}`)!;
      const rows = sheetRows(sheet);
      const title = `彭泽县政务服务中心通办窗口台账（${official(s.today)}）· 个人信息已脱敏`;
      expect(rows[0]![0]).toBe(title);
      // Landscape, one page wide, the title and header frozen and printed on every page.
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
      expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesRow: '1:2' });
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
        '排队号',
        '等候（分钟）',
        '办理（分钟）',
      ]);
      const body = rows.slice(2);
      expect(body.map((r) => [r[0], r[3], r[4]])).toEqual(
        screen.rows.map((r) => [r.caseNo, r.applicantName, r.applicantId]),
      );
      expect(body.map((r) => r[2])).toEqual(screen.rows.map((r) => seedMatter(r.matterId).names['zh-CN']));
      expect(body.map((r) => r[6])).toEqual(screen.rows.map((r) => r.clerk));
      expect(body.every((r) => r[7] === '湖北省黄冈市黄梅县（421127）')).toBe(true);
      // One entry per activity of the day, joined with a full-width semicolon.
      // The nearest deadline, marked where it is provisional, as on screen; none for the case not accepted.
      expect(body.map((r) => r[9] ?? '')).toEqual(
        screen.rows.map((r) => (r.deadline ? `${r.deadline}${r.deadlineProvisional ? '（暂定）' : ''}` : '')),
      );
      expect(screen.rows.find((r) => r.status === 5)?.deadline).toBeNull();
      expect(body.map((r) => String(r[10]).split('；').length)).toEqual(screen.rows.map((r) => r.activities.length));
      expect(body.map((r) => r[11] ?? null)).toEqual(screen.rows.map((r) => r.evaluation));
      expect(body.find((r) => r[0] === s.cases.B.caseNo)![8]).toBe('临期');
      const text = JSON.stringify(rows);
      for (const person of EVERYONE) expect(text).not.toContain(person.idNumber);

      const consultations = sheetRows(book.getWorksheet(`咨询 ${s.today}`)!);
      expect(consultations[0]![0]).toBe(title);
      expect(consultations.slice(2).map((r) => [r[1], r[3], r[4]])).toEqual([
        [s.clerk1.displayName, '=1+1 咨询养老保险关系转移所需材料', 10],
        [s.supervisor.displayName, '询问停车位置', 2],
      ]);

      expect((await s.auditOf('ledger.export'))[0]).toMatchObject({
        userId: s.supervisor.userId,
        target: s.today,
        detail: { format: 'xlsx', unmasked: false, cases: 4 },
      });
    });

    it('writes csv with the byte-order mark, starting with its header row, the same rows as the screen', async () => {
      const screen = await s.ledger(s.supervisor.client);
      const file = await call(s.supervisor.client, 'supervision.exportLedger', { day: s.today, format: 'csv' });
      expect(file).toMatchObject({ fileName: `ledger-${s.today}.csv`, mediaType: 'text/csv; charset=utf-8' });
      const bytes = Buffer.from(file.data, 'base64');
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parseCsv(bytes.subarray(3).toString('utf8'));
      expect(rows[0]!.slice(0, 3)).toEqual(['办件编号', '收件时间', '事项']);
      // One table: the day's cases, nothing after them.
      expect(rows.slice(1).map((r) => [r[0], r[3], r[4]])).toEqual(
        screen.rows.map((r) => [r.caseNo, r.applicantName, r.applicantId]),
      );
      expect(rows.flat().some((cell) => cell.startsWith('='))).toBe(false);
    });
  });
});
