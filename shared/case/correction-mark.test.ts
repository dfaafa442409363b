import { describe, expect, it } from 'vitest';
import { SEED_CALENDAR } from '../catalog/calendar.ts';
import { correctionMark, type CorrectionMark } from './correction-mark.ts';

type Row = [type: string, day: string];
const read = (rows: Row[], today: string): CorrectionMark | null =>
  correctionMark({ events: rows.map(([type, day]) => ({ type, day })), today, calendars: SEED_CALENDAR });

// Received on Monday 2026-03-02 (an ordinary month): the fifth working day after it is Monday 03-09.
const received: Row = ['case.received', '2026-03-02'];

describe('correctionMark: five working days from receipt to a correction notice', () => {
  it.each<[string, string, Partial<CorrectionMark>]>([
    ['the day of receipt is not counted', '2026-03-02', { workingDay: 0, state: 'counting' }],
    ['day 3 still counts down', '2026-03-05', { workingDay: 3, state: 'counting' }],
    ['day 4 warns', '2026-03-06', { workingDay: 4, state: 'due' }],
    ['the weekend after day 4 is still day 4', '2026-03-08', { workingDay: 4, state: 'due' }],
    ['the mark day itself is still in time', '2026-03-09', { workingDay: 5, state: 'due' }],
    ['the day after the mark: passed', '2026-03-10', { workingDay: 6, state: 'passed' }],
  ])('%s', (_label, today, expected) => {
    expect(read([received], today)).toEqual({
      receivedDay: '2026-03-02',
      markDay: '2026-03-09',
      provisional: false,
      ...expected,
    });
  });

  it('counts on the hall calendar: the National Day week and its make-up Saturday', () => {
    // 2025-10-01..08 off; Saturday 10-11 a working day: 10-09, 10-10, 10-11, 10-13, 10-14.
    expect(read([['case.received', '2025-09-30']], '2025-10-13')).toMatchObject({
      markDay: '2025-10-14',
      workingDay: 4,
      state: 'due',
    });
    expect(read([['case.received', '2025-09-30']], '2025-10-08')).toMatchObject({ workingDay: 0, state: 'counting' });
  });

  it.each<[string, Row]>([
    ['a correction notice', ['case.correction_requested', '2026-03-09']],
    ['an acceptance', ['case.accepted', '2026-03-04']],
    ['a refusal to accept', ['case.not_accepted', '2026-03-06']],
    ['a withdrawal', ['case.withdrawn', '2026-03-03']],
  ])('is met by %s by the mark, however late it is read', (_label, settling) => {
    expect(read([received, ['case.signed_for', '2026-03-03'], settling], '2026-06-30')).toMatchObject({
      state: 'met',
      workingDay: read([received], settling[1])!.workingDay,
    });
  });

  it('stays passed when the notice or the acceptance comes after the mark', () => {
    for (const type of ['case.correction_requested', 'case.accepted']) {
      expect(read([received, [type, '2026-03-10']], '2026-06-30')).toMatchObject({ state: 'passed', workingDay: 6 });
    }
  });

  it('ignores what does not answer it, and needs the receipt', () => {
    const rows: Row[] = [received, ['case.signed_for', '2026-03-03'], ['case.note_added', '2026-03-05']];
    expect(read(rows, '2026-03-06')).toMatchObject({ state: 'due' });
    expect(read([['case.accepted', '2026-03-02']], '2026-03-06')).toBeNull();
  });

  it('says when a counted day lies in a year with no calendar', () => {
    expect(read([['case.received', '2031-03-03']], '2031-03-04')).toMatchObject({ provisional: true });
  });
});
