import { afterEach, describe, expect, it } from 'vitest';
import { officialDate, officialDateRange, officialDateTime } from './official-date.ts';

const zone = process.env.TZ;

/** Runs `check` on another local clock: Node re-reads TZ when it is assigned. */
function inZone(tz: string, check: () => void): void {
  process.env.TZ = tz;
  check();
}

afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('official dates', () => {
  it('writes a day without leading zeros in Chinese and with the month named in English', () => {
    expect(officialDate('2026-12-06', 'zh-CN')).toBe('2026年12月6日');
    expect(officialDate('2026-12-06', 'zh-TW')).toBe('2026年12月6日');
    expect(officialDate('2026-12-06', 'en')).toBe('6 December 2026');
    expect(officialDate('2027-01-09', 'en')).toBe('9 January 2027');
  });

  it('writes an instant with its local time, to the minute, on the 24-hour clock', () => {
    const at = new Date(2026, 11, 6, 14, 5, 59);
    expect(officialDateTime(at, 'zh-CN')).toBe('2026年12月6日 14:05');
    expect(officialDateTime(at.toISOString(), 'zh-TW')).toBe('2026年12月6日 14:05');
    expect(officialDateTime(at.toISOString(), 'en')).toBe('6 December 2026, 14:05');
    expect(officialDateTime(new Date(2026, 0, 2, 7, 3), 'en')).toBe('2 January 2026, 07:03');
  });

  it('puts an instant on the local day at midnight, in Beijing as west of Greenwich', () => {
    inZone('Asia/Shanghai', () => {
      // 16:00 UTC is midnight in Beijing: the next day there.
      expect(officialDateTime('2026-12-05T16:00:00.000Z', 'zh-CN')).toBe('2026年12月6日 00:00');
      expect(officialDateTime('2026-12-05T15:59:59.999Z', 'zh-CN')).toBe('2026年12月5日 23:59');
      expect(officialDate('2026-12-31T16:00:00.000Z', 'en')).toBe('1 January 2027');
    });
    inZone('America/New_York', () => {
      expect(officialDateTime('2026-12-07T04:59:00.000Z', 'en')).toBe('6 December 2026, 23:59');
      expect(officialDateTime('2026-12-07T05:00:00.000Z', 'zh-TW')).toBe('2026年12月7日 00:00');
    });
  });

  it('keeps a calendar day that day on every clock, never UTC midnight read locally', () => {
    for (const tz of ['Asia/Shanghai', 'America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      inZone(tz, () => {
        expect(officialDate('2026-12-06', 'zh-CN')).toBe('2026年12月6日');
        expect(officialDate('2026-01-01', 'en')).toBe('1 January 2026');
      });
    }
  });

  it('writes a range, and a range of one day once', () => {
    expect(officialDateRange('2026-12-01', '2026-12-06', 'zh-CN')).toBe('2026年12月1日至2026年12月6日');
    expect(officialDateRange('2026-12-01', '2026-12-06', 'en')).toBe('1 December 2026 to 6 December 2026');
    expect(officialDateRange('2026-12-06', '2026-12-06', 'zh-TW')).toBe('2026年12月6日');
  });
});
