// Each way a case's clock can end, and that only a conclusion is on time or late.
import { describe, expect, it } from 'vitest';
import { clockOutcome, endsWithoutConclusion, isConclusion, showsDeadlines, type OutcomeInput } from './outcome.ts';
import { CASE_STATUSES, type CaseStatusCode } from './status.ts';

const deadlines = { promised: '2026-03-09', statutory: '2026-03-30' };
const at = (status: CaseStatusCode, concludedDay: string | null = null, d: Partial<OutcomeInput> = {}) =>
  clockOutcome({ status, concludedDay, ...deadlines, ...d });

describe('clockOutcome', () => {
  it.each<[string, CaseStatusCode, string | null, Partial<OutcomeInput>, string]>([
    ['concluded on the promised day', 11, '2026-03-09', {}, 'on_time'],
    ['concluded with documents to follow, a day after the promise', 12, '2026-03-10', {}, 'late'],
    ['refused after review before the promise: a conclusion, on time', 13, '2026-03-04', {}, 'on_time'],
    ['concluded without a promise: judged by the statutory limit', 11, '2026-03-31', { promised: null }, 'late'],
    ['concluded without any limit', 11, '2026-03-31', { promised: null, statutory: null }, 'concluded'],
    ['concluded on a day not known', 11, null, {}, 'concluded'],
    ['not accepted (不予受理), before the promise', 5, null, {}, 'not_accepted'],
    ['not accepted, even with a day given', 5, '2026-03-04', {}, 'not_accepted'],
    ['withdrawn (已撤件)', 2, null, {}, 'withdrawn'],
    ['not competent (不受理)', 4, null, {}, 'not_competent'],
    ['recalled (撤回)', 14, null, {}, 'recalled'],
    ['revoked (撤销)', 15, null, {}, 'revoked'],
  ])('%s', (_, status, day, d, expected) => {
    expect(at(status, day, d)).toBe(expected);
  });

  it('keeps every status that is neither a conclusion nor an end open', () => {
    const open = ([1, 3, 6, 7, 8, 9, 10] as const).map((status) => at(status, '2026-03-04'));
    expect(open).toEqual(Array(7).fill('open'));
  });

  it('classifies every status: conclusions show their dates, other ends do not', () => {
    const codes = Object.keys(CASE_STATUSES).map(Number) as CaseStatusCode[];
    const rows = codes.map((code) => {
      const outcome = at(code, '2026-03-04');
      return [code, isConclusion(outcome), endsWithoutConclusion(outcome), showsDeadlines(outcome)];
    });
    expect(rows.filter(([, concluded]) => concluded).map(([code]) => code)).toEqual([11, 12, 13]);
    expect(rows.filter(([, , ended]) => ended).map(([code]) => code)).toEqual([2, 4, 5, 14, 15]);
    expect(rows.filter(([, , , shows]) => !shows).map(([code]) => code)).toEqual([2, 4, 5, 14, 15]);
  });
});
