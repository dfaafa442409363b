// What the status page keeps of an event and what it tells the applicant to
// do next: the result's place follows the applicant's choice at intake where
// the payload records one, else the window that took the case in.
import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, type CaseStatusCode } from '../shared/case/status.ts';
import { nextStep } from '../shared/sync/status-page.ts';
import { collectPlaceOf } from './status-index.ts';

describe('where the result is collected', () => {
  it('follows the delivery chosen at intake, else the intake window', () => {
    expect(collectPlaceOf({ delivery: { method: 'post' } })).toBe('post');
    expect(collectPlaceOf({ delivery: { method: 'handling_place' } })).toBe('handling_place');
    expect(collectPlaceOf({})).toBe('intake_window');
    expect(collectPlaceOf({ delivery: { method: 'drone' } })).toBe('intake_window');
  });
});

describe('the next step', () => {
  it('is named for every status', () => {
    const steps = (Object.keys(CASE_STATUSES).map(Number) as CaseStatusCode[]).map((s) => [
      CASE_STATUSES[s],
      nextStep(s, null, 'intake_window'),
    ]);
    expect(Object.fromEntries(steps)).toEqual({
      received: 'await_acceptance',
      withdrawn: 'none',
      accepted: 'await_result',
      not_competent: 'collect',
      not_accepted: 'collect',
      correction_requested: 'supply_corrections',
      correction_completed: 'await_acceptance',
      processing: 'await_result',
      special_procedure_started: 'await_result',
      special_procedure_ended: 'await_result',
      concluded_approved: 'collect',
      concluded_approved_deferred: 'collect',
      concluded_refused: 'collect',
      recalled: 'none',
      revoked: 'none',
    });
  });

  it('waits for the post where the result is posted, and ends once it is collected', () => {
    expect(nextStep(11, 'result_in_transit', 'post')).toBe('await_post');
    expect(nextStep(11, 'collected', 'post')).toBe('none');
    expect(nextStep(13, 'awaiting_pickup', 'handling_place')).toBe('collect');
  });
});
