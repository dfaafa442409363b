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

// The start of a case number as typed: its groups of 6, 8 and 6 digits, hyphens (or none) between them.
const PREFIX_PATTERN = /^(?:\d{1,6}|\d{6}-|\d{6}-?\d{1,8}|\d{6}-?\d{8}-|\d{6}-?\d{8}-?\d{1,6}-?)$/;

/**
 * The case numbers that text begins, in their stored form: '3604302026' →
 * '360430-2026', '360430-20261122-' → '360430-20261122-'; null when text
 * cannot be the start of one. A complete number is parseCaseNumber's.
 */
export function caseNumberPrefix(text: string): string | null {
  // NFKC: full-width digits and hyphens, as a Chinese input method types them.
  const compact = text.normalize('NFKC').replace(/\s/g, '');
  if (!PREFIX_PATTERN.test(compact)) return null;
  const digits = compact.replace(/-/g, '');
  const groups = [digits.slice(0, 6), digits.slice(6, 14), digits.slice(14, 20)].filter((group) => group !== '');
  // The pattern allows a hyphen only after a whole group: it stands for the one that follows it.
  return groups.join('-') + (compact.endsWith('-') ? '-' : '');
}
