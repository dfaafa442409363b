// Dates on paper (receipts, notices, the ledger and its files) as official
// documents write them: 2026年12月6日 in Chinese, without leading zeros
// (党政机关公文格式 GB/T 9704), and in English one form no reader can take
// for another: 6 December 2026. Times follow on the 24-hour clock. Screens
// keep the compact layout of local-time.ts.
import type { Language } from './languages.ts';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day 'YYYY-MM-DD' (a deadline, a ledger's day) or an instant, read on the window's local clock. */
export type Moment = Date | string;

interface Parts {
  year: number;
  month: number;
  day: number;
}

function dayParts(at: Moment): Parts {
  // A calendar day is that day wherever the window is: never read as UTC midnight, which is the day
  // before west of Greenwich.
  const calendar = typeof at === 'string' ? CALENDAR_DAY.exec(at) : null;
  if (calendar) return { year: Number(calendar[1]), month: Number(calendar[2]), day: Number(calendar[3]) };
  const date = typeof at === 'string' ? new Date(at) : at;
  return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
}

/** 2026年12月6日 · 6 December 2026 */
export function officialDate(at: Moment, language: Language): string {
  const { year, month, day } = dayParts(at);
  return language === 'en' ? `${day} ${MONTHS[month - 1]!} ${year}` : `${year}年${month}月${day}日`;
}

/** 2026年12月6日 14:05 · 6 December 2026, 14:05 — an instant, to the minute. */
export function officialDateTime(at: Date | string, language: Language): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  const time = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
  return language === 'en' ? `${officialDate(date, language)}, ${time}` : `${officialDate(date, language)} ${time}`;
}

/** 2026年12月1日至2026年12月6日 · 1 December 2026 to 6 December 2026; one day is written once. */
export function officialDateRange(from: Moment, to: Moment, language: Language): string {
  const first = officialDate(from, language);
  const last = officialDate(to, language);
  if (first === last) return first;
  return language === 'en' ? `${first} to ${last}` : `${first}至${last}`;
}
