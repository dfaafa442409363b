import { describe, expect, it } from 'vitest';
import { localDateTime, localDay, localDayFrom } from './local-time.ts';

describe('local days and times', () => {
  it('reads the local calendar, padded', () => {
    const at = new Date(2026, 0, 5, 7, 3, 9);
    expect(localDay(at)).toBe('2026-01-05');
    expect(localDateTime(at)).toBe('2026-01-05 07:03');
    expect(localDateTime(at, true)).toBe('2026-01-05 07:03:09');
    expect(localDateTime(at.toISOString(), true)).toBe('2026-01-05 07:03:09');
  });

  it('cuts times to the minute, never rounds them up', () => {
    expect(localDateTime(new Date(2026, 10, 23, 9, 5, 59).toISOString())).toBe('2026-11-23 09:05');
  });

  it('counts days across a month and a year end', () => {
    expect(localDayFrom(new Date(2026, 11, 31, 23, 59), 1)).toBe('2027-01-01');
    expect(localDayFrom(new Date(2026, 2, 1, 0, 1), -1)).toBe('2026-02-28');
  });
});
