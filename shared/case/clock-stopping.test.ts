// A clock that has stopped (the case concluded or not accepted), and the
// events a clock needs or ignores.
import { describe, expect, it } from 'vitest';
import type { Matter } from '../catalog/schema.ts';
import type { CaseClock } from './clock.ts';
import { clock, received, accepted, special, dispatched, type Row } from './clock-test-support.ts';

describe('caseClock: stopping', () => {
  const base: Row[] = [received('2026-03-02'), accepted('2026-03-02')];

  it.each<[string, Partial<Matter['limits']>, Row[], Partial<CaseClock>]>([
    [
      'concluded on the deadline day: on time, no mark',
      { promisedDays: 5 },
      [...base, ['case.concluded_approved', '2026-03-09']],
      { promised: { date: '2026-03-09', remainingDays: 0, onTime: true } },
    ],
    [
      'refused a day late on the promise, well within the statutory limit',
      { promisedDays: 5, statutoryDays: 20 },
      [...base, ['case.concluded_refused', '2026-03-10']],
      {
        promised: { date: '2026-03-09', remainingDays: -1, onTime: false },
        statutory: { date: '2026-03-30', remainingDays: 14, onTime: true },
      },
    ],
    [
      'concluded on the Saturday after a Friday deadline: late, though no working day more was used',
      { promisedDays: 4 },
      [...base, ['case.concluded_approved_deferred', '2026-03-07']],
      { promised: { date: '2026-03-06', remainingDays: 0, onTime: false } },
    ],
    [
      'not accepted before acceptance stops the estimate',
      { promisedDays: 5 },
      [received('2026-03-02'), ['case.not_accepted', '2026-03-04']],
      { startDay: '2026-03-02', promised: { date: '2026-03-09', remainingDays: 3, onTime: true } },
    ],
    [
      'events after the stop do not move it',
      { promisedDays: 5 },
      [...base, ['case.concluded_approved', '2026-03-09'], ...special('2026-03-10', '2026-03-20')],
      { promised: { date: '2026-03-09', remainingDays: 0, onTime: true } },
    ],
    [
      'concluded while the excluded mail is in transit (the projection ends on the stop day)',
      { promisedDays: 5 },
      [...base, dispatched('2026-03-04'), ['case.concluded_approved', '2026-03-11']],
      // 03-03, 03-04 counted; 03-05..03-11 in transit: 3 left.
      { promised: { date: '2026-03-16', remainingDays: 3, onTime: true }, pausedDays: 5 },
    ],
    [
      'withdrawn while under review stops it where it stood, a pause or not',
      { promisedDays: 5 },
      [...base, ...special('2026-03-03'), ['case.withdrawn', '2026-03-05']],
      // 03-03 counted, 03-04 and 03-05 paused: 4 left as the applicant withdrew.
      { promised: { date: '2026-03-11', remainingDays: 4, onTime: true }, pausedDays: 2 },
    ],
    [
      'withdrawn before acceptance ends the estimate and the acceptance decision owed',
      { promisedDays: 5, acceptanceDecisionDays: 5 },
      [received('2026-03-02'), ['case.withdrawn', '2026-03-03'], accepted('2026-03-04')],
      {
        startDay: '2026-03-02',
        promised: { date: '2026-03-09', remainingDays: 4, onTime: true },
        acceptanceDecision: null,
      },
    ],
  ])('%s', (_label, limits, rows, expected) => {
    // Read long after: a stopped clock does not move with today.
    const result = clock(limits, rows, '2026-06-30', { clockExcludesMail: true });
    expect(result).toMatchObject({ state: 'stopped', mark: 'none', provisional: false, ...expected });
  });
});
describe('caseClock: inputs', () => {
  it('needs the intake or the acceptance', () => {
    expect(() => clock({ promisedDays: 5 }, [['case.note_added', '2026-03-02']], '2026-03-02')).toThrow(RangeError);
  });

  it('ignores a pause end without its start', () => {
    expect(
      clock(
        { promisedDays: 5 },
        [received('2026-03-02'), accepted('2026-03-02'), ['case.special_procedure_ended', '2026-03-04']],
        '2026-03-04',
      ),
    ).toMatchObject({
      state: 'running',
      promised: { date: '2026-03-09', remainingDays: 3 },
      pausedDays: 0,
    });
  });
});
