// Files for the supervisor and the auditor: xlsx (exceljs) and CSV (UTF-8
// with a byte-order mark, so Excel and WPS read Chinese correctly). Every
// file says in its first row whether personal data is masked; an unmasked one
// carries the watermark (who, when) on every sheet and every printed page.
import ExcelJS from 'exceljs';

export type Cell = string | number | null;

export interface Table {
  title: string;
  columns: readonly string[];
  rows: readonly (readonly Cell[])[];
}

export interface ExportFile {
  fileName: string;
  mediaType: string;
  data: string; // base64
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// A font both Excel and WPS have on Chinese Windows, with Latin and CJK glyphs.
const FONT = 'Microsoft YaHei';

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, '-').slice(0, 31);
}

export async function toXlsx(tables: readonly Table[], banner: string, watermarked: boolean): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Tongban Desk';
  book.created = new Date();
  // In a header or footer & starts a code (&B bold, &D date…): a literal one is written &&.
  const printed = banner.replaceAll('&', '&&');
  for (const table of tables) {
    const sheet = book.addWorksheet(sheetName(table.title), {
      headerFooter: watermarked ? { oddHeader: `&C&"${FONT},Bold"&KFF0000${printed}`, oddFooter: `&C${printed}` } : {},
      views: [{ state: 'frozen', ySplit: 2 }],
    });
    sheet.addRow([banner]);
    sheet.mergeCells(1, 1, 1, Math.max(1, table.columns.length));
    sheet.getRow(1).font = { name: FONT, bold: true, color: { argb: watermarked ? 'FFFF0000' : 'FF666666' } };
    const header = sheet.addRow([...table.columns]);
    header.font = { name: FONT, bold: true };
    for (const row of table.rows) sheet.addRow([...row]).font = { name: FONT };
    table.columns.forEach((title, index) => {
      // A CJK character takes about two Latin widths in Excel and WPS.
      const width = (text: string): number => [...text].reduce((sum, ch) => sum + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0);
      const widest = Math.max(width(title), ...table.rows.map((row) => width(String(row[index] ?? ''))));
      sheet.getColumn(index + 1).width = Math.min(60, Math.max(8, widest + 2));
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

function csvField(value: Cell): string {
  const text = value === null ? '' : String(value);
  // Quoted when needed; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(tables: readonly Table[], banner: string): Buffer {
  const lines: string[] = [csvField(banner)];
  for (const table of tables) {
    if (tables.length > 1) lines.push('', csvField(table.title));
    lines.push(table.columns.map(csvField).join(','));
    for (const row of table.rows) lines.push(row.map(csvField).join(','));
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function exportFile(
  format: 'xlsx' | 'csv',
  baseName: string,
  tables: readonly Table[],
  banner: string,
  watermarked: boolean,
): Promise<ExportFile> {
  const bytes = format === 'xlsx' ? await toXlsx(tables, banner, watermarked) : toCsv(tables, banner);
  return {
    fileName: `${baseName}.${format}`,
    mediaType: format === 'xlsx' ? XLSX : 'text/csv; charset=utf-8',
    data: bytes.toString('base64'),
  };
}
