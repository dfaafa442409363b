// Files for the supervisor and the auditor: xlsx (exceljs) and CSV (UTF-8
// with a byte-order mark, so Excel and WPS read Chinese correctly). An xlsx
// opens with its title row — the hall, the period, whether personal data is
// masked — and prints landscape, one page wide, its title and header on every
// page; an unmasked one carries the watermark (who, when) on every sheet and
// every printed page. A CSV is one table and starts with its header row, so a
// spreadsheet or a program reads it as it is: what it is, the day and whether
// it is unmasked are in its file name.
import ExcelJS from 'exceljs';

export type Cell = string | number | null;

export interface Table {
  title: string;
  columns: readonly string[];
  rows: readonly (readonly Cell[])[];
}

/** What heads a file: its title row, and the watermark of an unmasked one (null when masked). */
export interface Heading {
  title: string;
  watermark: string | null;
}

export interface ExportFile {
  fileName: string;
  mediaType: string;
  data: string; // base64
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// A font both Excel and WPS have on Chinese Windows, with Latin and CJK glyphs.
const FONT = 'Microsoft YaHei';
// The title row and the header row: frozen on screen, repeated on every printed page.
const HEAD_ROWS = 2;

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, '-').slice(0, 31);
}

export async function toXlsx(tables: readonly Table[], heading: Heading): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Tongban Desk';
  book.created = new Date();
  // In a header or footer & starts a code (&B bold, &D date…): a literal one is written &&.
  const printed = heading.watermark?.replaceAll('&', '&&');
  for (const table of tables) {
    const sheet = book.addWorksheet(sheetName(table.title), {
      headerFooter: printed ? { oddHeader: `&C&"${FONT},Bold"&KFF0000${printed}`, oddFooter: `&C${printed}` } : {},
      views: [{ state: 'frozen', ySplit: HEAD_ROWS }],
      pageSetup: {
        paperSize: 9, // A4
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0, // as many pages down as the rows need
        printTitlesRow: `1:${HEAD_ROWS}`,
        horizontalCentered: true,
        margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      },
    });
    sheet.addRow([heading.title]);
    sheet.mergeCells(1, 1, 1, Math.max(1, table.columns.length));
    sheet.getRow(1).font = { name: FONT, bold: true, size: 14, color: { argb: printed ? 'FFFF0000' : 'FF000000' } };
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

/** One table: its header row first, then its rows. */
export function toCsv(table: Table): Buffer {
  const lines = [table.columns, ...table.rows].map((row) => row.map(csvField).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/**
 * The file of an export: every table a sheet of the xlsx; the CSV holds the
 * first, the export's own table (the ledger's cases: the day's consultations
 * are a sheet of the xlsx and a part of the print).
 */
export async function exportFile(
  format: 'xlsx' | 'csv',
  baseName: string,
  tables: readonly [Table, ...Table[]],
  heading: Heading,
): Promise<ExportFile> {
  const bytes = format === 'xlsx' ? await toXlsx(tables, heading) : toCsv(tables[0]);
  return {
    fileName: `${baseName}.${format}`,
    mediaType: format === 'xlsx' ? XLSX : 'text/csv; charset=utf-8',
    data: bytes.toString('base64'),
  };
}
