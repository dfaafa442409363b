// Days and times as the window reads them: the clerk's local calendar day,
// not UTC, because deadlines, day closes and case numbers count the days the
// hall is open. One layout in every language: 2026-11-22 09:05, for screens
// and data files; papers write dates in the official form (official-date.ts).

const pad = (n: number): string => String(n).padStart(2, '0');

/** The local calendar day of `at`, as 'YYYY-MM-DD'. */
export function localDay(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** Local wall-clock time of an instant, to the minute, or to the second where entries share a minute. */
export function localDateTime(at: Date | string, seconds = false): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}${seconds ? `:${pad(date.getSeconds())}` : ''}`;
  return `${localDay(date)} ${time}`;
}

/** The local day `offset` days from `from` (noon, so a daylight-saving change cannot move it). */
export function localDayFrom(from: Date, offset: number): string {
  return localDay(new Date(from.getFullYear(), from.getMonth(), from.getDate() + offset, 12));
}
