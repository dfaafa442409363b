// The export files, read back the way a spreadsheet would: the xlsx through
// exceljs's own reader, the CSV as bytes and as parsed text.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../tests/integration/csv.ts';
import { exportFile, toCsv, toXlsx, type Table } from './exports.ts';

const LEDGER: Table = {
  title: '台账 2026-11-23',
  columns: ['办件编号', '申请人', '证件号码', '用时（分钟）', '备注'],
  rows: [
    ['360430-20261123-0300001-X', '欧阳*', '110102********232X', 15, '原件已寄出，请查收。'],
    ['360430-20261123-0300002-K', '张*', '420102********4515', null, '=HYPERLINK("http://x","点我")'],
    ['360430-20261123-0300003-P', '李*', '360430********0012', -3, '+1, "引号", 换行\n第二行'],
  ],
};
const NOTES: Table = { title: 'a:b/c?d*e[f]g\\h — a very long sheet title here', columns: ['x'], rows: [['@SUM(A1)']] };

async function readBack(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

const values = (sheet: ExcelJS.Worksheet): unknown[][] => {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
};

/**
 * What Excel shows for a header or footer: its codes (&L &C &R, &"font,style",
 * &K colour, &B &I &U and the like) removed and && read as one ampersand.
 */
function shownText(code: string): string {
  return code.replace(/&&|&"[^"]*"|&K[0-9A-Fa-f]{6}|&\d+|&[A-Za-z]/g, (token) => (token === '&&' ? '&' : '')).trim();
}

const MASKED = { title: '彭泽县政务服务中心通办窗口台账（2026年11月23日）· 个人信息已脱敏', watermark: null };

describe('xlsx', () => {
  it('reads back with the title row, the header and every cell as given, CJK intact', async () => {
    const book = await readBack(await toXlsx([LEDGER], MASKED));
    const sheet = book.getWorksheet('台账 2026-11-23')!;
    expect(sheet).toBeDefined();
    const rows = values(sheet);
    expect(rows[0]![0]).toBe(MASKED.title);
    // The title spans the table.
    expect(sheet.getCell(1, LEDGER.columns.length).master.address).toBe('A1');
    expect(rows[1]).toEqual(LEDGER.columns);
    expect(rows.slice(2)).toEqual(LEDGER.rows.map((row) => row.map((cell) => cell ?? undefined)));
    // A text that looks like a formula stays text: nothing runs when the file is opened.
    const formulaLike = sheet.getCell(4, 5);
    expect(formulaLike.type).toBe(ExcelJS.ValueType.String);
    expect(formulaLike.value).toBe('=HYPERLINK("http://x","点我")');
    expect(sheet.getCell(3, 4).type).toBe(ExcelJS.ValueType.Number);
    // Without a watermark there is no header or footer.
    expect(sheet.headerFooter?.oddHeader ?? '').toBe('');
    expect(sheet.headerFooter?.oddFooter ?? '').toBe('');
  });

  it('freezes the title and header, and prints landscape A4, one page wide, title and header on every page', async () => {
    const book = await readBack(await toXlsx([LEDGER, NOTES], MASKED));
    for (const sheet of book.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
      expect(sheet.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '1:2',
      });
    }
  });

  it('carries the watermark in the title row and on every printed page of every sheet', async () => {
    const watermark = '未脱敏导出 · 王主管 · 2026年11月23日 17:05 · 含个人信息，严禁外传';
    const heading = { title: `彭泽县政务服务中心通办窗口台账（2026年11月23日）· ${watermark}`, watermark };
    const book = await readBack(await toXlsx([LEDGER, NOTES], heading));
    expect(book.worksheets).toHaveLength(2);
    for (const sheet of book.worksheets) {
      expect(sheet.getCell('A1').value).toBe(heading.title);
      expect(sheet.getCell('A1').font.color?.argb).toBe('FFFF0000');
      expect(shownText(sheet.headerFooter.oddHeader!)).toBe(watermark);
      expect(shownText(sheet.headerFooter.oddFooter!)).toBe(watermark);
    }
  });

  it('prints a user name with an ampersand as it is, not as a header code', async () => {
    const watermark = '未脱敏导出 · R&D 王&B主管 · 2026年11月23日 17:05';
    const sheet = (await readBack(await toXlsx([LEDGER], { title: watermark, watermark }))).worksheets[0]!;
    expect(shownText(sheet.headerFooter.oddHeader!)).toBe(watermark);
    expect(shownText(sheet.headerFooter.oddFooter!)).toBe(watermark);
  });

  it('makes sheet names Excel accepts: no : \\ / ? * [ ], at most 31 characters', async () => {
    const book = await readBack(await toXlsx([NOTES], MASKED));
    const name = book.worksheets[0]!.name;
    expect(name).not.toMatch(/[:\\/?*[\]]/);
    expect(name.length).toBeLessThanOrEqual(31);
    expect(name.startsWith('a-b-c-d-e-f-g-h')).toBe(true);
  });
});

describe('csv', () => {
  it('starts with the UTF-8 byte-order mark and the header row, ends lines with CRLF, and keeps CJK text', () => {
    const bytes = toCsv(LEDGER);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('办件编号,申请人,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(1 + LEDGER.rows.length);
    expect(rows[0]).toEqual(LEDGER.columns);
    expect(rows[1]).toEqual(['360430-20261123-0300001-X', '欧阳*', '110102********232X', '15', '原件已寄出，请查收。']);
  });

  it('neutralises text cells a spreadsheet would run as a formula, and quotes what needs quoting', () => {
    const [header, first, second, third] = parseCsv(toCsv(LEDGER).subarray(3).toString('utf8'));
    expect(header).toEqual(LEDGER.columns);
    expect(first![4]).toBe('原件已寄出，请查收。');
    expect(second![3]).toBe('');
    expect(second![4]).toBe(`'=HYPERLINK("http://x","点我")`);
    // A number stays a number, negative or not; text starting with + is neutralised and kept whole.
    expect(third![3]).toBe('-3');
    expect(third![4]).toBe(`'+1, "引号", 换行\n第二行`);
    expect(parseCsv(toCsv(NOTES).subarray(3).toString('utf8'))).toEqual([['x'], [`'@SUM(A1)`]]);
  });
});

describe('exportFile', () => {
  it('names the file and its media type, and carries the bytes in base64', async () => {
    const csv = await exportFile('csv', 'ledger-2026-11-23', [LEDGER], MASKED);
    expect(csv).toMatchObject({ fileName: 'ledger-2026-11-23.csv', mediaType: 'text/csv; charset=utf-8' });
    expect(Buffer.from(csv.data, 'base64').equals(toCsv(LEDGER))).toBe(true);
    const xlsx = await exportFile('xlsx', 'ledger-2026-11-23', [LEDGER], MASKED);
    expect(xlsx).toMatchObject({
      fileName: 'ledger-2026-11-23.xlsx',
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    const book = await readBack(Buffer.from(xlsx.data, 'base64'));
    expect(book.worksheets[0]!.getCell('A3').value).toBe(LEDGER.rows[0]![0]);
  });

  it("puts the first table in the CSV: the ledger's cases, not its consultations", async () => {
    const csv = await exportFile('csv', 'ledger-2026-11-23', [LEDGER, NOTES], MASKED);
    const rows = parseCsv(Buffer.from(csv.data, 'base64').subarray(3).toString('utf8'));
    expect(rows[0]).toEqual(LEDGER.columns);
    expect(rows).toHaveLength(1 + LEDGER.rows.length);
  });
});
