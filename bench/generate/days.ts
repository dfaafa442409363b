// The generator's calendar: which days a hall was open and how many cases
// each window took, and the ids of a day — UUIDv7 carrying the time each thing
// happened, so a day's events are a range of ids.
import { isWorkingDay, type CalendarYear } from '../../shared/catalog/index.ts';
import { localDay } from '../../shared/local-time.ts';
import { int, type Random } from './people.ts';

export interface DayPlan {
  day: string; // YYYY-MM-DD, local
  year: number;
  month: number; // 0-based
  date: number;
  /** Cases per window, in window order. */
  counts: number[];
}

/**
 * A UUIDv7 (the layout of shared/case/uuid.ts) whose time is exactly `ms`. The
 * app's uuidv7 never goes back in time within a process, which is right for
 * ids made as things happen, but the generator makes a case's later events
 * (days ahead) before the next case's intake: with it, every id after such an
 * event would carry that later time. Here each id carries its own event's time,
 * as on a device; the 12 bits after the time are random instead of a counter.
 */
export function uuidv7At(ms: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let rest = ms;
  for (let i = 5; i >= 0; i -= 1) {
    bytes[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The ids uuidv7At gives the instants of a local day: [from, to), for a range on an id column. */
export function uuidv7DayRange(day: string): [string, string] {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const prefix = (ms: number) => {
    const hex = ms.toString(16).padStart(12, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8)}`;
  };
  return [prefix(new Date(y, m - 1, d).getTime()), prefix(new Date(y, m - 1, d + 1).getTime())];
}

/**
 * About three years of opening days ending yesterday: 20–150 cases per window
 * on working days (State Council calendar where loaded), 20–60 on Saturdays,
 * closed on Sundays and holidays. The window count is chosen so that `cases`
 * fill roughly three years; the earliest day is trimmed to hit `cases` exactly.
 *
 * With `spanDays` (one window's device: `windows` 1, `spanDays` 365), the
 * opening days of exactly that many calendar days before today get the same
 * draws, scaled so that they hold `cases` in all.
 */
export function planDays(
  cases: number,
  calendars: readonly CalendarYear[],
  today: Date,
  rand: Random,
  options: { windows?: number; spanDays?: number } = {},
): { windows: number; days: DayPlan[] } {
  const windows = options.windows ?? Math.max(1, Math.round(cases / 69_500));
  const holidays = new Set(calendars.flatMap((c) => c.holidays));
  const days: DayPlan[] = [];
  let total = 0;
  const span = options.spanDays ?? Infinity;
  for (let back = 1; back <= span && (options.spanDays !== undefined || total < cases); back++) {
    const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() - back);
    const day = localDay(d);
    const saturday = d.getDay() === 6 && !holidays.has(day);
    const open = isWorkingDay(day, calendars);
    if (!open && !saturday) continue;
    const counts = Array.from({ length: windows }, () => (open ? int(rand, 20, 150) : int(rand, 20, 60)));
    let dayTotal = counts.reduce((a, b) => a + b, 0);
    for (let w = windows - 1; options.spanDays === undefined && total + dayTotal > cases && w >= 0; w--) {
      const cut = Math.min(counts[w]!, total + dayTotal - cases);
      counts[w]! -= cut;
      dayTotal -= cut;
    }
    days.push({ day, year: d.getFullYear(), month: d.getMonth(), date: d.getDate(), counts });
    total += dayTotal;
  }
  if (options.spanDays !== undefined) scaleCounts(days, cases);
  return { windows, days: days.reverse() };
}

/** Scales every count by the same factor so that they sum to `cases` (largest remainders round up). */
function scaleCounts(days: DayPlan[], cases: number): void {
  const cells = days.flatMap((d) => d.counts.map((n, w) => ({ d, w, exact: n })));
  const sum = cells.reduce((a, c) => a + c.exact, 0);
  let left = cases;
  for (const c of cells) {
    c.exact = (c.exact * cases) / sum;
    c.d.counts[c.w] = Math.floor(c.exact);
    left -= c.d.counts[c.w]!;
  }
  cells.sort((a, b) => (b.exact % 1) - (a.exact % 1));
  for (let i = 0; i < left; i++) cells[i % cells.length]!.d.counts[cells[i % cells.length]!.w]! += 1;
}
