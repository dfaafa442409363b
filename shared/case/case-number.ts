// The human case number (办件编号), made offline on the device:
// {intake region}-{yyyymmdd}-{window}{sequence}-{check}, e.g.
// 360430-20261122-030017-0. Never contains the applicant's ID number. The check
// character is ISO 7064 MOD 11-2 over the 20 digits, as on resident IDs, so a
// mistyped digit is caught wherever a number is typed.

const PATTERN = /^(\d{6})-?(\d{8})-?(\d{2})(\d{4})-?([0-9X])$/;

export function mod11_2(digits: string): string {
  let sum = 0;
  for (const char of digits) sum = ((sum + Number(char)) * 2) % 11;
  const check = (12 - sum) % 11;
  return check === 10 ? 'X' : String(check);
}

export interface CaseNumberParts {
  region: string;
  date: string; // YYYYMMDD
  window: string; // 2 digits
  sequence: number;
}

export function formatCaseNumber(parts: CaseNumberParts): string {
  const body = `${parts.region}${parts.date}${parts.window}${String(parts.sequence).padStart(4, '0')}`;
  return `${parts.region}-${parts.date}-${parts.window}${String(parts.sequence).padStart(4, '0')}-${mod11_2(body)}`;
}

export type CaseNumberError = 'empty' | 'bad_format' | 'bad_date' | 'bad_check';

export type ParsedCaseNumber =
  { ok: true; value: string; parts: CaseNumberParts } | { ok: false; error: CaseNumberError };

function realDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 2000 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Accepts what a clerk types: spaces, lower-case x and missing hyphens are forgiven. */
export function parseCaseNumber(text: string): ParsedCaseNumber {
  const compact = text.replace(/[\s\u3000]/g, '').toUpperCase();
  if (compact === '') return { ok: false, error: 'empty' };
  const match = PATTERN.exec(compact);
  if (!match) return { ok: false, error: 'bad_format' };
  const [, region, date, window, sequence, check] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (!realDate(date)) return { ok: false, error: 'bad_date' };
  if (mod11_2(`${region}${date}${window}${sequence}`) !== check) return { ok: false, error: 'bad_check' };
  const parts = { region, date, window, sequence: Number(sequence) };
  return { ok: true, value: formatCaseNumber(parts), parts };
}

/** Whether text looks like a case number being typed (for search boxes). */
export function looksLikeCaseNumber(text: string): boolean {
  return /^\d{6}-?\d{8}/.test(text.replace(/\s/g, ''));
}
