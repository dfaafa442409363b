import { describe, expect, it } from 'vitest';
import { originalsToTravel, paperSteps, paperWhere } from './paper-journey.ts';

const entry = (type: string, details: Record<string, unknown> = {}, occurredAt = '2026-03-02T01:00:00.000Z') => ({
  type,
  occurredAt,
  details,
});

describe('the paper journey', () => {
  it('names the received materials whose originals travel, not those deferred or of other materials', () => {
    const catalog = [
      { id: 'a', originalMustBeMailed: true },
      { id: 'b', originalMustBeMailed: true },
      { id: 'c', originalMustBeMailed: false },
    ];
    expect(
      originalsToTravel(catalog, [
        { materialId: 'a', outcome: 'received', forms: ['original_kept'] },
        { materialId: 'b', outcome: 'deferred' },
        { materialId: 'c', outcome: 'received', forms: ['original_kept'] },
      ]),
    ).toEqual(['a']);
  });

  it('follows the originals and a posted result, leaving out the electronic signature and other events', () => {
    const steps = paperSteps([
      entry('case.received'),
      entry('case.originals_dispatched', { carrier: 'EMS', waybillNo: 'EA123456785CN', materialIds: ['a'] }),
      entry('case.signed_for', { part: 'electronic' }),
      entry('case.signed_for', { part: 'originals' }),
      entry('case.concluded_approved', { resultDocuments: [] }),
      entry('case.result_mailed', { carrier: 'EMS', waybillNo: '1234567890123', to: 'applicant' }),
    ]);
    expect(steps.map((s) => [s.type, s.waybillNo, s.to])).toEqual([
      ['case.originals_dispatched', 'EA123456785CN', null],
      ['case.signed_for', null, null],
      ['case.result_mailed', '1234567890123', 'applicant'],
    ]);
    expect(paperWhere({ steps, originalsNeeded: true, concluded: true, delivery: 'post' })).toEqual({
      originals: 'signed_for',
      result: 'in_transit_to_applicant',
    });
  });

  it('says what is still to do: originals to dispatch, a result to post or to collect at the handling place', () => {
    expect(paperWhere({ steps: [], originalsNeeded: true, concluded: false, delivery: 'post' })).toEqual({
      originals: 'to_dispatch',
      result: 'not_yet',
    });
    expect(paperWhere({ steps: [], originalsNeeded: false, concluded: true, delivery: 'post' }).result).toBe('to_post');
    expect(paperWhere({ steps: [], originalsNeeded: false, concluded: true, delivery: 'handling_place' }).result).toBe(
      'at_handling_place',
    );
  });

  it('follows a result sent back to the window until it is collected', () => {
    const mailed = entry('case.result_mailed', { carrier: 'EMS', waybillNo: '1234567890123', to: 'intake_window' });
    const where = (types: ReturnType<typeof entry>[]) =>
      paperWhere({ steps: paperSteps(types), originalsNeeded: false, concluded: true, delivery: 'intake_window' })
        .result;
    expect(where([mailed])).toBe('in_transit_to_window');
    expect(where([mailed, entry('case.result_arrived')])).toBe('at_window');
    expect(where([mailed, entry('case.result_arrived'), entry('case.result_collected')])).toBe('collected');
  });
});
